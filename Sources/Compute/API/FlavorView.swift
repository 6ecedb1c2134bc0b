import OpenStackAPI

/// Flavors on the wire at 2.1: `{id, name, links}` in lists, the tempest 2.1 keys in details.
enum FlavorView {
    static func links(_ id: String, _ base: String) -> JSON {
        [["rel": "self", "href": .string("\(base)/v2.1/flavors/\(id)")], ["rel": "bookmark", "href": .string("\(base)/flavors/\(id)")]]
    }

    static func summary(_ flavor: Flavor, base: String) -> JSON {
        ["id": .string(flavor.id), "name": .string(flavor.name), "links": links(flavor.id, base)]
    }

    static func detail(_ flavor: Flavor, base: String) -> JSON {
        ["id": .string(flavor.id), "name": .string(flavor.name), "ram": .int(flavor.ram), "disk": .int(flavor.disk),
         "vcpus": .int(flavor.vcpus), "OS-FLV-EXT-DATA:ephemeral": .int(flavor.ephemeral),
         "swap": flavor.swap == 0 ? "" : .int(flavor.swap), "rxtx_factor": .double(flavor.rxtxFactor),
         "os-flavor-access:is_public": .bool(flavor.isPublic), "OS-FLV-DISABLED:disabled": .bool(flavor.disabled),
         "links": links(flavor.id, base)]
    }

    /// `{"flavor_access": [{"flavor_id", "tenant_id"}]}`.
    static func access(_ flavor: Flavor) -> JSON {
        ["flavor_access": .array(flavor.projects.map { ["flavor_id": .string(flavor.id), "tenant_id": .string($0)] })]
    }
}

/// Flavor bodies → typed requests.
enum FlavorDecoding {
    static func create(_ body: JSONObject) throws(ComputeError) -> FlavorCreate {
        let f = try BodyFields.resource(body, "flavor")
        guard let name = try f.string("name", required: true, trimmed: true) else { throw BodyFields.invalid("name", "'name' is a required property") }
        guard let ram = try f.int("ram", in: 1...Int(Int32.max)) else { throw BodyFields.invalid("ram", "'ram' is a required property") }
        guard let vcpus = try f.int("vcpus", in: 1...Int(Int32.max)) else { throw BodyFields.invalid("vcpus", "'vcpus' is a required property") }
        guard let disk = try f.int("disk", in: 0...Int(Int32.max)) else { throw BodyFields.invalid("disk", "'disk' is a required property") }
        var id: String?
        if let value = f.object["id"], !value.isNull {
            id = value.int.map(String.init) ?? value.string
            guard let id, !id.isEmpty, id.count <= 255, id.allSatisfy({ $0.isLetter || $0.isNumber || "-_. ".contains($0) }) else {
                throw BodyFields.invalid("id", "\(value.text) does not match the flavor id pattern")
            }
        }
        var factor = 1.0
        if let value = f.object["rxtx_factor"], !value.isNull {
            guard let d = value.double, d > 0 else { throw BodyFields.invalid("rxtx_factor", "\(value.text) is not a positive number") }
            factor = d
        }
        return FlavorCreate(id: id, name: name, vcpus: vcpus, ram: ram, disk: disk,
                            ephemeral: try f.int("OS-FLV-EXT-DATA:ephemeral", in: 0...Int(Int32.max)) ?? 0,
                            swap: try f.int("swap", in: 0...Int(Int32.max)) ?? 0, rxtxFactor: factor,
                            isPublic: try f.bool("os-flavor-access:is_public") ?? true)
    }
}
