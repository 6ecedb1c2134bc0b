import Hummingbird
import HTTPTypes
import NIOCore
import OpenStackAPI

/// Metadata answers: text exactly as rendered (no trailing newline added) or JSON files.
enum TextResponse {
    /// `200 text/plain` with `text`.
    static func text(_ text: String) -> Response {
        bytes(Array(text.utf8), type: "text/plain; charset=UTF-8")
    }

    /// `200` with raw bytes (user data is returned as the user gave it).
    static func bytes(_ bytes: [UInt8], type: String = "text/plain; charset=UTF-8") -> Response {
        var fields = HTTPFields()
        fields[.contentType] = type
        return Response(status: .ok, headers: fields, body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// `200 application/json`.
    static func json(_ body: JSON) -> Response { JSONResponse.make(status: 200, body: body) }
}
