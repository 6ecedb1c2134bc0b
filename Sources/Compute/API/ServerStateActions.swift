import Hummingbird
import OpenStackAPI

/// The actions that only change the API's records: `lock`/`unlock`, admin `os-resetState`, and the soft-delete
/// pair `forceDelete` (a delete: this service deletes at once, nothing is ever soft-deleted) and `restore` (409,
/// for the same reason). Answers nil for any other action.
struct ServerStateActions {
    let store: ComputeStore
    let caller: Caller
    let id: String
    let requestID: String

    func handle(_ name: String, _ value: JSON) async throws -> Response? {
        let caller = caller, id = id, requestID = requestID
        switch name {
        case "lock", "unlock":
            let lock = name == "lock"
            _ = try await store.changeInstance(id, caller) { instance in
                instance.locked = lock
                instance.record(name, requestID: requestID, caller: caller)
            }
        case "os-resetState":
            guard caller.isAdmin else { throw ComputeError.policy("os_compute_api:os-admin-actions:reset_state") }
            let state = value["state"]?.string
            guard let state, let vmState = Instance.VMState(rawValue: state), [.active, .error].contains(vmState) else {
                throw BodyFields.invalid("state", "\(value["state"]?.text ?? "null"). It must be one of: 'active', 'error'")
            }
            _ = try await store.changeInstance(id, caller) { instance in
                instance.vmState = vmState
                instance.taskState = nil
            }
        case "forceDelete":
            try await store.deleteInstance(id, caller, requestID: requestID)
        case "restore":
            let instance = try await store.instance(id, caller)
            throw ComputeError.invalidState("restore", id, vmState: instance.vmState.rawValue)
        default:
            return nil
        }
        return JSONResponse.empty(status: 202)
    }
}
