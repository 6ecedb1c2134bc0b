/// A role grant named by a path: `…/{projects/{id}|domains/{id}|system}/users/{user}/roles/{role}`.
struct Grant: Sendable {
    /// `project`, `domain` or `system`.
    var kind: String
    /// The project or domain id, `all` for the system.
    var target: String
    var user: String
    var role: String?

    /// The assignment row the grant stands for (a role is required).
    var row: AssignmentRow { AssignmentRow(userId: user, targetKind: kind, targetId: target, roleId: role ?? "") }
}
