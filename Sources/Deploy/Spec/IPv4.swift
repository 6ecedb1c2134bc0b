/// An IPv4 network in CIDR notation, enough to hand out host addresses.
public struct IPv4Network: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The network address as a 32-bit number.
    public let base: UInt32
    /// The prefix length (0–32).
    public let prefix: Int

    /// Parses `a.b.c.d/len`; the host bits are cleared.
    public init(_ text: String) throws(SpecError) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let address = IPv4Network.parse(String(parts[0])), let prefix = Int(parts[1]),
            (8...30).contains(prefix)
        else { throw .invalid("\(text) is not an IPv4 CIDR like 172.30.99.0/24 (prefix 8–30)") }
        let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << (32 - prefix)
        self.base = address & mask
        self.prefix = prefix
    }

    /// The address `index` hosts into the network (index 1 is the first usable address).
    public func host(_ index: Int) -> String { IPv4Network.format(base &+ UInt32(index)) }

    /// Whether an address lies inside the network (and is neither its network nor broadcast address).
    public func contains(_ address: String) -> Bool {
        guard let a = IPv4Network.parse(address) else { return false }
        let size = UInt32(1) << (32 - prefix)
        return a > base && a < base &+ size &- 1
    }

    public var description: String { "\(IPv4Network.format(base))/\(prefix)" }

    /// Parses a dotted quad.
    public static func parse(_ text: String) -> UInt32? {
        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        guard octets.count == 4 else { return nil }
        var value: UInt32 = 0
        for octet in octets {
            guard let n = UInt32(octet), n < 256 else { return nil }
            value = value << 8 | n
        }
        return value
    }

    /// Formats a 32-bit address as a dotted quad.
    public static func format(_ value: UInt32) -> String {
        "\(value >> 24 & 255).\(value >> 16 & 255).\(value >> 8 & 255).\(value & 255)"
    }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        try self.init(text)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
