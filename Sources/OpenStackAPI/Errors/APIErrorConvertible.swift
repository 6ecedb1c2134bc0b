/// An error a service's domain throws that knows its API form; the middleware answers it as that `APIError`,
/// so domain modules stay free of status codes and bodies.
public protocol APIErrorConvertible: Error {
    /// The error as the API answers it.
    var apiError: APIError { get }
}
