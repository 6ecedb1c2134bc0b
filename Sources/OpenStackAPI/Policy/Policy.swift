/// The default roles of every service, as Keystone (2024.1 and later) bootstraps them: `admin` implies
/// `manager` implies `member` implies `reader`. A project manager may do what a member may here.
public enum Role: String, Sendable, CaseIterable {
    case admin, manager, member, reader

    /// The roles a role implies, itself included.
    public var implied: [Role] {
        switch self {
        case .admin: [.admin, .manager, .member, .reader]
        case .manager: [.manager, .member, .reader]
        case .member: [.member, .reader]
        case .reader: [.reader]
        }
    }
}

extension AuthContext {
    /// Holds the admin role (on any scope, like Keystone's `admin_required` default).
    public var isAdmin: Bool { roles.contains(Role.admin.rawValue) }

    /// Holds `role` or a role implying it.
    public func has(_ role: Role) -> Bool {
        Role.allCases.contains { roles.contains($0.rawValue) && $0.implied.contains(role) }
    }

    /// May read resources of `projectID`: admin, or any role on that project.
    public func canRead(project projectID: String?) -> Bool {
        isAdmin || (projectID != nil && projectID == self.projectID && has(.reader))
    }

    /// May change resources of `projectID`: admin, or member of that project.
    public func canWrite(project projectID: String?) -> Bool {
        isAdmin || (projectID != nil && projectID == self.projectID && has(.member))
    }

    /// Throws 403 naming `action` unless `allowed`.
    public func require(_ allowed: Bool, _ action: String) throws(APIError) {
        guard allowed else { throw APIError.forbidden(action) }
    }
}
