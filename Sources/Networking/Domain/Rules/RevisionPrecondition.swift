import OpenStackAPI

/// `revision-if-match`: an update or delete that names the revision it was computed from
/// (`If-Match: revision_number=N`) happens only while the resource is still at that revision.
struct RevisionPrecondition: Sendable {
    /// The resource's collection.
    var kind: NetworkingRules.Taggable
    /// The resource's id.
    var id: String
    /// The revision the caller expects.
    var expected: Int
    /// Who asks: a resource they cannot see has no revision for them.
    var auth: AuthContext

    /// Refuses with Neutron's 412 when the resource has moved on; a resource the caller cannot see is left
    /// to the change itself to refuse (404).
    func check(_ state: NetworkingState) throws(NetworkingError) {
        guard let current = try? state.standard(kind, id, auth).revision, current != expected else { return }
        throw NetworkingError(.preconditionFailed, "RevisionNumberConstraintFailed",
                              "Constrained to \(expected), but current revision is \(current)")
    }
}
