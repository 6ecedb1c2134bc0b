import OpenStackAPI

/// Domain bodies → typed requests.
enum DomainDecoding {
    static func create(_ body: BodyReader) throws(APIError) -> DomainCreate {
        DomainCreate(name: try body.string("name", required: true, maxLength: 64)!,
                     description: try body.string("description", allowEmpty: true), enabled: try body.bool("enabled"))
    }

    static func update(_ body: BodyReader) throws(APIError) -> DomainUpdate {
        DomainUpdate(name: try body.string("name", maxLength: 64), description: try body.string("description", allowEmpty: true),
                     enabled: try body.bool("enabled"))
    }
}
