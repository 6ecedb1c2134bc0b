import Addressing
/// The provider network outside the cloud: `physnet1` on the gateway's `br-ex`, with the
/// outside world (an `ext` namespace holding the upstream router address) on the other end.
public struct ExternalNetworkSpec: Sendable, Codable, Hashable {
    public var physnet = "physnet1"
    public var bridge = "br-ex"
    public var cidr = try! IPNetwork(specCIDR: "203.0.113.0/24")
    /// The outside router's address, inside the `ext` namespace.
    public var router = "203.0.113.254"

    public init() {}

    enum CodingKeys: String, CodingKey { case physnet, bridge, cidr, router }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        physnet = try c.decodeIfPresent(String.self, forKey: .physnet) ?? physnet
        bridge = try c.decodeIfPresent(String.self, forKey: .bridge) ?? bridge
        cidr = try c.decodeSpecCIDR(forKey: .cidr) ?? cidr
        router = try c.decodeIfPresent(String.self, forKey: .router) ?? cidr.host(254)
    }
}
