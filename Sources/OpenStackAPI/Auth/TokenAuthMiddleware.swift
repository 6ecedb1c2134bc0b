public import Hummingbird
import HTTPTypes

/// Validates `X-Auth-Token` and stores the caller in the context; paths for which `isPublic` is true pass without one.
public struct TokenAuthMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext

    let validator: any TokenValidator
    let isPublic: @Sendable (Request) -> Bool

    /// A middleware using `validator`; `isPublic` marks routes that need no token (version documents, token issue).
    public init(validator: any TokenValidator, isPublic: @escaping @Sendable (Request) -> Bool) {
        self.validator = validator
        self.isPublic = isPublic
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let token = request.headers[HTTPField.Name("X-Auth-Token")!], !token.isEmpty {
            context.auth = try await validator.validate(token)
            if context.auth == nil, !isPublic(request) { throw APIError.unauthorized }
        } else if !isPublic(request) {
            throw APIError.unauthorized
        }
        return try await next(request, context)
    }
}
