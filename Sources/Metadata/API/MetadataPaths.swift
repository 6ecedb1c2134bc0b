import Hummingbird
import OpenStackAPI

/// What each GET path answers (NOTES §5.2): EC2 versions and their trees, the OpenStack versions and files.
enum MetadataPaths {
    static func answer(_ path: [String], _ m: InstanceMetadata) throws(MetadataError) -> Response {
        guard let first = path.first else { throw .notFound }
        if first == "openstack" { return try openStack(Array(path.dropFirst()), m) }
        guard MetadataVersions.isEC2(first) else { throw .notFound }
        if path.count == 2, path[1] == "user-data" {
            guard let data = m.userData else { throw .notFound }
            return TextResponse.bytes(data)
        }
        guard let node = EC2Rendering.version(m).lookup(path.dropFirst()) else { throw .notFound }
        return TextResponse.text(node.text)
    }

    static func openStack(_ path: [String], _ m: InstanceMetadata) throws(MetadataError) -> Response {
        guard let version = path.first else { return TextResponse.text((MetadataVersions.openStack + ["latest"]).joined(separator: "\n")) }
        guard MetadataVersions.isOpenStack(version), path.count <= 2 else { throw .notFound }
        let files = MetadataVersions.openStackFiles(version, hasUserData: m.userData != nil)
        guard path.count == 2 else { return TextResponse.text(files.joined(separator: "\n")) }
        guard files.contains(path[1]) else { throw .notFound }
        switch path[1] {
        case "meta_data.json": return TextResponse.json(OpenStackRendering.metaData(m, version: version))
        case "network_data.json": return TextResponse.json(NetworkDataRendering.networkData(m))
        case "vendor_data.json": return TextResponse.json(OpenStackRendering.vendorData)
        case "vendor_data2.json": return TextResponse.json(OpenStackRendering.vendorData2)
        case "user_data": return TextResponse.bytes(m.userData ?? [])
        default: return TextResponse.text(m.password)
        }
    }

    /// Whether a GET of `path` would answer (to tell 405 from 404 for other methods).
    static func exists(_ path: [String], _ m: InstanceMetadata) -> Bool {
        (try? answer(path, m)) != nil
    }
}
