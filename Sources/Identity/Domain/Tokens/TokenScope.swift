/// What a token is scoped to.
enum TokenScope: Sendable, Equatable {
    case unscoped
    case project(String)
    case domain(String)
    case system
}
