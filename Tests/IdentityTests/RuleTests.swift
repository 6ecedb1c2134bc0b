@testable import Identity
import OpenStackAPI
import Testing

/// The identity rules as functions of what the store returns, without a database.
@Suite struct IdentityRuleTests {
    let admin = RoleRow(id: "r-admin", name: "admin", description: nil)
    let member = RoleRow(id: "r-member", name: "member", description: nil)
    let reader = RoleRow(id: "r-reader", name: "reader", description: nil)
    let custom = RoleRow(id: "r-custom", name: "custom", description: nil)

    @Test func effectiveRolesAddWhatAdminImpliesInKeystoneOrder() {
        let all = [admin, member, reader, custom]
        #expect(RoleRules.effective(direct: [admin], all: all).map(\.name) == ["reader", "member", "admin"])
        #expect(RoleRules.effective(direct: [custom], all: all).map(\.name) == ["custom"])
        #expect(RoleRules.effective(direct: [], all: all).isEmpty)
    }

    @Test func namesAreUniqueExceptForTheRowItself() throws {
        let user = UserRow(id: "u1", name: "alice", domainId: "default", enabled: true, defaultProjectId: nil, passwordHash: nil, extra: "{}")
        try UserRules.checkName(user, sameName: [user])
        var other = user
        other.id = "u2"
        #expect(throws: IdentityError.self) { try UserRules.checkName(user, sameName: [other]) }
        #expect(throws: IdentityError(.notFound, "Could not find domain: default.")) {
            try UserRules.checkCreate(user, domain: nil, defaultProject: nil, sameName: [])
        }
    }

    @Test func bootstrapRolesAreImmutableAndEnabledDomainsStay() throws {
        #expect(throws: IdentityError(.forbidden, "Resource r-admin is immutable.")) { try RoleRules.checkMutable(admin) }
        try RoleRules.checkMutable(custom)
        let domain = DomainRow(id: "d1", name: "D", description: "", enabled: true)
        #expect(throws: IdentityError.self) { try DomainRules.checkDelete(domain) }
    }

    @Test func effectiveAssignmentsAddImpliedRolesThenFilter() {
        let rows = [AssignmentRow(userId: "u1", targetKind: "project", targetId: "p1", roleId: admin.id),
                    AssignmentRow(userId: "u2", targetKind: "system", targetId: "all", roleId: reader.id)]
        let roles = [admin, member, reader]
        #expect(AssignmentQuery(effective: true).apply(rows, roles: roles).count == 4)
        #expect(AssignmentQuery(user: "u1", effective: true).apply(rows, roles: roles).map(\.roleId) == ["r-admin", "r-member", "r-reader"])
        #expect(AssignmentQuery(system: true).apply(rows, roles: roles).map(\.userId) == ["u2"])
    }

    @Test func endpointsNeedAKnownInterfaceAndService() throws {
        #expect(throws: IdentityError.self) { try CatalogRules.checkInterface("private") }
        try CatalogRules.checkInterface("internal")
        let endpoint = CatalogRules.endpoint(EndpointFields(interface: "public", serviceID: "s1", regionID: "RegionTwo", url: "http://x"))
        #expect(throws: IdentityError.badRequest("Could not find service: s1.")) { try CatalogRules.checkEndpoint(endpoint, service: nil) }
        #expect(CatalogRules.regionToCreate(endpoint, existing: nil)?.id == "RegionTwo")
        #expect(CatalogRules.regionToCreate(endpoint, existing: RegionRow(id: "RegionTwo", description: "", parentRegionId: nil)) == nil)
    }
}
