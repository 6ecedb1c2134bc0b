import Deploy
import Foundation
import Identity
import Image
import NIOHTTP1
import OpenStackAPI

/// The image every cloud starts with: a public, active `cirros` — the guest root filesystem built from this
/// machine's Debian packages at first use (cached in the state directory), uploaded through the Image API
/// like an operator would. Idempotent: an active `cirros` is kept, a queued one gets its data.
struct CloudImages {
    let layout: StateLayout

    func ensure() async throws -> String {
        guard let state = try ClusterState.load(layout) else { throw CloudAccessError("no \(layout.clusterFile)") }
        let control = state.spec.controlNode.name
        let images = "http://127.0.0.1:\(state.ports.image)/v2/images"
        let credentials = try BootstrapCredentials.load(stateDirectory: URL(fileURLWithPath: layout.identityDir(control)))
        let token = try await ServiceToken(identityURL: "http://127.0.0.1:\(state.ports.identity)", credentials: .init(
            userName: "admin", password: credentials.adminPassword, projectName: "admin")).value()
        let headers = [("X-Auth-Token", token), ("Content-Type", "application/json")]
        let listed = try await CloudHTTP.send(.GET, "\(images)?name=cirros", headers: headers)
        let existing = ((try? JSONParser.parse(listed.body))?["images"]?.array ?? []).first
        if existing?["status"]?.string == "active", let id = existing?["id"]?.string { return "cirros \(id) (kept)" }
        let file = try GuestImage.build(cacheDirectory: URL(fileURLWithPath: "\(layout.root)/guest-image"))
        var id = existing?["id"]?.string
        if id == nil {
            let body: JSON = ["name": "cirros", "disk_format": "raw", "container_format": "bare", "visibility": "public",
                              "os_distro": "cirros", "os_admin_user": "cirros", "min_ram": 64]
            let created = try await CloudHTTP.send(.POST, images, headers: headers, body: body.bytes)
            id = (try? JSONParser.parse(created.body))?["id"]?.string
            guard created.status == 201, id != nil else {
                throw CloudAccessError("the image service refused to create cirros (\(created.status)); see the image.out log of \(control)")
            }
        }
        let data = try [UInt8](Data(contentsOf: file))
        let upload = try await CloudHTTP.send(.PUT, "\(images)/\(id!)/file",
                                              headers: [("X-Auth-Token", token), ("Content-Type", "application/octet-stream")],
                                              body: data, timeout: .seconds(120))
        guard upload.status == 204 else {
            throw CloudAccessError("uploading cirros answered \(upload.status); see the image.out log of \(control)")
        }
        return String(format: "cirros %@ (%.1f MB, %@)", id!, Double(data.count) / 1e6, file.lastPathComponent)
    }
}
