/// `POST /v2.0/ports/{id}/bindings` and `PUT /v2.0/ports/{id}/bindings/{host}`, typed.
struct PortBindingRequest: Sendable, Equatable {
    /// Required on a create; on an update, a new host for the binding.
    var host: String?
    var vnicType: String?
    /// `profile` as JSON text (`{}` when sent as null).
    var profile: String?

    /// An empty request.
    init() {}
}
