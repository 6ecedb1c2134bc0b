import Hummingbird
import OpenStackAPI

/// `POST /os-server-external-events` (admin; Networking sends them): 200 when every event was accepted, 207 with
/// per-event codes otherwise, 404 when none names a known instance. vif-plugged and network-changed refresh the cache.
struct EventRoutes {
    let store: ComputeStore
    let drivers: Drivers

    static let names: Set<String> = ["network-changed", "network-vif-plugged", "network-vif-unplugged", "network-vif-deleted"]
    static let statuses: Set<String> = ["completed", "failed", "in-progress"]

    func add(to router: Router<APIRequestContext>) {
        let store = store, drivers = drivers
        router.post("/v2.1/os-server-external-events") { request, context in
            try context.requireAdmin("os_compute_api:os-server-external-events:create")
            let events = try Self.decode(try await request.jsonObject(context: context))
            let codes = try await store.apply(events)
            guard codes.contains(where: { $0 != 404 }) else { throw ComputeError.notFound("No instances found for any event") }
            var answered: [JSON] = []
            for (event, code) in zip(events, codes) {
                var item: JSONObject = ["name": .string(event.name), "server_uuid": .string(event.serverID),
                                        "status": .string(code == 200 ? event.status : "failed"), "code": .int(code)]
                if let tag = event.tag { item["tag"] = .string(tag) }
                answered.append(.object(item))
                if code == 200, event.name == "network-changed" || event.name == "network-vif-plugged" {
                    drivers.refreshAddresses(event.serverID, store: store)
                }
            }
            return JSONResponse.make(status: codes.allSatisfy { $0 == 200 } ? 200 : 207, body: ["events": .array(answered)])
        }
    }

    static func decode(_ body: JSONObject) throws(ComputeError) -> [ExternalEvent] {
        guard let list = body["events"]?.array, !list.isEmpty else { throw BodyFields.invalid("events", "'events' is a required property") }
        return try list.map { item throws(ComputeError) in
            let f = BodyFields(item.object ?? [:], path: "events")
            guard let name = try f.string("name"), names.contains(name) else {
                throw BodyFields.invalid("name", "\(item["name"]?.text ?? "null") is not one of \(names.sorted())")
            }
            guard let server = try f.string("server_uuid") else { throw BodyFields.invalid("server_uuid", "'server_uuid' is a required property") }
            let status = try f.string("status") ?? "completed"
            guard statuses.contains(status) else { throw BodyFields.invalid("status", "\(status) is not one of \(statuses.sorted())") }
            return ExternalEvent(name: name, serverID: server, status: status, tag: try f.string("tag"))
        }
    }
}
