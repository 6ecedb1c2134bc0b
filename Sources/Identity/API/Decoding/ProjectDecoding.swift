import OpenStackAPI

/// Project bodies → typed requests.
enum ProjectDecoding {
    static func create(_ body: BodyReader) throws(APIError) -> ProjectCreate {
        let name = try body.string("name", required: true, maxLength: 64)!
        return ProjectCreate(name: name, domainID: try body.string("domain_id"), parentID: try body.string("parent_id"),
                             isDomain: try body.bool("is_domain"),
                             description: try body.string("description", allowEmpty: true, maxLength: 65_535),
                             enabled: try body.bool("enabled"), tags: try body.strings("tags"))
    }

    static func update(_ body: BodyReader) throws(APIError) -> ProjectUpdate {
        ProjectUpdate(name: try body.string("name", maxLength: 64),
                      description: try body.string("description", allowEmpty: true, maxLength: 65_535),
                      enabled: try body.bool("enabled"), tags: try body.strings("tags"))
    }
}
