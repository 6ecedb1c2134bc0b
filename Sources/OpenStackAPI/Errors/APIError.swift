/// An error an API handler throws to answer with an OpenStack error body instead of a crash.
public struct APIError: Error, Sendable {
    /// HTTP status code.
    public var status: Int
    /// Human-readable message; never contains secrets.
    public var message: String
    /// Machine-readable type (Neutron's `type`, e.g. `NetworkNotFound`); optional.
    public var type: String?
    /// Extra response headers (e.g. `WWW-Authenticate`).
    public var headers: [(String, String)]

    /// An error with a status and message.
    public init(status: Int, message: String, type: String? = nil, headers: [(String, String)] = []) {
        self.status = status
        self.message = message
        self.type = type
        self.headers = headers
    }

    /// The standard reason phrase for the status ("Not Found").
    public var title: String { HTTPReason.phrase(for: status) }
}

extension APIError {
    /// 400 with the given message.
    public static func badRequest(_ message: String) -> APIError { APIError(status: 400, message: message) }

    /// 400 for a body that is not JSON (Keystone's wording, shared by the services).
    public static let malformedJSON = APIError(
        status: 400,
        message: "Expecting to find valid JSON in request body. The server could not comply with the request since it is either malformed or otherwise incorrect. The client is assumed to be in error.")

    /// 401; the message never says which credential part was wrong.
    public static let unauthorized = APIError(status: 401, message: "The request you have made requires authentication.")

    /// 403 naming the policy action that was refused.
    public static func forbidden(_ action: String) -> APIError {
        APIError(status: 403, message: "You are not authorized to perform the requested action: \(action).")
    }

    /// 404 "Could not find <kind>: <id>."
    public static func notFound(_ kind: String, _ id: String) -> APIError {
        APIError(status: 404, message: "Could not find \(kind): \(id).")
    }

    /// 409 with the given message.
    public static func conflict(_ message: String) -> APIError { APIError(status: 409, message: message) }
}
