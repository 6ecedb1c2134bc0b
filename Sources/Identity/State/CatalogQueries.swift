import GRDB

/// Regions, services and endpoints in the database.
extension IdentityTransaction {
    func regions() throws -> [RegionRow] { try RegionRow.order(Column("id")).fetchAll(db) }
    func region(_ id: String) throws -> RegionRow? { try fetch(RegionRow.self, id) }
    func insert(_ row: RegionRow) throws { try row.insert(db) }
    func update(_ row: RegionRow) throws { try row.update(db) }
    /// Deletes a region; its endpoints lose it.
    func deleteRegion(_ row: RegionRow) throws {
        try db.execute(sql: "UPDATE endpoint SET regionId = NULL WHERE regionId = ?", arguments: [row.id])
        _ = try row.delete(db)
    }

    func services() throws -> [ServiceRow] { try ServiceRow.order(Column("type")).fetchAll(db) }
    func service(_ id: String) throws -> ServiceRow? { try fetch(ServiceRow.self, id) }
    /// The first service of a type.
    func service(ofType type: String) throws -> ServiceRow? { try ServiceRow.filter(Column("type") == type).fetchOne(db) }
    func insert(_ row: ServiceRow) throws { try row.insert(db) }
    func update(_ row: ServiceRow) throws { try row.update(db) }
    func save(_ row: ServiceRow) throws { try row.save(db) }
    /// Deletes a service and (by cascade) its endpoints.
    func deleteService(_ row: ServiceRow) throws { _ = try row.delete(db) }

    func endpoints() throws -> [EndpointRow] { try EndpointRow.fetchAll(db) }
    func endpoint(_ id: String) throws -> EndpointRow? { try fetch(EndpointRow.self, id) }
    /// The first endpoint of a service on an interface.
    func endpoint(serviceID: String, interface: String) throws -> EndpointRow? {
        try EndpointRow.filter(Column("serviceId") == serviceID && Column("interface") == interface).fetchOne(db)
    }
    func insert(_ row: EndpointRow) throws { try row.insert(db) }
    func update(_ row: EndpointRow) throws { try row.update(db) }
    func save(_ row: EndpointRow) throws { try row.save(db) }
    func deleteEndpoint(_ row: EndpointRow) throws { _ = try row.delete(db) }

    /// Enabled services by type and their enabled endpoints by service id: what the catalog lists.
    func enabledCatalog() throws -> (services: [ServiceRow], endpoints: [String: [EndpointRow]]) {
        let services = try ServiceRow.filter(Column("enabled") == true).order(Column("type")).fetchAll(db)
        let endpoints = Dictionary(grouping: try EndpointRow.filter(Column("enabled") == true).fetchAll(db), by: \.serviceId)
        return (services, endpoints)
    }
}
