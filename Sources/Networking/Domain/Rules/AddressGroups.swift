import Addressing
import OpenStackAPI

/// Address groups as Neutron keeps them: CIDRs normalised (host bits cleared) and each held once; the addresses change
/// only through `add_addresses` and `remove_addresses`, which refuse addresses already there or not there.
extension NetworkingRules {
    /// A new address group of the caller's (or, for admins, the named) project.
    func createAddressGroup(_ r: AddressGroupCreate, _ auth: AuthContext) throws(NetworkingError) -> Decision<AddressGroup> {
        let project = try owningProject(r.owner, auth)
        for text in r.addresses { try Self.checkSubnetSyntax(text) }
        let group = AddressGroup(id: ids.make(.addressGroup), projectID: project, name: r.name ?? "", addresses: try Self.normalized(r.addresses),
                                 std: StandardAttributes(revision: 0, description: r.description ?? ""))
        var batch = Batch()
        batch.addressGroups = [group]
        return Decision(batch: batch, result: group)
    }

    /// Name and description; the addresses change only through the actions.
    func updateAddressGroup(_ id: String, _ r: AddressGroupUpdate, _ auth: AuthContext) throws(NetworkingError) -> Decision<AddressGroup> {
        var group = try state.ownAddressGroup(id, auth)
        if let name = r.name { group.name = name }
        if let description = r.description { group.std.description = description }
        group.std.bump()
        var batch = Batch()
        batch.addressGroups = [group]
        return Decision(batch: batch, result: group)
    }

    /// `add_addresses` (`adding`) or `remove_addresses`: all of them, or none when one is already there (or missing).
    func changeAddresses(_ id: String, _ addresses: [String], adding: Bool, _ auth: AuthContext) throws(NetworkingError) -> Decision<AddressGroup> {
        var group = try state.ownAddressGroup(id, auth)
        let requested = try Self.normalized(addresses)
        let present = requested.filter { group.addresses.contains($0) }, absent = requested.filter { !group.addresses.contains($0) }
        if adding {
            guard present.isEmpty else {
                throw NetworkingError(.badRequest, "AddressesAlreadyExist",
                                      "Addresses \(Self.pythonList(present)) already exist in the address group \(id).")
            }
            group.addresses += absent
        } else {
            guard absent.isEmpty else {
                throw NetworkingError(.notFound, "AddressesNotFound", "Addresses \(Self.pythonList(absent)) not found in the address group \(id).")
            }
            group.addresses.removeAll { present.contains($0) }
        }
        group.std.bump()
        var batch = Batch()
        batch.addressGroups = [group]
        return Decision(batch: batch, result: group)
    }

    /// Deletes a group no security-group rule names (409 `AddressGroupInUse` otherwise).
    func deleteAddressGroup(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        _ = try state.ownAddressGroup(id, auth)
        if state.groups.values.contains(where: { $0.rules.contains { $0.remoteAddressGroupID == id } }) {
            throw .conflict("AddressGroupInUse", "Address group \(id) is in use on one or more security group rules.")
        }
        var batch = Batch()
        batch.deletedAddressGroups = [id]
        return Decision(batch: batch, result: ())
    }

    /// neutron-lib's `validate_subnet`: a prefix length must be given, and an IPv4 address written as netaddr writes it.
    static func checkSubnetSyntax(_ text: String) throws(NetworkingError) {
        let network = try parsed(text)
        let address = IPAddress(String(text.split(separator: "/").first ?? ""))
        if !text.contains("/") || (network.version == 4 && "\(address.map(String.init(describing:)) ?? "")/\(network.prefixLength)" != text) {
            throw .badRequest("Invalid input for addresses. Reason: '\(text)' isn't a recommended CIDR, use '\(network)' instead.")
        }
    }

    /// Each address as netaddr's `IPNetwork` reads it (a bare address is a host route), host bits cleared; each once,
    /// in the order given.
    static func normalized(_ texts: [String]) throws(NetworkingError) -> [String] {
        var out: [String] = []
        for text in texts {
            let address = try parsed(text).description
            if !out.contains(address) { out.append(address) }
        }
        return out
    }

    private static func parsed(_ text: String) throws(NetworkingError) -> IPNetwork {
        guard let network = IPNetwork(hostOrNetwork: text) else {
            throw .badRequest("Invalid input for addresses. Reason: '\(text)' is not a valid IP subnet.")
        }
        return network
    }

    /// A list of strings as Python prints one (`['10.0.0.1/32']`), as Neutron's messages show them.
    static func pythonList(_ items: [String]) -> String { "[" + items.map { "'\($0)'" }.joined(separator: ", ") + "]" }
}

extension NetworkingState {
    /// An address group the caller owns (admins: any); others' are not found.
    func ownAddressGroup(_ id: String, _ auth: AuthContext) throws(NetworkingError) -> AddressGroup {
        guard let g = addressGroups[id], owns(g.projectID, auth) else { throw .notFound(.addressGroup, id) }
        return g
    }
}
