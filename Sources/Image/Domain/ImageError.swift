/// Why an image request was refused: a category (the API turns it into the status code) and Glance's message.
struct ImageError: Error, Sendable, Equatable {
    enum Kind: Sendable, Equatable { case badRequest, forbidden, notFound, conflict, tooLarge, unsupportedMediaType, internalError }

    var kind: Kind
    var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    static func notFound(_ id: String) -> ImageError { .init(.notFound, "No image found with ID \(id)") }
    static func badRequest(_ message: String) -> ImageError { .init(.badRequest, message) }
    static func forbidden(_ message: String) -> ImageError { .init(.forbidden, message) }
    static func conflict(_ message: String) -> ImageError { .init(.conflict, message) }
}
