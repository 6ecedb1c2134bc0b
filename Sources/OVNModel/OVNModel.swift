/// Typed rows of the OVN and Open vSwitch databases.
public enum OVNModel {}
