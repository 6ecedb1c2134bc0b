import OpenStackAPI

/// Why a metadata request was refused, with the wording nova-metadata uses.
struct MetadataError: Error, Sendable, APIErrorConvertible {
    /// The HTTP status.
    var status: Int
    /// The message; never holds the shared secret.
    var message: String

    var apiError: APIError { APIError(status: status, message: message) }

    static let missingHeaders = MetadataError(status: 400, message: "X-Instance-ID, X-Tenant-ID and X-Instance-ID-Signature are required.")
    static let badSignature = MetadataError(status: 403, message: "Invalid proxy request signature.")
    static let notFound = MetadataError(status: 404, message: "The resource could not be found.")
    static let passwordExists = MetadataError(status: 409, message: "Password already set.")
    static let passwordTooLong = MetadataError(status: 400, message: "Request is too large.")
    static let methodNotAllowed = MetadataError(status: 405, message: "The method is not allowed for this resource.")
    static let computeUnavailable = MetadataError(status: 503, message: "The compute service does not answer.")
}
