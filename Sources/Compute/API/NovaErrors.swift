import OpenStackAPI

/// Domain errors on the wire, in Nova's shape: `{"badRequest": {"code": 400, "message": …}}`.
extension ComputeError: APIErrorConvertible {
    public var apiError: APIError {
        switch kind {
        case .badRequest: APIError(status: 400, message: message)
        case .forbidden: APIError(status: 403, message: message)
        case .notFound: APIError(status: 404, message: message)
        case .conflict: APIError(status: 409, message: message)
        case .notAcceptable: APIError(status: 406, message: message)
        case .tooLarge: APIError(status: 413, message: message, type: "overLimit")
        case .internalError: APIError(status: 500, message: message)
        case .unavailable: APIError(status: 503, message: message, type: "serviceUnavailable")
        }
    }
}
