import Hummingbird
import OpenStackAPI

/// `/v2.0/qos/policies`, their rules of each kind (`…/{id}/bandwidth_limit_rules`, `…/dscp_marking_rules`), and
/// `/v2.0/qos/rule-types`.
extension NetworkingAPI {
    var qosPolicies: ResourceHandlers {
        let store = store
        /// `shared` as the caller sees it: whether a policy shares the QoS policy with their project.
        @Sendable func render(_ q: QoSPolicy, _ s: NetworkingState, _ auth: AuthContext) -> JSONObject {
            Representation.qosPolicy(q, shared: s.isShared(q.id, with: auth.projectID))
        }
        return ResourceHandlers(
            list: { auth, request, context in
                let s = await store.snapshot
                let policies = s.qosPolicies.values.filter { s.owns($0.projectID, auth) || s.isShared($0.id, with: auth.projectID) }
                return try Collections.respond("policies", policies.map { render($0, s, auth) }, request, context)
            },
            show: { id, auth in
                let s = await store.snapshot
                return render(try s.visibleQoSPolicy(id, auth), s, auth)
            },
            create: { body, auth in
                let request = try QoSDecoding.policy(body, create: true)
                let q = try await store.change { try $0.createQoSPolicy(request, auth) }
                return render(q, await store.snapshot, auth)
            },
            update: { id, body, auth, precondition in
                let request = try QoSDecoding.policy(body, create: false)
                let q = try await store.change(precondition) { try $0.updateQoSPolicy(id, request, auth) }
                return render(q, await store.snapshot, auth)
            },
            delete: { id, auth, precondition in try await store.change(precondition) { try $0.deleteQoSPolicy(id, auth) } })
    }

    func registerQoSRuleRoutes(_ router: Router<APIRequestContext>) {
        let store = store
        for kind in QoSPolicy.Rule.Kind.allCases {
            let base = "/v2.0/qos/policies/:id/\(kind.collection)", member = kind.rawValue + "_rule"
            @Sendable func answer(_ rule: QoSPolicy.Rule, status: Int = 200) -> Response {
                JSONResponse.make(status: status, body: .object([member: .object(Representation.qosRule(rule))]))
            }
            router.get(RouterPath(base)) { request, context in
                let auth = try context.requireAuth(), policy = try context.parameters.require("id")
                let rules = try await store.snapshot.visibleQoSPolicy(policy, auth).rules.filter { $0.kind == kind }.map(Representation.qosRule)
                return try Collections.respond(kind.collection, rules, request, context)
            }
            router.post(RouterPath(base)) { request, context in
                let auth = try context.requireAuth(), policy = try context.parameters.require("id")
                let r = try QoSDecoding.rule(try await request.neutronBody(context: context), kind, create: true)
                return answer(try await store.change { try $0.createQoSRule(policy, kind, r, auth) }, status: 201)
            }
            router.get(RouterPath(base + "/:rule")) { _, context in
                let auth = try context.requireAuth(), policy = try context.parameters.require("id"), id = try context.parameters.require("rule")
                let s = await store.snapshot
                return answer(try s.qosRule(kind, id, in: try s.visibleQoSPolicy(policy, auth)))
            }
            router.put(RouterPath(base + "/:rule")) { request, context in
                let auth = try context.requireAuth(), policy = try context.parameters.require("id"), id = try context.parameters.require("rule")
                let r = try QoSDecoding.rule(try await request.neutronBody(context: context), kind, create: false)
                return answer(try await store.change { try $0.updateQoSRule(policy, kind, id, r, auth) })
            }
            router.delete(RouterPath(base + "/:rule")) { _, context in
                let auth = try context.requireAuth(), policy = try context.parameters.require("id"), id = try context.parameters.require("rule")
                try await store.change { try $0.deleteQoSRule(policy, kind, id, auth) }
                return JSONResponse.empty()
            }
        }
        // The rule types ML2/OVN enforces, each with its parameters' constraints (details for admins).
        router.get("/v2.0/qos/rule-types") { request, context in
            _ = try context.requireAuth()
            let types: [JSONObject] = QoSPolicy.Rule.Kind.allCases.map { ["type": .string($0.rawValue)] }
            return try Collections.respond("rule_types", types, idKey: "type", request, context)
        }
        router.get("/v2.0/qos/rule-types/:type") { _, context in
            let auth = try context.requireAuth(), name = try context.parameters.require("type")
            guard auth.isAdmin else { throw NetworkingError.forbidden("get_rule_type") }
            guard let kind = QoSPolicy.Rule.Kind(rawValue: name) else {
                throw NetworkingError(.notFound, "QosRuleTypeNotFound", "QoS rule type \(name) could not be found.")
            }
            return JSONResponse.make(status: 200, body: ["rule_type": .object(Representation.qosRuleType(kind))])
        }
    }
}
