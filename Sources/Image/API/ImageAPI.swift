import Foundation
import Hummingbird
import HTTPTypes
import NIOCore
import OpenStackAPI

/// The Image API v2 (the Glance subset clients use): routes that decode, ask the store, and render.
struct ImageAPI: Sendable {
    let store: ImageStore
    let maxImageSize: Int

    /// Every route behind Glance's error style and token authentication (the version document is open).
    func router(validator: any TokenValidator) -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: OpenStackMiddleware(style: .glance))
        router.add(middleware: TokenAuthMiddleware(validator: validator) { request in
            ["/", "/versions", "/v2", "/v2/"].contains(request.uri.path)
        })
        let versions: @Sendable (Request, APIRequestContext) -> Response = { _, context in
            let version: JSON = ["id": "v2.9", "status": "CURRENT", "links": [["rel": "self", "href": .string(context.baseURL + "/v2/")]]]
            return JSONResponse.make(status: 300, body: ["versions": [version]])
        }
        router.get("/", use: versions)
        router.get("/versions") { request, context in
            var response = versions(request, context)
            response.status = .ok
            return response
        }
        router.get("/v2/schemas/image") { _, _ in JSONResponse.make(status: 200, body: ImageRendering.schema()) }
        router.get("/v2/schemas/images") { _, _ in
            JSONResponse.make(status: 200, body: ["name": "images", "properties": ["images": ["type": "array", "items": ImageRendering.schema()],
                                                                                  "first": ["type": "string"], "next": ["type": "string"],
                                                                                  "schema": ["type": "string"]]])
        }
        let store = store, limit = maxImageSize
        router.get("/v2/images") { request, context in
            let auth = try context.requireAuth()
            let page = try ImageListing(request.queryItems).page(await store.rules, auth)
            var body: JSONObject = ["images": .array(page.images.map { .object(ImageRendering.image($0)) }), "first": "/v2/images",
                                    "schema": "/v2/schemas/images"]
            if let next = page.next { body["next"] = .string(next) }
            return JSONResponse.make(status: 200, body: .object(body))
        }
        router.post("/v2/images") { request, context in
            let auth = try context.requireAuth()
            let create = try ImageDecoding.create(try await request.jsonObject(context: context))
            let image = try await store.change { try $0.create(create, auth) }
            return JSONResponse.make(status: 201, body: .object(ImageRendering.image(image)), headers: [("Location", "/v2/images/\(image.id)")])
        }
        router.get("/v2/images/:id") { _, context in
            let auth = try context.requireAuth(), id = try context.parameters.require("id")
            return JSONResponse.make(status: 200, body: .object(ImageRendering.image(try await store.rules.visible(id, auth))))
        }
        router.patch("/v2/images/:id") { request, context in
            let auth = try context.requireAuth(), id = try context.parameters.require("id")
            let type = request.headers[.contentType] ?? ""
            guard type.hasPrefix("application/openstack-images-v2.1-json-patch") || type.hasPrefix("application/openstack-images-v2.0-json-patch") else {
                throw ImageError(.unsupportedMediaType, "Content type '\(type)' is not supported: use application/openstack-images-v2.1-json-patch.")
            }
            let changes = try ImageDecoding.patch(try await Self.json(request, context))
            let image = try await store.change { try $0.update(id, changes, auth) }
            return JSONResponse.make(status: 200, body: .object(ImageRendering.image(image)))
        }
        router.delete("/v2/images/:id") { _, context in
            let auth = try context.requireAuth(), id = try context.parameters.require("id")
            try await store.remove { try $0.delete(id, auth) }
            return JSONResponse.empty()
        }
        router.put("/v2/images/:id/file") { request, context in
            let auth = try context.requireAuth(), id = try context.parameters.require("id")
            try await store.upload(id, auth, request.body.map { Array($0.readableBytesView) }, limit: limit)
            return JSONResponse.empty()
        }
        router.get("/v2/images/:id/file") { _, context in
            let auth = try context.requireAuth(), id = try context.parameters.require("id")
            guard let (image, path) = try await store.data(id, auth) else { return JSONResponse.empty() }
            return try Self.download(path, size: image.size ?? 0, md5: image.checksum)
        }
        router.put("/v2/images/:id/tags/:tag") { _, context in
            let auth = try context.requireAuth(), id = try context.parameters.require("id"), tag = try context.parameters.require("tag")
            _ = try await store.change { try $0.addTag(id, tag, auth) }
            return JSONResponse.empty()
        }
        router.delete("/v2/images/:id/tags/:tag") { _, context in
            let auth = try context.requireAuth(), id = try context.parameters.require("id"), tag = try context.parameters.require("tag")
            _ = try await store.change { try $0.removeTag(id, tag, auth) }
            return JSONResponse.empty()
        }
        return router
    }

    /// The body as JSON (any value: a patch is an array); 400 when it is not JSON.
    static func json(_ request: Request, _ context: APIRequestContext) async throws -> JSON {
        var request = request
        let buffer = try await request.collectBody(upTo: context.maxUploadSize)
        guard let json = try? JSONParser.parse(Array(buffer.readableBytesView)) else {
            throw ImageError.badRequest("The request body is not valid JSON.")
        }
        return json
    }

    /// The image data as a streamed 200 with `Content-MD5`.
    static func download(_ path: URL, size: Int, md5: String?) throws -> Response {
        let handle = try FileHandle(forReadingFrom: path)
        var fields = HTTPFields()
        fields[.contentType] = "application/octet-stream"
        fields[.contentLength] = String(size)
        if let md5, let name = HTTPField.Name("Content-MD5") { fields[name] = md5 }
        let body = ResponseBody { writer in
            defer { try? handle.close() }
            while let chunk = try handle.read(upToCount: 1 << 16), !chunk.isEmpty {
                try await writer.write(ByteBuffer(bytes: chunk))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: fields, body: body)
    }
}
