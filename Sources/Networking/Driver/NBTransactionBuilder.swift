import Foundation
import OVNModel
import OVSDB

/// Turns intents into one transaction: rows missing from the replica are inserted, differing columns
/// updated, set memberships mutated; rows already right cost nothing.
struct NBTransactionBuilder {
    let replica: Replica
    var txn = Transaction()
    /// Rows inserted by name, to wait for in the replica after the commit.
    private(set) var inserted: [(table: String, name: NamedUUID)] = []
    /// Rows removed, to wait for in the replica after the commit.
    var removed: [(table: String, uuid: UUID)] = []
    var routers: [String: OVSDBValue] = [:]
    private var switches: [String: OVSDBValue] = [:]
    private var dhcp: [String: OVSDBValue] = [:]
    private var groupsCreated: Set<String> = []
    private var addressSetsCreated: Set<String> = []
    /// Whether `row.column` holds `atom`: a binary search, as a switch's or `neutron_pg_drop`'s ports run to thousands.
    func isMember(_ row: Row, _ column: String, _ atom: Atom) -> Bool {
        row[column]?.containsSorted(atom) ?? false
    }

    init(replica: Replica) { self.replica = replica }

    private typealias LS = NB.LogicalSwitch
    private typealias LSP = NB.LogicalSwitchPort
    private typealias PG = NB.PortGroup

    func row(_ table: String, name: String) -> Row? { replica.rows(table, where: "name", is: .string(name)).first }

    /// Adds intents in dependency order: groups, switches and DHCP options before the ports using them.
    mutating func add(_ intents: [NBIntent]) {
        func rank(_ i: NBIntent) -> Int {
            switch i {
            case .removeSwitchPort, .removeRouterPort: 0
            case .addressSet: 1
            case .portGroup: 1
            case .logicalSwitch: 2
            case .dhcpOptions, .dns: 3
            case .switchPort: 4
            case .logicalRouter: 5
            case .routerPort, .portForwardingBalancers, .qosRules: 6
            case .removeDHCPOptions, .removeDNS: 7
            case .removePortGroup: 8
            case .removeSwitch, .removeRouter: 9
            case .removeAddressSet: 10
            }
        }
        for intent in intents.enumerated().sorted(by: { (rank($0.element), $0.offset) < (rank($1.element), $1.offset) }).map(\.element) {
            switch intent {
            case .logicalSwitch(let s): logicalSwitch(s)
            case .switchPort(let p): switchPort(p)
            case .dhcpOptions(let d): dhcpOptions(d)
            case .portGroup(let g): portGroup(g)
            case .removeSwitch(let name):
                for r in replica.rows(LS.table, where: "name", is: .string(name)) { remove(LS.table, r.uuid) }
            case .removeSwitchPort(let name):
                removeSwitchPort(name)
            case .removeDHCPOptions(let subnet):
                for r in replica.rows(NB.DHCPOptions.table, where: "external_ids", key: OVNKeys.subnetID, is: .string(subnet)) {
                    remove(NB.DHCPOptions.table, r.uuid)
                }
            case .removePortGroup(let name):
                if let r = row(PG.table, name: name) { remove(PG.table, r.uuid) }
            case .logicalRouter(let r): logicalRouter(r)
            case .routerPort(let p): routerPort(p)
            case .removeRouter(let name):
                if let r = row(NB.LogicalRouter.table, name: name) { remove(NB.LogicalRouter.table, r.uuid) }
            case .removeRouterPort(let name): removeRouterPort(name)
            case .addressSet(let a): addressSet(a)
            case .dns(let d): dns(d)
            case .removeDNS(let name): removeDNS(name)
            case .portForwardingBalancers(let router, let balancers): portForwardingBalancers(router, balancers)
            case .qosRules(let switchName, let rules): qosRules(switchName, rules)
            case .removeAddressSet(let name):
                if let r = row(NB.AddressSet.table, name: name) { remove(NB.AddressSet.table, r.uuid) }
            }
        }
    }

    mutating func remove(_ table: String, _ uuid: UUID) {
        txn.delete(table, where: [.uuid(uuid)])
        removed.append((table, uuid))
    }

    /// Sets the columns of `existing` that differ from `desired`.
    mutating func update(_ table: String, _ existing: Row, _ desired: [String: OVSDBValue]) {
        let changed = desired.filter { !NBValues.same(existing[$0.key], $0.value) }
        if !changed.isEmpty { txn.update(table, where: [.uuid(existing.uuid)], changed) }
    }

