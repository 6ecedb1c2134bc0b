import GRDB
import OpenStackAPI

/// The service catalog in token bodies and `GET /v3/auth/catalog`.
enum CatalogRenderer {
    static func catalog(in db: Database) throws -> JSON {
        let services = try ServiceRow.filter(Column("enabled") == true).order(Column("type")).fetchAll(db)
        let endpoints = Dictionary(grouping: try EndpointRow.filter(Column("enabled") == true).fetchAll(db), by: \.serviceId)
        return .array(services.map { service in
            let eps = (endpoints[service.id] ?? []).sorted { $0.interface > $1.interface }.map { ep -> JSON in
                ["id": .string(ep.id), "interface": .string(ep.interface), "region_id": .optional(ep.regionId),
                 "url": .string(ep.url), "region": .optional(ep.regionId)]
            }
            return ["endpoints": .array(eps), "id": .string(service.id), "type": .string(service.type), "name": .string(service.name)]
        })
    }
}
