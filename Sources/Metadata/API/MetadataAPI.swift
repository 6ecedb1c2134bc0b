import Hummingbird
import Logging
import MetadataSecret
import OpenStackAPI

/// nova-metadata's paths behind the agents' signed headers: `/` (EC2 versions, open as in nova), EC2
/// `/<version>/…`, and `/openstack/…`; a POST is accepted only on `/openstack/<version>/password`.
struct MetadataAPI: Sendable {
    let source: MetadataSource
    let signature: SharedSecret

    func router() -> Router<APIRequestContext> {
        let router = Router(context: APIRequestContext.self)
        router.add(middleware: OpenStackMiddleware(style: .nova))
        let api = self
        router.get("/") { _, _ in TextResponse.text((MetadataVersions.ec2 + ["latest"]).joined(separator: "\n")) }
        router.get("/**") { request, context in
            let instance = try await api.identify(request, context)
            return try MetadataPaths.answer(Self.components(request), instance)
        }
        router.post("/**") { request, context in
            let instance = try await api.identify(request, context)
            let path = Self.components(request)
            guard path.count == 3, path[0] == "openstack", path[2] == "password", MetadataVersions.isOpenStack(path[1]) else {
                throw MetadataPaths.exists(path, instance) ? MetadataError.methodNotAllowed : MetadataError.notFound
            }
            guard MetadataVersions.openStack(path[1], atLeast: "2013-04-04") else { throw MetadataError.notFound }
            var request = request
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            guard body.readableBytes <= InstanceMetadata.maxPasswordBytes else { throw MetadataError.passwordTooLong }
            try await api.source.postPassword(instance.uuid, String(decoding: body.readableBytesView, as: UTF8.self))
            return TextResponse.text("")
        }
        return router
    }

    /// The instance the signed headers name: 400 without them, 403 for a wrong signature, 404 when compute does not
    /// know it or it belongs to another project.
    func identify(_ request: Request, _ context: APIRequestContext) async throws(MetadataError) -> InstanceMetadata {
        let headers = try ProxyHeaders(request)
        guard signature.verify(headers.signature, for: headers.instanceID) else {
            context.logger.warning("metadata request with a bad signature",
                                   metadata: ["instance": "\(headers.instanceID)", "remote": "\(headers.forwardedFor)"])
            throw .badSignature
        }
        guard let instance = try await source.instance(headers.instanceID), instance.projectID == headers.tenantID else {
            context.logger.info("metadata request for an unknown instance",
                                metadata: ["instance": "\(headers.instanceID)", "remote": "\(headers.forwardedFor)"])
            throw .notFound
        }
        context.logger.debug("metadata request", metadata: [
            "instance": "\(headers.instanceID)", "remote": "\(headers.forwardedFor)", "path": "\(request.uri.path)"])
        return instance
    }

    /// The path's non-empty components (`/latest/meta-data/` → `["latest", "meta-data"]`).
    static func components(_ request: Request) -> [String] {
        request.uri.path.split(separator: "/").map(String.init)
    }
}
