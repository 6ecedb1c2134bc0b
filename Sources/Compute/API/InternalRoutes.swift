import Hummingbird
import OpenStackAPI

/// The agents' channel (`/internal/v1`, admin only): host registration and heartbeat, the specs of a host's
/// instances, status reports, and the password the metadata service stores.
struct InternalRoutes {
    let store: ComputeStore
    let drivers: Drivers

    func add(to router: Router<APIRequestContext>) {
        let store = store, drivers = drivers
        router.put("/internal/v1/hosts/:host") { request, context in
            try context.requireAdmin("compute:internal")
            let name = try context.parameters.require("host")
            let h = try BodyFields.resource(try await request.jsonObject(context: context), "host")
            let registration = HostRegistration(
                hypervisorHostname: try h.string("hypervisor_hostname") ?? name, availabilityZone: try h.string("availability_zone") ?? "nova",
                vcpus: try h.int("vcpus", in: 0...1 << 20) ?? 0, memoryMB: try h.int("memory_mb", in: 0...1 << 40) ?? 0,
                localGB: try h.int("local_gb", in: 0...1 << 40) ?? 0, agentURL: try h.string("agent_url", max: 2048) ?? "",
                hostIP: try h.string("host_ip") ?? "")
            let host = try await store.register(name, registration)
            return JSONResponse.make(status: 200, body: ["host": AgentView.host(host)])
        }
        router.get("/internal/v1/hosts/:host/instances") { _, context in
            try context.requireAdmin("compute:internal")
            let instances = await store.instances(onHost: try context.parameters.require("host"))
            return JSONResponse.make(status: 200, body: ["instances": .array(instances.map(AgentView.spec))])
        }
        router.put("/internal/v1/instances/:id/status") { request, context in
            try context.requireAdmin("compute:internal")
            let id = try context.parameters.require("id")
            let report = try AgentView.report(try BodyFields.resource(try await request.jsonObject(context: context), "status"))
            let instance = try await store.report(id, report)
            if report.ports != nil, instance != nil { drivers.refreshAddresses(id, store: store) }
            return JSONResponse.make(status: 200, body: ["status": instance.map(AgentView.state) ?? ["id": .string(id), "deleted": true]])
        }
        router.put("/internal/v1/instances/:id/password") { request, context in
            try context.requireAdmin("compute:internal")
            let body = try await request.jsonObject(context: context)
            guard let password = body["password"]?.string, password.count <= 65535 else {
                throw BodyFields.invalid("password", "'password' is a required string")
            }
            try await store.setPassword(try context.parameters.require("id"), password)
            return JSONResponse.empty(status: 204)
        }
    }
}
