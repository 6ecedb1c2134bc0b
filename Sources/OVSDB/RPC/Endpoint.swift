/// Where an OVSDB server listens, in OVS's connection-string syntax (`unix:PATH`, `tcp:IP:PORT`).
public enum Endpoint: Sendable, Hashable, CustomStringConvertible {
    case unix(path: String)
    case tcp(host: String, port: Int)

    /// Parses one `unix:` or `tcp:` method (`ssl:` is not supported here).
    public init(_ text: String) throws(OVSDBError) {
        if text.hasPrefix("unix:") {
            self = .unix(path: String(text.dropFirst(5)))
            return
        }
        if text.hasPrefix("tcp:") {
            let rest = text.dropFirst(4)
            // tcp:[::1]:6641 or tcp:1.2.3.4:6641
            guard let colon = rest.lastIndex(of: ":"), let port = Int(rest[rest.index(after: colon)...]) else {
                throw .unreachable("bad endpoint \(text): expected tcp:HOST:PORT")
            }
            var host = String(rest[..<colon])
            if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
            self = .tcp(host: host, port: port)
            return
        }
        throw .unreachable("bad endpoint \(text): expected unix:PATH or tcp:HOST:PORT")
    }

    /// Parses a comma-separated list, as `ovn-nbctl --db=` takes for a cluster.
    public static func list(_ text: String) throws(OVSDBError) -> [Endpoint] {
        var out: [Endpoint] = []
        for part in text.split(separator: ",") { out.append(try Endpoint(part.trimmingCharacters(in: .whitespaces))) }
        return out
    }

    public var description: String {
        switch self {
        case .unix(let path): "unix:\(path)"
        case .tcp(let host, let port): host.contains(":") ? "tcp:[\(host)]:\(port)" : "tcp:\(host):\(port)"
        }
    }
}

import Foundation
