import Addressing

/// What a cluster spec needs of its underlay and external networks: IPv4 only, a prefix that
/// leaves room for nodes, and host addresses by index.
extension IPNetwork {
    /// Parses a spec's `a.b.c.d/len` (prefix 8–30); the host bits are cleared.
    public init(specCIDR text: String) throws(DeployError) {
        guard let network = IPNetwork(text, strict: false), network.version == 4, (8...30).contains(network.prefixLength) else {
            throw .invalidSpec("\(text) is not an IPv4 CIDR like 172.30.99.0/24 (prefix 8–30)")
        }
        self = network
    }

    /// The address `index` hosts into the network (index 1 is the first usable address).
    public func host(_ index: Int) -> String { address.advanced(by: UInt128(index)).description }

    /// Whether `address` is a host of the network: inside it, and neither its network nor its broadcast address.
    public func hasHost(_ address: String) -> Bool {
        guard let ip = IPAddress(address) else { return false }
        return contains(ip) && ip != first && ip != last
    }
}

extension KeyedDecodingContainer {
    /// A spec network at `key` (see `IPNetwork.init(specCIDR:)`), or nil when absent.
    func decodeSpecCIDR(forKey key: Key) throws -> IPNetwork? {
        try decodeIfPresent(String.self, forKey: key).map { text throws(DeployError) in try IPNetwork(specCIDR: text) }
    }
}
