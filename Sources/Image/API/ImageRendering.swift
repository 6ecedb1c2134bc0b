import OpenStackAPI

/// The Glance v2 form of an image: its attributes in Glance's order, then the extra properties as top-level keys.
enum ImageRendering {
    static func image(_ i: Image) -> JSONObject {
        var o: JSONObject = [
            "id": .string(i.id), "name": .optional(i.name), "status": .string(i.status.rawValue),
            "visibility": .string(i.visibility.rawValue), "protected": .bool(i.protected), "os_hidden": .bool(i.hidden),
            "checksum": .optional(i.checksum), "os_hash_algo": i.hashValue == nil ? .null : "sha512", "os_hash_value": .optional(i.hashValue),
            "owner": .string(i.owner), "size": i.size.map { .int($0) } ?? .null, "virtual_size": .null,
            "min_disk": .int(i.minDisk), "min_ram": .int(i.minRAM),
            "container_format": .optional(i.containerFormat), "disk_format": .optional(i.diskFormat),
            "created_at": .string(i.createdAt), "updated_at": .string(i.updatedAt), "tags": .array(i.tags.map(JSON.string)),
            "self": .string("/v2/images/\(i.id)"), "file": .string("/v2/images/\(i.id)/file"), "schema": "/v2/schemas/image",
        ]
        for (key, value) in i.properties.sorted(by: { $0.key < $1.key }) where o[key] == nil { o[key] = .string(value) }
        return o
    }

    /// `/v2/schemas/image`: enough of Glance's JSON schema for clients that read it (names and types).
    static func schema() -> JSON {
        let string: JSON = ["type": "string"], nullableString: JSON = ["type": ["null", "string"]]
        let integer: JSON = ["type": ["null", "integer"]], boolean: JSON = ["type": "boolean"]
        return ["name": "image", "additionalProperties": ["type": "string"], "links": [
            ["rel": "self", "href": "{self}"], ["rel": "enclosure", "href": "{file}"], ["rel": "describedby", "href": "{schema}"]],
                "properties": [
                    "id": string, "name": nullableString, "status": string, "visibility": string, "protected": boolean,
                    "os_hidden": boolean, "checksum": nullableString, "os_hash_algo": nullableString, "os_hash_value": nullableString,
                    "owner": nullableString, "size": integer, "virtual_size": integer, "min_disk": ["type": "integer"],
                    "min_ram": ["type": "integer"], "container_format": nullableString, "disk_format": nullableString,
                    "created_at": string, "updated_at": string, "tags": ["type": "array", "items": string],
                    "self": string, "file": string, "schema": string,
                ]]
    }
}
