/// What this agent has made for one instance, kept on disk so that a restarted agent knows what it owns:
/// the ports it bound (and which it created), the guest's network namespace and container, and the
/// generation the guest runs.
struct LocalInstance: Sendable, Codable, Equatable {
    /// One NIC: the Networking port and its veth.
    struct NIC: Sendable, Codable, Equatable {
        var portID: String
        /// Whether Compute created the port (deleted with the instance) or the user brought it (unbound only).
        var created: Bool
        var networkID: String
        var mac: String
        var mtu: Int
        /// The guest-side name (`eth0`, `eth1`, …).
        var guestName: String

        /// os-vif's device name: `tap` + the first 11 characters of the port id.
        var tapName: String { "tap" + portID.prefix(11) }
    }

    var id: String
    var imageID: String
    var flavor: InstanceSpec.Flavor
    var nics: [NIC] = []
    /// Every requested NIC has its port.
    var portsReady = false
    /// The root filesystem is unpacked and the guest's files injected.
    var rootfsReady = false
    /// The generation the guest was last (re)started for; 0 before the first start.
    var generation = 0
    /// Whether the guest should be running as far as this agent last converged.
    var running = false
    /// The last fault reported, if the instance failed on this node.
    var fault: String?
}
