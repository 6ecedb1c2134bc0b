/// One entry of `os-instance-actions`: which API request did what to an instance, and its one event.
struct InstanceActionRecord: Codable, Sendable, Equatable {
    /// Nova's action name: create, delete, reboot, stop, start, rebuild, lock, unlock, …
    var action: String
    /// The `x-compute-request-id` of the request.
    var requestID: String
    var userID: String
    var projectID: String
    var startTime: Double
    var message: String?

    init(_ action: String, requestID: String, caller: Caller, at time: Double = ComputeClock.now()) {
        self.action = action
        self.requestID = requestID
        userID = caller.userID
        projectID = caller.projectID
        startTime = time
    }
}

extension Instance {
    /// Records that the request `requestID` of `caller` did `action`.
    mutating func record(_ action: String, requestID: String, caller: Caller) {
        actions.append(InstanceActionRecord(action, requestID: requestID, caller: caller))
    }
}
