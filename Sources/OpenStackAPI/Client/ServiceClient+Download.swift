import AsyncHTTPClient
public import Foundation
import NIOCore

extension ServiceClient {
    /// What a download answered: the status and, when it was 2xx, the file the body was streamed into.
    public struct Download: Sendable {
        /// The HTTP status code.
        public var status: Int
        /// The file holding the body (nil unless 2xx).
        public var file: URL?
    }

    /// Streams `GET url` into `file` (created or truncated) without holding the body in memory.
    public func download(_ url: String, to file: URL, timeout: TimeAmount = .seconds(600)) async throws -> Download {
        for attempt in 0..<2 {
            var request = HTTPClientRequest(url: url)
            request.headers.add(name: "X-Auth-Token", value: try await token.value())
            let response = try await http.execute(request, timeout: timeout)
            if response.status.code == 401 && attempt == 0 {
                await token.invalidate()
                continue
            }
            guard (200..<300).contains(Int(response.status.code)) else {
                _ = try? await response.body.collect(upTo: 1 << 20)
                return Download(status: Int(response.status.code), file: nil)
            }
            FileManager.default.createFile(atPath: file.path, contents: nil)
            let handle = try FileHandle(forWritingTo: file)
            defer { try? handle.close() }
            for try await chunk in response.body { try handle.write(contentsOf: Data(chunk.readableBytesView)) }
            return Download(status: Int(response.status.code), file: file)
        }
        throw APIError(status: 503, message: "\(url) refused a new service token.")
    }
}
