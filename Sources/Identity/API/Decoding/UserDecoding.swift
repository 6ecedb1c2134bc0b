import OpenStackAPI

/// User bodies → typed requests.
enum UserDecoding {
    static func create(_ body: BodyReader) throws(APIError) -> UserCreate {
        let name = try body.string("name", required: true)!
        let domainID = try body.string("domain_id")
        let password = try body.string("password", allowEmpty: true, maxLength: 4096)
        return UserCreate(name: name, domainID: domainID, password: password, enabled: try body.bool("enabled"),
                          defaultProjectID: try body.string("default_project_id"), extra: extra(body.object))
    }

    static func update(_ body: BodyReader) throws(APIError) -> UserUpdate {
        let name = try body.string("name")
        let enabled = try body.bool("enabled")
        let defaultProject: String?? = body.object["default_project_id"] != nil ? .some(try body.string("default_project_id")) : nil
        let password = try body.string("password", allowEmpty: true, maxLength: 4096)
        return UserUpdate(name: name, enabled: enabled, defaultProjectID: defaultProject, password: password, extra: extra(body.object))
    }

    static func passwordChange(_ body: BodyReader) throws(APIError) -> PasswordChange {
        let original = try body.string("original_password", required: true, allowEmpty: true, maxLength: 4096)!
        return PasswordChange(original: original, new: try body.string("password", required: true, maxLength: 4096)!)
    }

    /// The members that are not user columns.
    private static func extra(_ object: JSONObject) -> JSONObject {
        JSONObject(object.members.filter { !UserRules.columns.contains($0.key) }.map { ($0.key, $0.value) })
    }
}
