import OpenStackAPI

/// Domain errors on the wire: `{"NeutronError": {type, message, detail}}` with the status of their kind.
extension NetworkingError: APIErrorConvertible {
    /// The error as the API answers it.
    public var apiError: APIError { APIError(status: status, message: message, type: type) }

    /// The HTTP status of the error's kind.
    var status: Int {
        switch kind {
        case .badRequest: 400
        case .forbidden: 403
        case .notFound: 404
        case .conflict: 409
        case .preconditionFailed: 412
        case .unavailable: 503
        case .internalError: 500
        }
    }
}
