/// Why an identity request was refused: a category (the API turns it into the status code) and Keystone's message.
struct IdentityError: Error, Sendable, Equatable {
    /// The category of the refusal.
    enum Kind: Sendable, Equatable { case badRequest, unauthorized, forbidden, notFound, conflict, notImplemented }

    var kind: Kind
    var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    /// "Could not find <kind>: <id>."
    static func notFound(_ resource: String, _ id: String) -> IdentityError { .init(.notFound, "Could not find \(resource): \(id).") }
    /// A refused policy action.
    static func forbidden(_ action: String) -> IdentityError {
        .init(.forbidden, "You are not authorized to perform the requested action: \(action).")
    }
    /// Authentication failed; the message never says which part was wrong.
    static let unauthorized = IdentityError(.unauthorized, "The request you have made requires authentication.")
    static func badRequest(_ message: String) -> IdentityError { .init(.badRequest, message) }
    static func conflict(_ message: String) -> IdentityError { .init(.conflict, message) }
}

extension Optional {
    /// The value, or `IdentityError.notFound(resource, id)`.
    func found(_ resource: String, _ id: String) throws(IdentityError) -> Wrapped {
        guard let self else { throw .notFound(resource, id) }
        return self
    }
}
