import Foundation
import Hummingbird
import OpenStackAPI

/// `/v2.0/agents` (the `agent` extension) for admins: the OVN agents the Southbound knows, their description,
/// and the removal of a chassis. Others see an empty list, as Neutron's `admin_only` policy gives them.
/// `/v2.0/availability_zones`: the zones of the gateway chassis.
extension NetworkingAPI {
    func registerAgentRoutes(_ router: Router<APIRequestContext>) {
        let agents = agents
        @Sendable func find(_ id: String) async throws -> Agent {
            let all = await agents.rules().agents(await agents.records())
            guard let agent = all.first(where: { $0.id == id }) else { throw NetworkingError.notFound(.agent, id) }
            return agent
        }
        router.get("/v2.0/agents") { request, context in
            let auth = try context.requireAuth()
            guard auth.isAdmin else { return try Collections.respond("agents", [], request, context) }
            await agents.ping()
            let all = await agents.rules().agents(await agents.records())
            return try Collections.respond("agents", all.map(Representation.agent), request, context)
        }
        // `availability_zone`: ML2/OVN's zones are those of the gateway chassis, for routers (networks are checked
        // against the same list).
        router.get("/v2.0/availability_zones") { request, context in
            let auth = try context.requireAuth()
            let zones = await agents.availabilityZones().map { zone -> JSONObject in
                ["name": .string(zone), "resource": "router", "state": "available", "project_id": .optional(auth.projectID)]
            }
            return try Collections.respond("availability_zones", zones, idKey: "name", request, context)
        }
        router.get("/v2.0/agents/:id") { _, context in
            let auth = try context.requireAuth(), id = try context.parameters.require("id")
            guard auth.isAdmin else { throw NetworkingError.notFound(.agent, id) }
            return JSONResponse.make(status: 200, body: ["agent": .object(Representation.agent(try await find(id)))])
        }
        router.put("/v2.0/agents/:id") { request, context in
            let auth = try context.requireAuth(), id = try context.parameters.require("id")
            let update = try AgentDecoding.update(try await request.neutronBody(context: context))
            guard auth.isAdmin else { throw NetworkingError.forbidden("update_agent") }
            var agent = try await find(id)
            try AgentRules.checkUpdate(adminStateUp: update.adminStateUp)
            if let description = update.description {
                try await agents.setDescription(description, of: agent)
                agent.description = description
            }
            return JSONResponse.make(status: 200, body: ["agent": .object(Representation.agent(agent))])
        }
        router.delete("/v2.0/agents/:id") { _, context in
            let auth = try context.requireAuth(), id = try context.parameters.require("id")
            guard auth.isAdmin else { throw NetworkingError.forbidden("delete_agent") }
            try await agents.deleteChassis(of: try await find(id))
            return JSONResponse.empty()
        }
    }
}
