/// Why a compute request was refused: a category (the API turns it into the status code and Nova's error key)
/// and Nova's message. Domain code throws these; it never builds HTTP answers.
struct ComputeError: Error, Sendable, Equatable {
    /// The kinds of refusal Nova distinguishes on the wire.
    enum Kind: Sendable, Equatable {
        case badRequest, forbidden, notFound, conflict, notAcceptable, tooLarge, internalError, unavailable
    }

    var kind: Kind
    var message: String

    init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    static func badRequest(_ message: String) -> ComputeError { .init(.badRequest, message) }
    static func forbidden(_ message: String) -> ComputeError { .init(.forbidden, message) }
    static func notFound(_ message: String) -> ComputeError { .init(.notFound, message) }
    static func conflict(_ message: String) -> ComputeError { .init(.conflict, message) }

    /// Nova's policy refusal wording.
    static func policy(_ rule: String) -> ComputeError { .init(.forbidden, "Policy doesn't allow \(rule) to be performed.") }

    /// `Instance <id> could not be found.`
    static func serverNotFound(_ id: String) -> ComputeError { .notFound("Instance \(id) could not be found.") }

    /// Nova's 409 for an action in the wrong state.
    static func invalidState(_ action: String, _ id: String, vmState: String) -> ComputeError {
        .conflict("Cannot '\(action)' instance \(id) while it is in vm_state \(vmState)")
    }

    /// Nova's 409 for an action while another task runs.
    static func invalidTask(_ action: String, _ id: String, taskState: String) -> ComputeError {
        .conflict("Cannot '\(action)' instance \(id) while it is in task_state \(taskState)")
    }

    /// A failed write of the database.
    static let storage = ComputeError(.internalError, "The compute database could not be written.")
}
