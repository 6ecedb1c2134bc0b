/// Shared HTTP conventions of every OVNStack API service.
public enum OpenStackAPI {}
