import Hummingbird
import OpenStackAPI

/// `/servers/{id}/os-instance-actions[/{request_id}]`: what was done to a server, by which request (the API keeps
/// no per-step events: the agent reports states, not steps, so `events` is left out; tempest does not require it).
struct InstanceActionRoutes {
    let store: ComputeStore

    func add(to router: Router<APIRequestContext>) {
        let store = store
        router.get("/v2.1/servers/:id/os-instance-actions") { _, context in
            let id = try context.parameters.require("id")
            let instance = try await store.instance(id, try FlavorRoutes.caller(context))
            let actions = instance.actions.reversed().map { Self.view($0, instance: id) }
            return JSONResponse.make(status: 200, body: ["instanceActions": .array(actions)])
        }
        router.get("/v2.1/servers/:id/os-instance-actions/:request") { _, context in
            let id = try context.parameters.require("id"), requestID = try context.parameters.require("request")
            let instance = try await store.instance(id, try FlavorRoutes.caller(context))
            guard let action = instance.actions.last(where: { $0.requestID == requestID }) else {
                throw ComputeError.notFound("Action for request_id \(requestID) on instance \(id) not found")
            }
            return JSONResponse.make(status: 200, body: ["instanceAction": Self.view(action, instance: id)])
        }
    }

    static func view(_ action: InstanceActionRecord, instance: String) -> JSON {
        [
            "action": .string(action.action), "instance_uuid": .string(instance), "request_id": .string(action.requestID),
            "user_id": .string(action.userID), "project_id": .string(action.projectID),
            "start_time": .string(ComputeClock.oslo(action.startTime)), "message": .optional(action.message),
        ]
    }
}
