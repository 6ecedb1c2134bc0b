import Foundation
import Hummingbird
import OpenStackAPI

/// `/servers`: create (202), list, detail with filters, show, rename, delete (204).
struct ServerRoutes {
    let store: ComputeStore
    let drivers: Drivers

    func add(to router: Router<APIRequestContext>) {
        let store = store, drivers = drivers
        router.post("/v2.1/servers") { request, context in
            let caller = try FlavorRoutes.caller(context)
            let create = try ServerDecoding.create(try await request.jsonObject(context: context), version: ComputeAPI.version(request))
            let image = try await drivers.images.image(create.imageRef, for: caller)
            let networks = try await drivers.networks.resolve(create.networks, for: caller)
            let groups = try await drivers.networks.resolveSecurityGroups(create.securityGroups ?? [], for: caller)
            let resolved = ResolvedServerCreate(request: create, image: image, networks: networks,
                                                securityGroups: ServerRules.securityGroups(groups, on: networks))
            let instances = try await store.createServers(resolved, caller, requestID: context.requestID)
            let first = instances[0]
            let password = create.adminPass ?? Self.password()
            let body = ServerView.created(first, requestedGroups: create.securityGroups, adminPass: password, base: context.baseURL)
            return JSONResponse.make(status: 202, body: ["server": body],
                                     headers: [("Location", "\(context.baseURL)/v2.1/servers/\(first.id)")])
        }
        router.get("/v2.1/servers") { request, context in
            let servers = try await ServerListing(request, try context.requireAuth()).list(store)
            return JSONResponse.make(status: 200, body: ["servers": .array(servers.map { ServerView.summary($0, base: context.baseURL) })])
        }
        router.get("/v2.1/servers/detail") { request, context in
            let auth = try context.requireAuth()
            let servers = try await ServerListing(request, auth).list(store)
            return JSONResponse.make(status: 200, body: ["servers": .array(servers.map {
                ServerView.detail($0, base: context.baseURL, admin: auth.isAdmin)
            })])
        }
        router.get("/v2.1/servers/:id") { _, context in
            let auth = try context.requireAuth()
            let instance = try await store.instance(try context.parameters.require("id"), Caller(auth))
            return JSONResponse.make(status: 200, body: ["server": ServerView.detail(instance, base: context.baseURL, admin: auth.isAdmin)])
        }
        router.put("/v2.1/servers/:id") { request, context in
            let auth = try context.requireAuth()
            let s = try BodyFields.resource(try await request.jsonObject(context: context), "server")
            let name = try s.string("name", trimmed: true)
            let v4 = try ServerDecoding.accessIP(s, "accessIPv4"), v6 = try ServerDecoding.accessIP(s, "accessIPv6")
            let instance = try await store.changeInstance(try context.parameters.require("id"), Caller(auth)) { instance in
                if let name { instance.name = name }
                if let v4 { instance.accessIPv4 = v4 }
                if let v6 { instance.accessIPv6 = v6 }
            }
            return JSONResponse.make(status: 200, body: ["server": ServerView.basic(instance, base: context.baseURL)])
        }
        router.delete("/v2.1/servers/:id") { _, context in
            try await store.deleteInstance(try context.parameters.require("id"), try FlavorRoutes.caller(context), requestID: context.requestID)
            return JSONResponse.empty(status: 204)
        }
        ServerActionRoutes(store: store, drivers: drivers).add(to: router)
        PasswordRoutes(store: store).add(to: router)
        InterfaceRoutes(store: store, drivers: drivers).add(to: router)
        MetadataRoutes(store: store).add(to: router)
        AddressRoutes(store: store).add(to: router)
        InstanceActionRoutes(store: store).add(to: router)
    }

    /// A random admin password (Nova's 12 characters without look-alikes).
    static func password() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        return String((0..<12).map { _ in alphabet.randomElement()! })
    }
}
