import Hummingbird
import OpenStackAPI

/// `GET /v3/role_assignments` with `user.id`, `role.id`, `scope.project.id`, `scope.domain.id`, `scope.system`,
/// `effective` and `include_names`.
enum AssignmentRoutes {
    static func register(on router: Router<APIRequestContext>, _ ctx: IdentityContext) {
        router.get("/v3/role_assignments") { request, context in
            let auth = try context.requireAuth()
            let query = AssignmentDecoding.query(request)
            try IdentityPolicy.listAssignments(auth, userFilter: query.user)
            if query.group {
                return JSONResponse.make(status: 200, body: ["role_assignments": [], "links": CollectionLinks.keystone(selfURL: context.baseURL + request.uri.string)])
            }
            let base = context.baseURL
            let objects = try await ctx.store.read { tx in
                try query.apply(try tx.assignments(), roles: query.effective ? try tx.roles() : [])
                    .map { try AssignmentRendering.assignment($0, names: query.includeNames, base: base, in: tx) }
            }
            return try ctx.list("role_assignments", objects, request, context, ignore: AssignmentQuery.ownFilters)
        }
    }
}
