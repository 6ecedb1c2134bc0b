import OpenStackAPI

/// Role bodies → typed requests.
enum RoleDecoding {
    static func create(_ body: BodyReader) throws(APIError) -> RoleCreate {
        RoleCreate(name: try body.string("name", required: true)!, description: try body.string("description", allowEmpty: true))
    }

    static func update(_ body: BodyReader) throws(APIError) -> RoleUpdate {
        RoleUpdate(name: try body.string("name"), description: try body.string("description", allowEmpty: true))
    }
}
