import Hummingbird
import OpenStackAPI

/// `/os-keypairs` at 2.1: create (200; generated RSA when no public key), list, show, delete (202), per user.
struct KeypairRoutes {
    let store: ComputeStore

    func add(to router: Router<APIRequestContext>) {
        let store = store
        router.post("/v2.1/os-keypairs") { request, context in
            let caller = try FlavorRoutes.caller(context)
            let created = try await store.createKeypair(try Self.decode(try await request.jsonObject(context: context)), caller)
            return JSONResponse.make(status: 200, body: ["keypair": KeypairView.created(created)])
        }
        router.get("/v2.1/os-keypairs") { request, context in
            let keypairs = try await store.listKeypairs(try FlavorRoutes.caller(context), userID: request.query("user_id"))
            return JSONResponse.make(status: 200, body: ["keypairs": .array(keypairs.map { ["keypair": KeypairView.summary($0)] })])
        }
        router.get("/v2.1/os-keypairs/:name") { request, context in
            let keypair = try await store.keypair(try context.parameters.require("name"), try FlavorRoutes.caller(context),
                                                  userID: request.query("user_id"))
            return JSONResponse.make(status: 200, body: ["keypair": KeypairView.detail(keypair)])
        }
        router.delete("/v2.1/os-keypairs/:name") { request, context in
            try await store.deleteKeypair(try context.parameters.require("name"), try FlavorRoutes.caller(context), userID: request.query("user_id"))
            return JSONResponse.empty(status: 202)
        }
    }

    /// `{"keypair": {"name", "public_key"?}}`; other members are refused at 2.1 (`type` and `user_id` come later).
    static func decode(_ body: JSONObject) throws(ComputeError) -> KeypairCreate {
        let k = try BodyFields.resource(body, "keypair")
        if let extra = k.object.keys.first(where: { !["name", "public_key"].contains($0) }) {
            throw .badRequest("Invalid input for field/attribute keypair. Value: Additional properties are not allowed ('\(extra)' was unexpected)")
        }
        guard let name = try k.string("name", required: true) else { throw BodyFields.invalid("name", "'name' is a required property") }
        return KeypairCreate(name: name, publicKey: try k.string("public_key", max: 65535, allowEmpty: true), userID: nil)
    }
}

/// Keypairs on the wire at 2.1 (tempest's key sets: no `type`).
enum KeypairView {
    static func summary(_ k: Keypair) -> JSON {
        ["name": .string(k.name), "public_key": .string(k.publicKey), "fingerprint": .string(k.fingerprint)]
    }

    static func detail(_ k: Keypair) -> JSON {
        ["name": .string(k.name), "public_key": .string(k.publicKey), "fingerprint": .string(k.fingerprint), "user_id": .string(k.userID),
         "id": .int(k.id), "created_at": .string(ComputeClock.oslo(k.createdAt)), "updated_at": .null, "deleted_at": .null, "deleted": false]
    }

    static func created(_ c: CreatedKeypair) -> JSON {
        var body: JSONObject = ["name": .string(c.keypair.name), "public_key": .string(c.keypair.publicKey),
                                "fingerprint": .string(c.keypair.fingerprint), "user_id": .string(c.keypair.userID)]
        if let key = c.privateKey { body["private_key"] = .string(key) }
        return .object(body)
    }
}
