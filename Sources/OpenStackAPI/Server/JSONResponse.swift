public import Hummingbird
import HTTPTypes

/// Builds JSON responses; HEAD responses keep the `Content-Length` of the body they omit.
public enum JSONResponse {
    /// A JSON response with status, body and extra headers.
    public static func make(status: Int, body: JSON, headers: [(String, String)] = [], head: Bool = false) -> Response {
        let bytes = body.bytes
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        for (name, value) in headers {
            if let n = HTTPField.Name(name) { fields[n] = value }
        }
        if head {
            fields[.contentLength] = String(bytes.count)
            return Response(status: .init(code: status), headers: fields, body: .init())
        }
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// A 200-style JSON response from a body already serialised (e.g. a list joined from cached items).
    public static func make(status: Int, serialized bytes: [UInt8]) -> Response {
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return Response(status: .init(code: status), headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// An empty response (204 by default).
    public static func empty(status: Int = 204, headers: [(String, String)] = []) -> Response {
        var fields = HTTPFields()
        for (name, value) in headers {
            if let n = HTTPField.Name(name) { fields[n] = value }
        }
        return Response(status: .init(code: status), headers: fields, body: .init())
    }
}
