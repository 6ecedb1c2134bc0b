import Hummingbird
import OpenStackAPI

/// The agent's own small API, for the compute API only (admin tokens): a nudge to sync now, and the
/// console log of an instance.
struct AgentAPI: Sendable {
    let guests: GuestRuntime
    let nudge: @Sendable () -> Void

    func router(validator: any TokenValidator) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: OpenStackMiddleware(style: .nova))
        router.add(middleware: TokenAuthMiddleware(validator: validator) { _ in false })
        let nudge = nudge, guests = guests
        router.post("/sync") { _, context in
            _ = try context.requireAdmin("compute-agent")
            nudge()
            return JSONResponse.empty(status: 202)
        }
        router.get("/instances/:id/console") { request, context in
            _ = try context.requireAdmin("compute-agent")
            let id = try context.parameters.require("id")
            let length = request.query("length").flatMap { Int($0) }
            guard let output = guests.console(id, lines: length) else {
                throw APIError(status: 404, message: "Instance \(id) has no console on this host.")
            }
            return JSONResponse.make(status: 200, body: ["output": .string(output)])
        }
        return router
    }

}
