/// What region, service and endpoint requests become, and when the store must refuse them.
enum CatalogRules {
    /// The endpoint interfaces Keystone knows.
    static let interfaces: Set<String> = ["public", "internal", "admin"]

    static func region(_ r: RegionCreate) -> RegionRow {
        RegionRow(id: r.id ?? ResourceID.make(), description: r.description ?? "", parentRegionId: r.parentRegionID)
    }

    /// A region id is taken once; a parent must exist.
    static func checkCreate(_ row: RegionRow, existing: RegionRow?, parent: RegionRow?) throws(IdentityError) {
        if existing != nil { throw .conflict("Conflict occurred attempting to store region - Duplicate ID, \(row.id).") }
        if let p = row.parentRegionId, parent == nil { throw .notFound("region", p) }
    }

    static func update(_ row: RegionRow, _ r: RegionUpdate) -> RegionRow {
        var row = row
        if let d = r.description { row.description = d }
        if let p = r.parentRegionID { row.parentRegionId = p }
        return row
    }

    static func service(_ r: ServiceFields) -> ServiceRow {
        ServiceRow(id: ResourceID.make(), type: r.type ?? "", name: r.name ?? "", description: r.description ?? "", enabled: r.enabled ?? true)
    }

    static func update(_ row: ServiceRow, _ r: ServiceFields) -> ServiceRow {
        var row = row
        if let t = r.type { row.type = t }
        if let n = r.name { row.name = n }
        if let d = r.description { row.description = d }
        if let e = r.enabled { row.enabled = e }
        return row
    }

    /// An interface must be one of ``interfaces``.
    static func checkInterface(_ interface: String?) throws(IdentityError) {
        guard let interface, !interfaces.contains(interface) else { return }
        throw .badRequest("Invalid input for field 'interface': '\(interface)' does not match '^(?:admin|internal|public)$'")
    }

    static func endpoint(_ r: EndpointFields) -> EndpointRow {
        EndpointRow(id: ResourceID.make(), serviceId: r.serviceID ?? "", interface: r.interface ?? "", regionId: r.regionID,
                    url: r.url ?? "", enabled: r.enabled ?? true)
    }

    static func update(_ row: EndpointRow, _ r: EndpointFields) -> EndpointRow {
        var row = row
        if let i = r.interface { row.interface = i }
        if let u = r.url { row.url = u }
        if let g = r.regionID { row.regionId = g }
        if let s = r.serviceID { row.serviceId = s }
        if let e = r.enabled { row.enabled = e }
        return row
    }

    /// An endpoint's service must exist.
    static func checkEndpoint(_ row: EndpointRow, service: ServiceRow?) throws(IdentityError) {
        guard service != nil else { throw .badRequest("Could not find service: \(row.serviceId).") }
    }

    /// Like Keystone, an endpoint naming an unknown region creates it: the region to add, if any.
    static func regionToCreate(_ row: EndpointRow, existing: RegionRow?) -> RegionRow? {
        guard let id = row.regionId, existing == nil else { return nil }
        return RegionRow(id: id, description: "", parentRegionId: nil)
    }
}