    mutating func insert(_ table: String, _ columns: [String: OVSDBValue]) -> NamedUUID {
        let name = txn.insert(table, columns)
        inserted.append((table, name))
        return name
    }

    mutating func logicalSwitch(_ spec: SwitchSpec) {
        let columns: [String: OVSDBValue] = [LS.Column.name: .string(spec.name), LS.Column.externalIDs: NBValues.map(spec.externalIDs),
                                             LS.Column.otherConfig: NBValues.map(spec.otherConfig)]
        if let existing = row(LS.table, name: spec.name) {
            update(LS.table, existing, columns)
            switches[spec.name] = .uuid(existing.uuid)
        } else if switches[spec.name] == nil {
            switches[spec.name] = .named(insert(LS.table, columns))
        }
    }

    private func switchCondition(_ name: String) -> Condition {
        if case .atom(.namedUUID(let n))? = switches[name] { return .named(NamedUUID(n)) }
        return .equal(LS.Column.name, .string(name))
    }

    mutating func switchPort(_ spec: SwitchPortSpec) {
        let dhcpv4 = dhcpReference(port: spec.name, ipVersion: 4, subnet: spec.dhcpv4Subnet, own: spec.ownDHCPv4)
        let dhcpv6 = dhcpReference(port: spec.name, ipVersion: 6, subnet: spec.dhcpv6Subnet, own: spec.ownDHCPv6)
        let columns: [String: OVSDBValue] = [
            LSP.Column.name: .string(spec.name), LSP.Column.type: .string(spec.type), LSP.Column.addresses: NBValues.strings(spec.addresses),
            LSP.Column.portSecurity: NBValues.strings(spec.portSecurity), LSP.Column.enabled: NBValues.optional(spec.enabled),
            LSP.Column.options: NBValues.map(spec.options), LSP.Column.externalIDs: NBValues.map(spec.externalIDs),
            LSP.Column.tag: NBValues.optional(spec.tag), LSP.Column.parentName: NBValues.optional(spec.parentName), LSP.Column.dhcpv4Options: dhcpv4,
            LSP.Column.dhcpv6Options: dhcpv6,
        ]
        let portRef: Atom
        if let existing = row(LSP.table, name: spec.name) {
            update(LSP.table, existing, columns)
            portRef = .uuid(existing.uuid)
            if let sw = row(LS.table, name: spec.switchName), !isMember(sw, LS.Column.ports, portRef) {
                txn.mutate(LS.table, where: [.uuid(sw.uuid)], [.insert(LS.Column.ports, .set([portRef]))])
            }
        } else {
            let named = insert(LSP.table, columns)
            portRef = .namedUUID(named.name)
            txn.mutate(LS.table, where: [switchCondition(spec.switchName)], [.insert(LS.Column.ports, .set([portRef]))])
        }
        guard let wanted = spec.portGroups else { return }
        if case .namedUUID = portRef {
            for name in wanted.sorted() {
                txn.mutate(PG.table, where: [.equal(PG.Column.name, .string(name))], [.insert(PG.Column.ports, .set([portRef]))])
            }
            return
        }
        var seen = Set<String>()
        for group in replica.rows(PG.table) {
            guard let name = group[PG.Column.name]?.string, name == OVNNames.dropPortGroup || name.hasPrefix("pg_") else { continue }
            seen.insert(name)
            let member = isMember(group, PG.Column.ports, portRef)
            if wanted.contains(name), !member {
                txn.mutate(PG.table, where: [.uuid(group.uuid)], [.insert(PG.Column.ports, .set([portRef]))])
            } else if !wanted.contains(name), member {
                txn.mutate(PG.table, where: [.uuid(group.uuid)], [.delete(PG.Column.ports, .set([portRef]))])
            }
        }
        for name in wanted.subtracting(seen) where groupsCreated.contains(name) {
            txn.mutate(PG.table, where: [.equal(PG.Column.name, .string(name))], [.insert(PG.Column.ports, .set([portRef]))])
        }
    }

