/// The names the agent gives a network's metadata plumbing: the namespace `<prefix>-<network uuid>` (Neutron's
/// `ovnmeta-<network uuid>` with the default prefix) and the veth `tap<network[:10]>0` (node side, on br-int) /
/// `tap<network[:10]>1` (namespace side, holding the metadata addresses).
public struct MetadataNames: Sendable, Hashable {
    /// The namespace prefix (`ovnmeta` on a real host; unique per node where nodes share one kernel).
    public let prefix: String

    /// Names under `prefix`.
    public init(prefix: String) { self.prefix = prefix }

    /// The network's metadata namespace.
    public func namespace(_ networkID: String) -> String { "\(prefix)-\(networkID)" }

    /// The veth end in the node's namespace, a port of br-int.
    public func nodeLink(_ networkID: String) -> String { "tap\(networkID.prefix(10))0" }

    /// The veth end inside the metadata namespace.
    public func namespaceLink(_ networkID: String) -> String { "tap\(networkID.prefix(10))1" }

    /// The network of a namespace this agent names, or nil for any other namespace (the rest must be a
    /// lowercase UUID, so `<prefix>-vm-…` or another node's `<prefix>x-…` is never taken for ours).
    public func network(ofNamespace name: String) -> String? {
        guard name.hasPrefix(prefix + "-") else { return nil }
        let rest = String(name.dropFirst(prefix.count + 1))
        return Self.isLowercaseUUID(rest) ? rest : nil
    }

    /// The network of an SB Datapath_Binding (`external_ids:name` = `neutron-<network uuid>`).
    public static func network(ofDatapathName name: String) -> String? {
        guard name.hasPrefix("neutron-") else { return nil }
        let rest = String(name.dropFirst(8))
        return isLowercaseUUID(rest) ? rest : nil
    }

    static func isLowercaseUUID(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count == 36 else { return false }
        for (i, b) in bytes.enumerated() {
            if [8, 13, 18, 23].contains(i) { if b != UInt8(ascii: "-") { return false } } else if !(b >= 48 && b <= 57 || b >= 97 && b <= 102) {
                return false
            }
        }
        return true
    }
}
