import OpenStackAPI

/// The rules of the Networking API as functions of one state snapshot: each takes a typed request and the
/// caller, checks it against the state, allocates what it needs (ids, addresses, MACs, VNIs, gateway chassis)
/// and returns the change to commit with the resource to answer. Nothing here writes; the store commits.
struct NetworkingRules: Sendable {
    /// The state the decision is made on (the store's, at the moment of the call).
    let state: NetworkingState
    let settings: NetworkingConfiguration
    let ids: IDSource
    /// The chassis that may carry router gateways, with their availability zones (from the Southbound).
    let gatewayChassis: @Sendable () -> [GatewayChassis]
}

/// A decision: what to commit, and what to answer.
struct Decision<Result: Sendable>: Sendable {
    var batch: Batch
    var result: Result
}
