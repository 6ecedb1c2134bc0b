import OpenStackAPI
import OpenStackAPITesting

/// Requests for every route of the Image API: lists with Glance's filters and paging, creates and JSON patches
/// with valid and weird values, uploads and downloads, tags, deletes.
enum ImageRequests {
    static let attributes = ["name", "visibility", "protected", "os_hidden", "disk_format", "container_format", "min_disk", "min_ram",
                             "tags", "id", "owner", "status", "checksum", "size", "hw_disk_bus", "x_custom"]

    static func make(_ pool: FuzzPool, _ r: inout FuzzRandom) -> FuzzRequest {
        var body = FuzzBody()
        let image = pool.id("images", &r)
        switch r.int(0...15) {
        case 0...2:
            var items: [String] = []
            for _ in 0..<r.int(0...4) {
                items.append(r.pick([
                    "limit=\(r.pick(["0", "1", "2", "-1", "x", "99999999999999999999", "1000000"]))", "marker=\(image)",
                    "sort=\(r.pick(["name:asc", "size:desc,id:asc", "nope:asc", "name:sideways", ":", ",,"]))",
                    "sort_key=\(r.pick(["name", "created_at", "nope", ""]))", "sort_dir=\(r.pick(["asc", "desc", "x"]))",
                    "name=fz-\(r.int(0...9))", "id=in:\(image),\(pool.id("images", &r))", "visibility=\(r.pick(["public", "community", "all", "x"]))",
                    "status=\(r.pick(["active", "queued", "x"]))", "tag=\(r.pick(["a", "b", "%00"]))", "os_hidden=\(r.pick(["true", "x"]))",
                    "hw_disk_bus=virtio", "%", "=", "%zz=1",
                ]))
            }
            return FuzzRequest(service: .image, method: "GET", path: "/v2/images" + (items.isEmpty ? "" : "?" + items.joined(separator: "&")))
        case 3: return FuzzRequest(service: .image, method: "GET", path: "/v2/images/\(image)")
        case 4...7:
            var o: JSONObject = ["name": .string("fz-\(r.int(0...9))")]
            if r.chance(0.6) { o["disk_format"] = "raw"; o["container_format"] = "bare" }
            for _ in 0..<r.int(0...3) { o[r.pick(attributes)] = r.chance(0.5) ? body.weird(&r) : validValue(&r) }
            let bytes = r.chance(0.1) ? FuzzBody.junk(&r) : body.bytes(.object(o))
            return FuzzRequest(service: .image, method: "POST", path: "/v2/images", body: bytes, collection: "images")
        case 8...9:
            var ops: [JSON] = []
            for _ in 0..<r.int(0...3) {
                var op: JSONObject = ["op": .string(r.pick(["add", "replace", "remove", "move", "test"])),
                                      "path": .string("/" + r.pick(attributes + ["", "a/b", "~1x"]))]
                if r.chance(0.8) { op["value"] = r.chance(0.5) ? body.weird(&r) : validValue(&r) }
                ops.append(.object(op))
            }
            let type = r.chance(0.85) ? "application/openstack-images-v2.1-json-patch" : r.pick(["application/json", "text/plain"])
            let bytes = r.chance(0.1) ? FuzzBody.junk(&r) : body.bytes(.array(ops))
            return FuzzRequest(service: .image, method: "PATCH", path: "/v2/images/\(image)", headers: [("Content-Type", type)], body: bytes)
        case 10:
            let data = (0..<r.int(0...4096)).map { _ in UInt8.random(in: 0...255, using: &r) }
            return FuzzRequest(service: .image, method: "PUT", path: "/v2/images/\(image)/file",
                               headers: [("Content-Type", "application/octet-stream")], body: data)
        case 11: return FuzzRequest(service: .image, method: "GET", path: "/v2/images/\(image)/file")
        case 12:
            let tag = r.pick(["red", "%00", String(repeating: "t", count: 300), "a%2Fb"])
            return FuzzRequest(service: .image, method: r.pick(["PUT", "DELETE"]), path: "/v2/images/\(image)/tags/\(tag)")
        case 13: return FuzzRequest(service: .image, method: "DELETE", path: "/v2/images/\(image)", collection: "images")
        case 14:
            return FuzzRequest(service: .image, method: "GET", path: r.pick(["/", "/versions", "/v2", "/v2/schemas/image", "/v2/schemas/images",
                                                                            "/v2/nowhere", "/v2/images/\(image)/members"]))
        default:
            return FuzzRequest(service: .image, method: r.pick(["PATCH", "HEAD", "OPTIONS", "POST"]), path: "/v2/images/\(image)",
                               body: r.chance(0.5) ? FuzzBody.junk(&r) : nil)
        }
    }

    /// A value a real client could send for one of the attributes.
    private static func validValue(_ r: inout FuzzRandom) -> JSON {
        r.pick(["raw", "qcow2", "bare", "private", "public", "shared", "community", true, false, 0, 64, ["a", "b"], "virtio", "x"])
    }
}
