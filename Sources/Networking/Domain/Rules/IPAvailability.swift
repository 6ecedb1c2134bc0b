import Addressing

/// `network-ip-availability`: how many addresses each subnet's allocation pools hold and how many are in use.
struct IPAvailability: Sendable, Equatable {
    /// One subnet's counts.
    struct SubnetCounts: Sendable, Equatable {
        var subnet: Subnet
        /// Addresses in the allocation pools (the whole CIDR when there are none), as Neutron counts them.
        var total: UInt128
        /// Addresses ports hold in the subnet, in the pools or not (the gateway counts once a router port holds it).
        var used: Int
    }

    var network: Network
    var subnets: [SubnetCounts]
    var total: UInt128 { subnets.reduce(0) { IPAvailability.add($0, $1.total) } }
    var used: Int { subnets.reduce(0) { $0 + $1.used } }

    /// Sums that saturate (an IPv6 `::/0` pool holds 2^128 addresses, one more than a UInt128 counts).
    static func add(_ a: UInt128, _ b: UInt128) -> UInt128 {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? .max : sum
    }

    /// The addresses from `first` to `last`, both included.
    static func size(_ first: UInt128, _ last: UInt128) -> UInt128 { add(last - first, 1) }
}

extension NetworkingState {
    /// The counts of a network, of its subnets of `ipVersion` (all when nil).
    func ipAvailability(_ network: Network, ipVersion: Int? = nil) -> IPAvailability {
        let counts = subnets(of: network.id).filter { ipVersion == nil || $0.ipVersion == ipVersion }.map { s in
            IPAvailability.SubnetCounts(subnet: s, total: Self.poolSize(s), used: allocations[s.id]?.count ?? 0)
        }
        return IPAvailability(network: network, subnets: counts)
    }

    private static func poolSize(_ s: Subnet) -> UInt128 {
        guard !s.allocationPools.isEmpty else {
            let net = s.network
            return IPAvailability.size(net.first.value, net.last.value)
        }
        return s.allocationPools.reduce(0) { sum, pool in
            guard let a = IPAddress(pool.start), let b = IPAddress(pool.end), a <= b else { return sum }
            return IPAvailability.add(sum, IPAvailability.size(a.value, b.value))
        }
    }
}
