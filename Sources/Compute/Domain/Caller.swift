import OpenStackAPI

/// Who calls, as the compute rules need it: user, project and whether they are an admin.
struct Caller: Sendable {
    var userID: String
    var projectID: String
    var isAdmin: Bool

    /// The caller of a validated token; a token without a project acts in an empty project (sees nothing of anyone's).
    init(_ auth: AuthContext) {
        userID = auth.userID
        projectID = auth.projectID ?? ""
        isAdmin = auth.isAdmin
    }

    init(userID: String, projectID: String, isAdmin: Bool) {
        self.userID = userID
        self.projectID = projectID
        self.isAdmin = isAdmin
    }

    /// May act on a resource of `project`: its own project, or admin.
    func owns(_ project: String) -> Bool { isAdmin || project == projectID }
}
