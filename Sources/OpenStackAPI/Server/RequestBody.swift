import Foundation
public import Hummingbird

extension Request {
    /// The body parsed as a JSON object; 400 (Keystone's wording) when it is empty, not JSON or not an object.
    public func jsonObject(context: APIRequestContext) async throws -> JSONObject {
        var request = self
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw APIError(status: 413, message: "Request is too large.")
        }
        guard let json = buffer.withUnsafeReadableBytes({ try? JSONParser.parse($0) }), let object = json.object else {
            throw APIError.malformedJSON
        }
        return object
    }

    /// A query parameter by name.
    public func query(_ name: String) -> String? {
        uri.queryParameters.get(name)
    }

    /// All query parameters in order (repeated names kept); names are percent-decoded too
    /// (`router%3Aexternal=True`), which hummingbird leaves to the caller.
    public var queryItems: [(String, String)] {
        uri.queryParameters.map { item in
            let key = String(item.key)
            return (key.contains("%") ? key.removingPercentEncoding ?? key : key, String(item.value))
        }
    }
}
