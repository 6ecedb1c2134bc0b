/// A service to list in the catalog: its type, name, port and path on the endpoint hosts.
public struct CatalogService: Sendable, Equatable {
    /// Service type (`network`).
    public var type: String
    /// Service name (`neutron`).
    public var name: String
    /// TCP port.
    public var port: Int
    /// Path appended to `http://host:port` (`/v2.1` for compute, empty for network and image).
    public var path: String

    /// A service entry.
    public init(type: String, name: String, port: Int, path: String = "") {
        self.type = type
        self.name = name
        self.port = port
        self.path = path
    }

    /// network 9696, compute 8774/v2.1, image 9292 — the default cluster's services.
    public static let standard = [
        CatalogService(type: "network", name: "neutron", port: 9696),
        CatalogService(type: "compute", name: "nova", port: 8774, path: "/v2.1"),
        CatalogService(type: "image", name: "glance", port: 9292),
    ]

    /// The usual name of a service type (`network` → `neutron`).
    static func defaultName(for type: String) -> String {
        ["identity": "keystone", "network": "neutron", "compute": "nova", "image": "glance", "metadata": "nova-metadata"][type] ?? type
    }

    /// Parses `type:port[/path]` (e.g. `compute:8774/v2.1`); nil when malformed.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty else { return nil }
        let rest = parts[1]
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        guard let port = Int(rest[..<slash]), (1...65535).contains(port) else { return nil }
        self.init(type: String(parts[0]), name: Self.defaultName(for: String(parts[0])), port: port, path: String(rest[slash...]))
    }

    /// The endpoint URL on `host`.
    func url(host: String) -> String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "http://\(h):\(port)\(path)"
    }
}
