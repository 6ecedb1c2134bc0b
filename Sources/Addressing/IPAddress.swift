/// An IPv4 or IPv6 address held as a 128-bit number, so that both families share the IPAM arithmetic.
public struct IPAddress: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 4 or 6.
    public let version: Int
    /// The address as a number (IPv4 in the low 32 bits).
    public let value: UInt128

    public init(version: Int, value: UInt128) {
        self.version = version
        self.value = value
    }

    /// Parses dotted-quad IPv4 or RFC 4291 IPv6 text (with `::` and an embedded IPv4 tail); nil when malformed.
    public init?(_ text: String) {
        if text.contains(":") {
            guard let v = Self.parseV6(Substring(text)) else { return nil }
            self.init(version: 6, value: v)
        } else {
            guard let v = Self.parseV4(Substring(text)) else { return nil }
            self.init(version: 4, value: UInt128(v))
        }
    }

    /// The number of bits of the family.
    public var bits: Int { version == 4 ? 32 : 128 }

    public static func < (a: IPAddress, b: IPAddress) -> Bool { (a.version, a.value) < (b.version, b.value) }

    /// The address `offset` further on (wrapping is the caller's concern).
    public func advanced(by offset: UInt128) -> IPAddress { IPAddress(version: version, value: value &+ offset) }

    public var description: String { version == 4 ? Self.formatV4(UInt32(truncatingIfNeeded: value)) : Self.formatV6(value) }

    static func parseV4(_ text: Substring) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var out: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let n = UInt32(part), n <= 255,
                  !(part.count > 1 && part.hasPrefix("0")) else { return nil }
            out = out << 8 | n
        }
        return out
    }

    static func parseV6(_ text: Substring) -> UInt128? {
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [UInt16]? {
            if s.isEmpty { return [] }
            var out: [UInt16] = []
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            for (i, part) in parts.enumerated() {
                if i == parts.count - 1, part.contains(".") {
                    guard let v4 = parseV4(part) else { return nil }
                    out += [UInt16(v4 >> 16), UInt16(v4 & 0xffff)]
                } else {
                    guard (1...4).contains(part.count), let g = UInt16(part, radix: 16) else { return nil }
                    out.append(g)
                }
            }
            return out
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.reduce(UInt128(0)) { $0 << 16 | UInt128($1) }
    }

    static func formatV4(_ v: UInt32) -> String { "\(v >> 24).\(v >> 16 & 255).\(v >> 8 & 255).\(v & 255)" }

    /// RFC 5952: lowercase, no leading zeros, the longest run (≥ 2) of zero groups as `::`.
    static func formatV6(_ v: UInt128) -> String {
        let groups = (0..<8).map { UInt16(truncatingIfNeeded: v >> (112 - 16 * $0)) }
        var best = (start: -1, length: 0), run = (start: -1, length: 0)
        for (i, g) in groups.enumerated() {
            if g == 0 {
                run = run.start < 0 ? (i, 1) : (run.start, run.length + 1)
                if run.length > best.length { best = run }
            } else {
                run = (-1, 0)
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return hex.joined(separator: ":") }
        let left = hex[..<best.start].joined(separator: ":"), right = hex[(best.start + best.length)...].joined(separator: ":")
        return left + "::" + right
    }
}

/// An IP network (`10.0.0.0/24`): the base address has no host bits set.
public struct IPNetwork: Hashable, Sendable, CustomStringConvertible {
    public let address: IPAddress
    public let prefixLength: Int

    /// Parses `address/prefix`; with `strict`, host bits must be zero. Nil when malformed.
    public init?(_ text: String, strict: Bool = true) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPAddress(String(parts[0])), let prefix = Int(parts[1]),
              (0...address.bits).contains(prefix), parts[1].allSatisfy(\.isNumber) else { return nil }
        let mask = Self.mask(prefix, bits: address.bits)
        if strict, address.value & ~mask != 0 { return nil }
        self.address = IPAddress(version: address.version, value: address.value & mask)
        self.prefixLength = prefix
    }

    public init(address: IPAddress, prefixLength: Int) {
        self.address = IPAddress(version: address.version, value: address.value & Self.mask(prefixLength, bits: address.bits))
        self.prefixLength = prefixLength
    }

    static func mask(_ prefix: Int, bits: Int) -> UInt128 {
        let all: UInt128 = bits == 128 ? ~0 : (UInt128(1) << bits) - 1
        return prefix == 0 ? 0 : all & ~((UInt128(1) << (bits - prefix)) - 1)
    }

    public var version: Int { address.version }
    /// The first address (the network address).
    public var first: IPAddress { address }
    /// The last address (broadcast for IPv4).
    public var last: IPAddress {
        IPAddress(version: version, value: address.value | ~Self.mask(prefixLength, bits: address.bits) & (address.bits == 128 ? ~0 : (UInt128(1) << address.bits) - 1))
    }

    public func contains(_ ip: IPAddress) -> Bool { ip.version == version && ip >= first && ip <= last }

    /// Whether the two networks share an address.
    public func overlaps(_ other: IPNetwork) -> Bool {
        version == other.version && first <= other.last && other.first <= last
    }

    public var description: String { "\(address)/\(prefixLength)" }
}

extension IPNetwork {
    /// Parses text as netaddr's `IPNetwork` reads it: `address/prefix` with host bits cleared, or a bare address as a
    /// host route (`/32`, `/128`). Nil when malformed.
    public init?(hostOrNetwork text: String) {
        self.init(text.contains("/") ? text : text + (text.contains(":") ? "/128" : "/32"), strict: false)
    }
}
