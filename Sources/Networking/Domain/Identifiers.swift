import Foundation

/// Where new resource ids come from: random lowercase UUIDs (Neutron's ids keep their dashes, unlike
/// Keystone's); tests replaying a recorded scenario hand out the recorded ids instead.
public struct IDSource: Sendable {
    /// The kinds of resources that get ids.
    public enum Kind: Sendable { case network, segment, subnet, port, securityGroup, rule, router, floatingIP, subnetPool, addressGroup, rbacPolicy, addressScope, portForwarding, trunk, qosPolicy, qosRule, flavor, serviceProfile }
    /// The next id for a resource of a kind.
    public let make: @Sendable (Kind) -> String

    /// A source handing out `make`'s ids.
    public init(_ make: @escaping @Sendable (Kind) -> String) { self.make = make }

    /// Random lowercase UUIDs, as Neutron makes them.
    public static let random = IDSource { _ in UUID().uuidString.lowercased() }
}

/// New MACs as Neutron makes them.
enum Identifiers {
    /// A random MAC under OpenStack's `fa:16:3e` prefix.
    static func mac() -> String {
        "fa:16:3e:" + (0..<3).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined(separator: ":")
    }

    /// A MAC no port uses yet.
    static func uniqueMAC(in state: NetworkingState) -> String {
        while true {
            let mac = mac()
            if state.macs[mac] == nil { return mac }
        }
    }

    /// Whether `text` is a unicast MAC written as six colon-separated hex octets; returns it in lowercase.
    static func normalizedMAC(_ text: String) -> String? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 6, parts.allSatisfy({ $0.count == 2 && UInt8($0, radix: 16) != nil }) else { return nil }
        let lower = text.lowercased()
        guard let first = UInt8(parts[0], radix: 16), first & 1 == 0, lower != "00:00:00:00:00:00" else { return nil }
        return lower
    }
}
