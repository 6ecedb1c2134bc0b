import Foundation
import HTTPTypes
import Hummingbird
import OpenStackAPI

/// The outermost middleware: refuses malformed (400) and unsupported (406) microversions in Nova's error shape,
/// and gives every answer (errors too) the version headers, Nova's `Vary` and `x-compute-request-id`.
struct MicroversionMiddleware: RouterMiddleware {
    typealias Context = APIRequestContext

    static let standard = HTTPField.Name("OpenStack-API-Version")!
    static let legacy = HTTPField.Name("X-OpenStack-Nova-API-Version")!

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        var version = Microversion.min
        do {
            version = try Microversion.requested(standard: request.headers[Self.standard], legacy: request.headers[Self.legacy])
            response = try await next(request, context)
        } catch let refusal as Microversion.Refusal {
            let error: APIError
            switch refusal {
            case .malformed(let text): error = APIError(status: 400, message: "API Version String \(text) is of invalid format. Must be of format MajorNum.MinorNum.")
            case .unsupported(let text): error = APIError(status: 406, message: "Version \(text) is not supported by the API. Minimum is \(Microversion.min) and maximum is \(Microversion.max).", type: "computeFault")
            }
            response = JSONResponse.make(status: error.status, body: ErrorStyle.nova.body(for: error))
            response.headers[HTTPField.Name("x-openstack-request-id")!] = "req-" + UUID().uuidString.lowercased()
        }
        response.headers[Self.standard] = "compute \(version)"
        response.headers[Self.legacy] = version.description
        response.headers[.vary] = "OpenStack-API-Version, X-OpenStack-Nova-API-Version"
        if let id = response.headers[HTTPField.Name("x-openstack-request-id")!] {
            response.headers[HTTPField.Name("x-compute-request-id")!] = id
        }
        return response
    }
}