    private mutating func removeSwitchPort(_ name: String) {
        removePortDHCPOptions(name)
        guard let port = row(LSP.table, name: name) else { return }
        // A Logical_Switch_Port is not a root row: leaving its switch deletes it (and its weak Port_Group references).
        for sw in replica.rows(LS.table) where isMember(sw, LS.Column.ports, .uuid(port.uuid)) {
            txn.mutate(LS.table, where: [.uuid(sw.uuid)], [.delete(LS.Column.ports, .set([.uuid(port.uuid)]))])
        }
        removed.append((LSP.table, port.uuid))
    }

    mutating func dhcpOptions(_ spec: DHCPOptionsSpec) {
        let table = NB.DHCPOptions.table
        let columns: [String: OVSDBValue] = ["cidr": .string(spec.cidr), "options": NBValues.map(spec.options),
                                             "external_ids": NBValues.map(spec.externalIDs)]
        let existing = subnetDHCPOptions(spec.subnetID)
        if let first = existing.first {
            update(table, first, columns)
            dhcp[spec.subnetID] = .uuid(first.uuid)
            for extra in existing.dropFirst() { remove(table, extra.uuid) }
        } else if dhcp[spec.subnetID] == nil {
            dhcp[spec.subnetID] = .named(insert(table, columns))
        }
    }

    /// The subnet's own DHCP_Options rows (not those of its ports).
    private func subnetDHCPOptions(_ subnet: String) -> [Row] {
        replica.rows(NB.DHCPOptions.table, where: "external_ids", key: OVNKeys.subnetID, is: .string(subnet))
            .filter { $0["external_ids"]?.stringMap[OVNKeys.portID] == nil }
    }

    /// What a port's `dhcpv4_options` or `dhcpv6_options` should reference: its own row (written here), else its
    /// subnet's; a port without its own options for that IP version loses any it had.
    private mutating func dhcpReference(port: String, ipVersion: Int, subnet: String?, own: DHCPOptionsSpec?) -> OVSDBValue {
        if let own { return .set(portDHCPOptions(own, port: port, ipVersion: ipVersion).atoms) }
        removePortDHCPOptions(port, ipVersion: ipVersion)
        guard let subnet else { return .empty }
        if let ref = dhcp[subnet] { return .set(ref.atoms) }
        return subnetDHCPOptions(subnet).first.map { .set([.uuid($0.uuid)]) } ?? .empty
    }

    /// The DHCP_Options rows of one port (of one IP version, or both).
    private func ownDHCPOptions(_ port: String, ipVersion: Int? = nil) -> [Row] {
        replica.rows(NB.DHCPOptions.table, where: "external_ids", key: OVNKeys.portID, is: .string(port)).filter { row in
            ipVersion.map { ($0 == 6) == (row["cidr"]?.string ?? "").contains(":") } ?? true
        }
    }

    /// Writes a port's own DHCP_Options row (one per port and IP version: extra ones go) and answers the reference to it.
    private mutating func portDHCPOptions(_ spec: DHCPOptionsSpec, port: String, ipVersion: Int) -> OVSDBValue {
        let table = NB.DHCPOptions.table
        let columns: [String: OVSDBValue] = ["cidr": .string(spec.cidr), "options": NBValues.map(spec.options),
                                             "external_ids": NBValues.map(spec.externalIDs)]
        let existing = ownDHCPOptions(port, ipVersion: ipVersion)
        guard let first = existing.first else { return .named(insert(table, columns)) }
        update(table, first, columns)
        for extra in existing.dropFirst() { remove(table, extra.uuid) }
        return .atom(.uuid(first.uuid))
    }

    /// Removes a port's own DHCP_Options rows (its options went, or the port did).
    private mutating func removePortDHCPOptions(_ port: String, ipVersion: Int? = nil) {
        for r in ownDHCPOptions(port, ipVersion: ipVersion) { remove(NB.DHCPOptions.table, r.uuid) }
    }

    /// The DNS rows of a switch (ML2/OVN's are found by `external_ids:ls_name`).
    private func dnsRows(_ switchName: String) -> [Row] {
        replica.rows(NB.DNS.table, where: "external_ids", key: "ls_name", is: .string(switchName))
    }

