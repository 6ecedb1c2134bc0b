import Hummingbird
import HTTPTypes

/// The headers the metadata agent adds to a guest's request: who the guest is and the proof that the agent
/// (holder of the shared secret) says so.
struct ProxyHeaders: Sendable {
    var instanceID: String
    var tenantID: String
    var signature: String
    /// The guest's address (for the log only).
    var forwardedFor: String

    static let instance = HTTPField.Name("X-Instance-ID")!
    static let tenant = HTTPField.Name("X-Tenant-ID")!
    static let signatureName = HTTPField.Name("X-Instance-ID-Signature")!
    static let forwarded = HTTPField.Name("X-Forwarded-For")!

    /// The headers of `request`; 400 unless each of the three is present exactly once.
    init(_ request: Request) throws(MetadataError) {
        func single(_ name: HTTPField.Name) throws(MetadataError) -> String {
            let values = request.headers[values: name]
            guard values.count == 1, let value = values.first, !value.isEmpty else { throw .missingHeaders }
            return value
        }
        instanceID = try single(Self.instance)
        tenantID = try single(Self.tenant)
        signature = try single(Self.signatureName)
        forwardedFor = request.headers[Self.forwarded] ?? ""
    }
}
