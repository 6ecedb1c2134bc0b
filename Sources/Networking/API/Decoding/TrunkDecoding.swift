import Foundation
import OpenStackAPI

/// `{"trunk": {...}}` bodies and the `{"sub_ports": [...]}` of the subport actions → typed requests.
enum TrunkDecoding {
    static let rules: [String: Attributes.Rule] = [
        "name": .init(post: true, put: true), "description": .init(post: true, put: true), "admin_state_up": .init(post: true, put: true),
        "port_id": .init(post: true, put: false), "sub_ports": .init(post: true, put: false),
        "tenant_id": .init(post: true, put: false), "project_id": .init(post: true, put: false),
    ]

    static func create(_ body: JSONObject) throws(NetworkingError) -> TrunkCreate {
        let a = try Attributes(body, resource: "trunk", rules: rules, create: true)
        var r = TrunkCreate()
        r.owner = try a.owner
        r.name = try a.string("name")
        r.description = try a.string("description")
        r.adminStateUp = try a.bool("admin_state_up")
        r.portID = try a.string("port_id")
        if let port = r.portID, UUID(uuidString: port) == nil { throw .invalidInput("Invalid input for port_id. Reason: '\(port)' is not a valid UUID") }
        if let items = a.value("sub_ports") { r.subports = try subports(items) }
        return r
    }

    static func update(_ body: JSONObject) throws(NetworkingError) -> TrunkUpdate {
        let a = try Attributes(body, resource: "trunk", rules: rules, create: false)
        return TrunkUpdate(name: try a.string("name"), description: try a.string("description"), adminStateUp: try a.bool("admin_state_up"))
    }

    /// The body of `add_subports` / `remove_subports`.
    static func action(_ body: JSONObject) throws(NetworkingError) -> [SubportRequest] {
        guard let items = body["sub_ports"] else { throw .badRequest("Failed to parse request. Required attribute 'sub_ports' not specified") }
        return try subports(items)
    }

    /// neutron-lib's `validate_subports`: a list of objects, each with a port UUID listed once, both segmentation
    /// details or neither, no segmentation ID twice.
    private static func subports(_ value: JSON) throws(NetworkingError) -> [SubportRequest] {
        guard let items = value.array else { throw .invalidInput("Invalid data format for subports: '\(value.text)' is not a list") }
        var out: [SubportRequest] = []
        for item in items {
            guard let o = item.object else { throw .invalidInput("Invalid data format for subport: '\(item.text)' is not a dict") }
            guard let port = o["port_id"]?.string else { throw .invalidInput("A valid port UUID must be specified") }
            guard UUID(uuidString: port) != nil else { throw .invalidInput("Invalid UUID for subport: '\(port)'") }
            guard !out.contains(where: { $0.portID == port }) else { throw .invalidInput("Non unique UUID for subport: '\(port)'") }
            var r = SubportRequest(portID: port)
            if let t = o["segmentation_type"], !t.isNull {
                guard let text = t.string else { throw .invalidInput("Unknown segmentation_type '\(t.text)'") }
                r.segmentationType = text
            }
            if let id = o["segmentation_id"], !id.isNull {
                do { r.segmentationID = try Attributes.integer(id, "segmentation_id") } catch {
                    throw .invalidInput("Invalid subport details: segmentation_id '\(id.text)' is not an integer")
                }
            }
            if (r.segmentationType == nil || r.segmentationID == nil) && o.count > 1 {
                throw .invalidInput("Invalid subport details '\(item.text)': missing segmentation information. Must specify both segmentation_id and segmentation_type")
            }
            if let id = r.segmentationID, out.contains(where: { $0.segmentationType == r.segmentationType && $0.segmentationID == id }) {
                throw .invalidInput("Segmentation ID '\(id)' for '\(port)' is not unique")
            }
            out.append(r)
        }
        return out
    }
}
