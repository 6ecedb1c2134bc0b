import OpenStackAPI

/// Region, service and endpoint bodies → typed requests.
enum CatalogDecoding {
    static func regionCreate(_ body: BodyReader, id: String?) throws -> RegionCreate {
        RegionCreate(id: try id ?? body.string("id"), description: try body.string("description", allowEmpty: true),
                     parentRegionID: try body.string("parent_region_id"))
    }

    static func regionUpdate(_ body: BodyReader) throws(APIError) -> RegionUpdate {
        let description = try body.string("description", allowEmpty: true)
        let parent: String?? = body.object["parent_region_id"] != nil ? .some(try body.string("parent_region_id")) : nil
        return RegionUpdate(description: description, parentRegionID: parent)
    }

    /// A service create requires `type`.
    static func service(_ body: BodyReader, create: Bool) throws(APIError) -> ServiceFields {
        ServiceFields(type: try body.string("type", required: create), name: try body.string("name", allowEmpty: true),
                      description: try body.string("description", allowEmpty: true), enabled: try body.bool("enabled"))
    }

    /// An endpoint create requires interface, service_id and url; the interface is checked before the rest is read.
    static func endpoint(_ body: BodyReader, create: Bool) throws -> EndpointFields {
        let interface = try body.string("interface", required: create)
        try CatalogRules.checkInterface(interface)
        if create {
            let service = try body.string("service_id", required: true)
            let region = try body.string("region_id") ?? body.string("region")
            return EndpointFields(interface: interface, serviceID: service, regionID: region,
                                  url: try body.string("url", required: true, maxLength: 1024), enabled: try body.bool("enabled"))
        }
        let url = try body.string("url", maxLength: 1024)
        let region = try body.string("region_id") ?? body.string("region")
        return EndpointFields(interface: interface, serviceID: try body.string("service_id"), regionID: region, url: url,
                              enabled: try body.bool("enabled"))
    }
}
