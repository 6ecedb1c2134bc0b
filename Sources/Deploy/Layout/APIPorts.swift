/// The loopback ports of a cluster's API services. The default cluster `ovnstack` uses the standard
/// ones; any other cluster picks free ports at its first `up` and keeps them in `cluster.json`, so the
/// catalog the identity service bootstrapped stays right.
public struct APIPorts: Sendable, Codable, Hashable {
    public var identity: Int
    public var network: Int
    public var compute: Int
    public var image: Int
    /// nova-metadata: reached by the metadata agents only, so it is not in the catalog.
    public var metadata: Int

    public init(identity: Int, network: Int, compute: Int, image: Int, metadata: Int) {
        self.identity = identity
        self.network = network
        self.compute = compute
        self.image = image
        self.metadata = metadata
    }

    /// 5000, 9696, 8774, 9292, 8775.
    public static let standard = APIPorts(identity: 5000, network: 9696, compute: 8774, image: 9292, metadata: 8775)

    /// The standard ports for the default cluster, else five free loopback ports.
    public static func choose(cluster: String) throws -> APIPorts {
        guard cluster != "ovnstack" else { return .standard }
        let ports = try LoopbackPort.allocate(5)
        return APIPorts(identity: ports[0], network: ports[1], compute: ports[2], image: ports[3], metadata: ports[4])
    }

    /// A `cluster.json` written before the metadata service existed has no `metadata` port: the default
    /// cluster gets the standard one, any other a free one (kept at the next save).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        identity = try c.decode(Int.self, forKey: .identity)
        network = try c.decode(Int.self, forKey: .network)
        compute = try c.decode(Int.self, forKey: .compute)
        image = try c.decode(Int.self, forKey: .image)
        if let port = try c.decodeIfPresent(Int.self, forKey: .metadata) {
            metadata = port
        } else {
            metadata = identity == Self.standard.identity ? Self.standard.metadata : try LoopbackPort.allocate(1)[0]
        }
    }

    /// `--service` arguments of `ovnstack serve identity`: the catalog of the services the cluster runs.
    /// Identity registers itself; the network, image and compute services run beside it.
    public var catalogArguments: [String] {
        ["--service", "network:\(network)", "--service", "image:\(image)", "--service", "compute:\(compute)/v2.1"]
    }
}
