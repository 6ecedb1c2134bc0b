/// How an instance's NICs must change for its requested networks (an interface attached or detached while
/// it exists): the requests no NIC serves yet, and the NICs no request wants any more. A request for a port
/// is served by the NIC of that port; one for a network (and fixed IP) by a NIC made for the same request.
enum NICPlan {
    /// (requests to bind and plug, NICs to unplug and release).
    static func diff(requested: [InstanceSpec.RequestedNetwork], nics: [LocalInstance.NIC])
        -> (missing: [InstanceSpec.RequestedNetwork], extra: [LocalInstance.NIC]) {
        var unmatched = nics
        var missing: [InstanceSpec.RequestedNetwork] = []
        for request in requested {
            let index = unmatched.firstIndex { nic in
                if let port = request.portID { return nic.portID == port }
                return nic.request == request
            }
            if let index { unmatched.remove(at: index) } else { missing.append(request) }
        }
        return (missing, unmatched)
    }

    /// The first `ethN` name no NIC uses.
    static func nextGuestName(_ nics: [LocalInstance.NIC]) -> String {
        let used = Set(nics.map(\.guestName))
        return (0...).lazy.map { "eth\($0)" }.first { !used.contains($0) }!
    }
}
