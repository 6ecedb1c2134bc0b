import Addressing

/// Prefix arithmetic for subnet pools: merging prefixes as netaddr's `cidr_merge` does, and finding the first free
/// block of a size among them.
enum PrefixAllocation {
    /// The smallest set of prefixes covering exactly the same addresses, sorted.
    static func merged(_ prefixes: [IPNetwork]) -> [IPNetwork] {
        var ranges = prefixes.map { (first: $0.first.value, last: $0.last.value, version: $0.version) }
            .sorted { ($0.version, $0.first) < ($1.version, $1.first) }
        var joined: [(first: UInt128, last: UInt128, version: Int)] = []
        for r in ranges {
            if let last = joined.last, last.version == r.version, last.last == .max || r.first <= last.last + 1 {
                joined[joined.count - 1].last = max(last.last, r.last)
            } else {
                joined.append(r)
            }
        }
        ranges = joined
        return ranges.flatMap { cover($0.first, $0.last, version: $0.version) }
    }

    /// The CIDR blocks exactly covering `first...last`: at each step the largest aligned block that fits.
    private static func cover(_ first: UInt128, _ last: UInt128, version: Int) -> [IPNetwork] {
        let bits = version == 4 ? 32 : 128
        var out: [IPNetwork] = []
        var start = first
        while true {
            var chosen = bits
            var size: UInt128? = 1
            for length in 0...bits {
                let hostBits = bits - length
                let candidate: UInt128? = hostBits >= 128 ? nil : UInt128(1) << hostBits  // nil: all 2^128 addresses
                if let candidate {
                    guard start % candidate == 0, candidate - 1 <= last - start else { continue }
                } else {
                    guard start == 0, last == .max else { continue }
                }
                chosen = length
                size = candidate
                break
            }
            out.append(IPNetwork(address: IPAddress(version: version, value: start), prefixLength: chosen))
            guard let size else { break }
            let (next, overflow) = start.addingReportingOverflow(size)
            if overflow || next > last || next == 0 { break }
            start = next
        }
        return out
    }

    /// Whether every address of `inner` is in one of `prefixes`.
    static func covers(_ prefixes: [IPNetwork], _ inner: IPNetwork) -> Bool {
        prefixes.contains { $0.version == inner.version && $0.first <= inner.first && inner.last <= $0.last }
    }

    /// The first block of `length` inside `prefixes` that overlaps none of `used`.
    static func firstFree(_ length: Int, in prefixes: [IPNetwork], used: [IPNetwork]) -> IPNetwork? {
        for prefix in prefixes where prefix.prefixLength <= length {
            let bits = prefix.version == 4 ? 32 : 128
            guard length <= bits, bits - length < 128 else { continue }
            let step = UInt128(1) << (bits - length)
            var start = prefix.first.value
            while true {
                let block = IPNetwork(address: IPAddress(version: prefix.version, value: start), prefixLength: length)
                guard block.last.value <= prefix.last.value else { break }
                guard let clash = used.first(where: { $0.overlaps(block) }) else { return block }
                // Past the block in use, aligned to the next block of this size.
                let (after, overflow) = max(clash.last.value, block.last.value).addingReportingOverflow(1)
                if overflow { break }
                // Round up to a multiple of `step`, without overflowing near the top of the IPv6 space.
                let remainder = after % step
                let (aligned, past) = remainder == 0 ? (after, false) : after.addingReportingOverflow(step - remainder)
                if past || aligned <= start { break }
                start = aligned
            }
        }
        return nil
    }
}
