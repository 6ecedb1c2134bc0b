import Hummingbird
import OpenStackAPI

/// `/v2.0/ports`; lists are filtered, ordered and paged on the records, rendering only the page.
extension NetworkingAPI {
    var ports: ResourceHandlers {
        let store = store, cache = portCache, dnsDomain = dnsDomain
        /// A port as Neutron answers it; a trunk's parent with its `trunk_details`.
        @Sendable func render(_ p: Port, _ s: NetworkingState) -> JSONObject {
            var o = Representation.port(p, dnsDomain: dnsDomain)
            if let trunk = s.trunkOfParent[p.id].flatMap({ s.trunks[$0] }) { o["trunk_details"] = Representation.trunkDetails(trunk, in: s) }
            return o
        }
        return ResourceHandlers(
            list: { auth, request, context in
                let s = await store.snapshot
                let networks = request.queryItems.filter { $0.0 == "network_id" }.map(\.1)
                let network = networks.count == 1 ? networks[0] : nil
                var ids = network.map { Array(s.portIDs[$0] ?? []) } ?? Array(s.ports.keys)
                // Admins see every port: no per-port lookup (each one copies a whole port) is needed for them.
                if !auth.isAdmin { ids = ids.filter { s.ports[$0].map { s.canSee($0, auth) } ?? false } }
                cache.prune(liveCount: s.ports.count) { s.ports[$0] != nil }
                return try Collections.respond("ports", ids, fields: Self.portFields,
                                               field: { id, key in
                                                   switch key {
                                                   case "id": id
                                                   case "network_id" where network != nil: network
                                                   default: s.ports[id].flatMap { Self.portField($0, key) }
                                                   }
                                               },
                                               render: { render(s.ports[$0]!, s) },
                                               // The cache holds a port's own fields: a trunk parent's details are rendered anew.
                                               serialized: { s.trunkOfParent[$0] == nil ? cache.bytes($0, s.ports[$0]!) : JSON.object(render(s.ports[$0]!, s)).bytes },
                                               request, context)
            },
            show: { id, auth in
                let s = await store.snapshot
                return render(try s.visiblePort(id, auth), s)
            },
            create: { body, auth in
                let request = try PortDecoding.create(body)
                return Representation.port(try await store.change { try $0.quotaChecked(.port, $0.createPort(request, auth)) }, dnsDomain: dnsDomain)
            },
            update: { id, body, auth, precondition in
                let request = try PortDecoding.update(body)
                let p = try await store.change(precondition) { try $0.updatePort(id, request, auth) }
                return render(p, await store.snapshot)
            },
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deletePort(id, auth) } })
    }

    /// Port attributes a list can filter and sort on before rendering.
    static let portFields: Set<String> = [
        "id", "name", "network_id", "mac_address", "device_id", "device_owner", "status", "project_id", "tenant_id",
        "binding:host_id", "admin_state_up", "description",
    ]

    static func portField(_ p: Port, _ key: String) -> String? {
        switch key {
        case "id": p.id
        case "name": p.name
        case "network_id": p.networkID
        case "mac_address": p.macAddress
        case "device_id": p.deviceID
        case "device_owner": p.deviceOwner
        case "status": p.status
        case "project_id", "tenant_id": p.projectID
        case "binding:host_id": p.hostID
        case "admin_state_up": String(p.adminStateUp)
        case "description": p.std.description
        default: nil
        }
    }
}
