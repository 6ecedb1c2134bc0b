/// The loopback ports of a cluster's API services. The default cluster `ovnstack` uses the standard
/// ones; any other cluster picks free ports at its first `up` and keeps them in `cluster.json`, so the
/// catalog the identity service bootstrapped stays right.
public struct APIPorts: Sendable, Codable, Hashable {
    public var identity: Int
    public var network: Int
    public var compute: Int
    public var image: Int

    public init(identity: Int, network: Int, compute: Int, image: Int) {
        self.identity = identity
        self.network = network
        self.compute = compute
        self.image = image
    }

    /// 5000, 9696, 8774, 9292.
    public static let standard = APIPorts(identity: 5000, network: 9696, compute: 8774, image: 9292)

    /// The standard ports for the default cluster, else four free loopback ports.
    public static func choose(cluster: String) throws -> APIPorts {
        guard cluster != "ovnstack" else { return .standard }
        let ports = try LoopbackPort.allocate(4)
        return APIPorts(identity: ports[0], network: ports[1], compute: ports[2], image: ports[3])
    }

    /// `--service` arguments of `ovnstack serve identity`: the catalog of the services the cluster runs.
    /// Identity registers itself; the network, image and compute services run beside it.
    public var catalogArguments: [String] {
        ["--service", "network:\(network)", "--service", "image:\(image)", "--service", "compute:\(compute)/v2.1"]
    }
}
