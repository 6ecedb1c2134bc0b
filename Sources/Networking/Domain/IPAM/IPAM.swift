import Addressing
/// Subnet-pool-less IPAM: allocation pools, and free addresses chosen from them.
enum IPAM {
    /// Usable host range of a network: IPv4 leaves out the network and broadcast addresses,
    /// IPv6 the subnet-router anycast address.
    static func hostRange(_ net: IPNetwork) -> ClosedRange<IPAddress>? {
        let first = net.first.advanced(by: 1)
        let last = net.version == 4 && net.prefixLength < 31 ? IPAddress(version: 4, value: net.last.value - 1) : net.last
        return first <= last ? first...last : nil
    }

    /// The default pools: the host range without the gateway.
    static func defaultPools(_ net: IPNetwork, gateway: IPAddress?) -> [ClosedRange<IPAddress>] {
        guard let range = hostRange(net) else { return [] }
        guard let gw = gateway, range.contains(gw) else { return [range] }
        var pools: [ClosedRange<IPAddress>] = []
        if gw > range.lowerBound { pools.append(range.lowerBound...IPAddress(version: gw.version, value: gw.value - 1)) }
        if gw < range.upperBound { pools.append(gw.advanced(by: 1)...range.upperBound) }
        return pools
    }

    /// The first free address of the pools (what the metadata port gets: `.2` on a default subnet).
    static func lowestFree(_ pools: [ClosedRange<IPAddress>], used: [IPAddress: String]) -> IPAddress? {
        for pool in pools {
            var ip = pool.lowerBound
            while true {
                if used[ip] == nil { return ip }
                if ip == pool.upperBound { break }
                ip = ip.advanced(by: 1)
            }
        }
        return nil
    }

    /// A random free address of the pools, so that concurrent clients rarely ask for the same one;
    /// a linear scan from a random point when random picks keep hitting used addresses.
    static func randomFree(_ pools: [ClosedRange<IPAddress>], used: [IPAddress: String]) -> IPAddress? {
        let sizes = pools.map { $0.upperBound.value - $0.lowerBound.value + 1 }
        let total = sizes.reduce(0, +)
        guard total > 0, UInt128(used.count) < total || used.isEmpty else { return lowestFree(pools, used: used) }
        func address(_ n: UInt128) -> IPAddress {
            var n = n
            for (pool, size) in zip(pools, sizes) {
                if n < size { return pool.lowerBound.advanced(by: n) }
                n -= size
            }
            return pools[0].lowerBound
        }
        for _ in 0..<16 {
            let ip = address(UInt128.random(in: 0..<total))
            if used[ip] == nil { return ip }
        }
        let start = UInt128.random(in: 0..<total)
        var n: UInt128 = 0
        while n < total {
            let ip = address((start + n) % total)
            if used[ip] == nil { return ip }
            n += 1
        }
        return nil
    }

    /// The SLAAC (EUI-64) address of a MAC in a /64.
    static func eui64(_ net: IPNetwork, mac: String) -> IPAddress? {
        let bytes = mac.split(separator: ":").compactMap { UInt8($0, radix: 16) }
        guard bytes.count == 6, net.version == 6 else { return nil }
        let eui: [UInt8] = [bytes[0] ^ 0x02, bytes[1], bytes[2], 0xff, 0xfe, bytes[3], bytes[4], bytes[5]]
        let host = eui.reduce(UInt128(0)) { $0 << 8 | UInt128($1) }
        return IPAddress(version: 6, value: net.first.value | host)
    }
}
