/// Helpers that start real OVSDB servers for tests.
public enum OVSDBTestSupport {}
