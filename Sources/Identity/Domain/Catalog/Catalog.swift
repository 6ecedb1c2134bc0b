/// The service catalog: enabled services by type and their enabled endpoints by service id.
struct Catalog: Sendable {
    var services: [ServiceRow]
    var endpoints: [String: [EndpointRow]]
}
