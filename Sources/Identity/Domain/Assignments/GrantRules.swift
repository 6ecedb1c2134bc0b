/// When a grant names something that does not exist.
enum GrantRules {
    /// The target, the user and (when named) the role must exist, checked in that order.
    static func checkExists(_ g: Grant, target: Bool, user: UserRow?, role: RoleRow?) throws(IdentityError) {
        if !target { throw .notFound(g.kind, g.target) }
        if user == nil { throw .notFound("user", g.user) }
        if let r = g.role, role == nil { throw .notFound("role", r) }
    }

    /// 404 for a grant that is not there.
    static func notGranted(_ a: AssignmentRow) -> IdentityError {
        .init(.notFound, "Could not find role assignment with role: \(a.roleId), user or group: \(a.userId), project, domain, or system: \(a.targetId).")
    }
}
