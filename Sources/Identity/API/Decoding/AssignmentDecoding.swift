import Hummingbird
import OpenStackAPI

/// `GET /v3/role_assignments` query parameters → ``AssignmentQuery``.
enum AssignmentDecoding {
    static func query(_ request: Request) -> AssignmentQuery {
        AssignmentQuery(user: request.query("user.id"), role: request.query("role.id"), project: request.query("scope.project.id"),
                        domain: request.query("scope.domain.id"), system: request.query("scope.system") != nil,
                        group: request.query("group.id") != nil, effective: request.query("effective") != nil,
                        includeNames: ["true", "1", ""].contains(request.query("include_names")?.lowercased() ?? "no"))
    }
}
