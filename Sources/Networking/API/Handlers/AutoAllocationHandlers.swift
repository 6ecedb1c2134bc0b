import Hummingbird
import OpenStackAPI

/// `/v2.0/auto-allocated-topology/{project_id}`: GET answers (and first builds) the project's topology, or with
/// `fields=dry-run` checks that it could be built; DELETE takes it down.
extension NetworkingAPI {
    func registerAutoAllocationRoutes(_ router: Router<APIRequestContext>) {
        let store = store
        router.get(RouterPath("/v2.0/auto-allocated-topology/:project")) { request, context in
            let auth = try context.requireAuth()
            let project = try NetworkingRules.topologyProject(try context.parameters.require("project"), auth)
            let fields = Collections.fields(request)
            let topology: JSONObject
            if fields.contains("dry-run") {
                try await store.snapshot.checkAutoAllocationRequirements()
                topology = ["id": "dry-run=pass", "tenant_id": .string(project), "project_id": .string(project)]
            } else if !fields.isEmpty {
                throw NetworkingError.badRequest("Bad auto_allocate request: Unrecognized field.")
            } else {
                let network = try await store.change { try $0.autoAllocatedNetwork(for: project, auth) }
                topology = ["id": .string(network), "tenant_id": .string(project), "project_id": .string(project)]
            }
            return JSONResponse.make(status: 200, body: ["auto_allocated_topology": .object(topology)])
        }
        router.delete(RouterPath("/v2.0/auto-allocated-topology/:project")) { _, context in
            let auth = try context.requireAuth()
            let project = try NetworkingRules.topologyProject(try context.parameters.require("project"), auth)
            try await store.change { try $0.deleteAutoAllocatedTopology(for: project, auth) }
            return JSONResponse.empty()
        }
    }
}