    /// Creates or updates a network's DNS row and makes its switch reference it.
    mutating func dns(_ spec: DNSSpec) {
        let columns: [String: OVSDBValue] = ["records": NBValues.map(spec.records), "external_ids": NBValues.map(["ls_name": spec.switchName])]
        let existing = dnsRows(spec.switchName)
        let ref: Atom
        if let first = existing.first {
            update(NB.DNS.table, first, columns)
            for extra in existing.dropFirst() { removeDNSRow(extra, switchName: spec.switchName) }
            ref = .uuid(first.uuid)
            if let sw = row(LS.table, name: spec.switchName), isMember(sw, LS.Column.dnsRecords, ref) { return }
        } else {
            ref = .namedUUID(insert(NB.DNS.table, columns).name)
        }
        txn.mutate(LS.table, where: [switchCondition(spec.switchName)], [.insert(LS.Column.dnsRecords, .set([ref]))])
    }

    /// Removes a switch's DNS rows (they are root rows: leaving the switch does not delete them).
    mutating func removeDNS(_ switchName: String) {
        for r in dnsRows(switchName) { removeDNSRow(r, switchName: switchName) }
    }

    private mutating func removeDNSRow(_ r: Row, switchName: String) {
        if let sw = row(LS.table, name: switchName), isMember(sw, LS.Column.dnsRecords, .uuid(r.uuid)) {
            txn.mutate(LS.table, where: [.uuid(sw.uuid)], [.delete(LS.Column.dnsRecords, .set([.uuid(r.uuid)]))])
        }
        remove(NB.DNS.table, r.uuid)
    }

    /// Creates or updates an Address_Set (the ACLs naming it come in the same transaction, after it).
    mutating func addressSet(_ spec: AddressSetSpec) {
        let columns: [String: OVSDBValue] = ["name": .string(spec.name), "addresses": NBValues.strings(spec.addresses),
                                             "external_ids": NBValues.map(spec.externalIDs)]
        if let existing = row(NB.AddressSet.table, name: spec.name) {
            update(NB.AddressSet.table, existing, columns)
        } else if !addressSetsCreated.contains(spec.name) {
            addressSetsCreated.insert(spec.name)
            _ = insert(NB.AddressSet.table, columns)
        }
    }

    private func aclColumns(_ a: ACLSpec) -> [String: OVSDBValue] {
        [NB.ACL.Column.action: .string(a.action), NB.ACL.Column.direction: .string(a.direction), NB.ACL.Column.match: .string(a.match),
         NB.ACL.Column.priority: .integer(a.priority), NB.ACL.Column.externalIDs: NBValues.map(a.externalIDs)]
    }

    mutating func portGroup(_ spec: PortGroupSpec) {
        guard let existing = row(PG.table, name: spec.name) else {
            guard !groupsCreated.contains(spec.name) else { return }
            let acls = spec.acls.map { Atom.namedUUID(insert(NB.ACL.table, aclColumns($0)).name) }
            _ = insert(PG.table, [PG.Column.name: .string(spec.name), PG.Column.externalIDs: NBValues.map(spec.externalIDs),
                                  PG.Column.acls: .set(acls)])
            groupsCreated.insert(spec.name)
            return
        }
        update(PG.table, existing, [PG.Column.externalIDs: NBValues.map(spec.externalIDs)])
        var current: [String: Row] = [:]
        for uuid in existing[PG.Column.acls]?.uuids ?? [] {
            guard let acl = replica.row(NB.ACL.table, uuid) else { continue }
            let key = acl[NB.ACL.Column.externalIDs]?.stringMap[OVNKeys.securityGroupRuleID]
                ?? "\(acl[NB.ACL.Column.direction]?.string ?? "") \(acl[NB.ACL.Column.match]?.string ?? "")"
            if current[key] != nil {
                txn.mutate(PG.table, where: [.uuid(existing.uuid)], [.delete(PG.Column.acls, .set([.uuid(uuid)]))])
            } else {
                current[key] = acl
            }
        }
        for acl in spec.acls {
            if let have = current.removeValue(forKey: acl.key) {
                update(NB.ACL.table, have, aclColumns(acl))
            } else {
                let named = insert(NB.ACL.table, aclColumns(acl))
                txn.mutate(PG.table, where: [.uuid(existing.uuid)], [.insert(PG.Column.acls, .set([.namedUUID(named.name)]))])
            }
        }
        for (_, stale) in current {
            txn.mutate(PG.table, where: [.uuid(existing.uuid)], [.delete(PG.Column.acls, .set([.uuid(stale.uuid)]))])
        }
    }
}
