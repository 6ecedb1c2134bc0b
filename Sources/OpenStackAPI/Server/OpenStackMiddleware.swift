public import Hummingbird
import HTTPTypes
import Foundation
import Logging

/// Adds request ids and `Vary`, and turns every thrown error into the service's error body (never a bare 500).
public struct OpenStackMiddleware: RouterMiddleware {
    public typealias Context = APIRequestContext

    let style: ErrorStyle
    let extraErrorHeaders: @Sendable (APIError, APIRequestContext) -> [(String, String)]

    /// A middleware answering errors in `style`; `extraErrorHeaders` may add e.g. `WWW-Authenticate` to 401s.
    public init(style: ErrorStyle, extraErrorHeaders: @escaping @Sendable (APIError, APIRequestContext) -> [(String, String)] = { _, _ in [] }) {
        self.style = style
        self.extraErrorHeaders = extraErrorHeaders
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.requestID = "req-" + UUID().uuidString.lowercased()
        context.baseURL = "http://" + (request.head.authority ?? "127.0.0.1")
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as APIError {
            response = errorResponse(error, request: request, context: context)
        } catch let error as any APIErrorConvertible {
            response = errorResponse(error.apiError, request: request, context: context)
        } catch let error as HTTPResponseError {
            let status = Int(error.status.code)
            let message = status == 404 ? "The resource could not be found." : HTTPReason.phrase(for: status)
            response = errorResponse(APIError(status: status, message: message), request: request, context: context)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: type(of: error)))"])
            let internalError = APIError(status: 500, message: "An unexpected error prevented the server from fulfilling your request.")
            response = errorResponse(internalError, request: request, context: context)
        }
        response.headers[.vary] = "X-Auth-Token"
        response.headers[HTTPField.Name("x-openstack-request-id")!] = context.requestID
        return response
    }

    private func errorResponse(_ error: APIError, request: Request, context: Context) -> Response {
        let headers = error.headers + extraErrorHeaders(error, context)
        return JSONResponse.make(status: error.status, body: style.body(for: error), headers: headers, head: request.method == .head)
    }
}
