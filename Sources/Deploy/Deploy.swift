/// Cluster deployment: spec, nodes, containers, supervisor, preflight.
public enum Deploy {}
