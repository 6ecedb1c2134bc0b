import OpenStackAPI

/// The service catalog in token bodies and `GET /v3/auth/catalog`.
enum CatalogRenderer {
    static func catalog(_ catalog: Catalog) -> JSON {
        .array(catalog.services.map { service in
            let eps = (catalog.endpoints[service.id] ?? []).sorted { $0.interface > $1.interface }.map { ep -> JSON in
                ["id": .string(ep.id), "interface": .string(ep.interface), "region_id": .optional(ep.regionId),
                 "url": .string(ep.url), "region": .optional(ep.regionId)]
            }
            return ["endpoints": .array(eps), "id": .string(service.id), "type": .string(service.type), "name": .string(service.name)]
        })
    }
}
