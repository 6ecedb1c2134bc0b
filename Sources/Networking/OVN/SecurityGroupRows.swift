public import OVNModel
public import OVSDB
public import struct Foundation.UUID

/// The Northbound writes for security groups: one Port_Group per group, one ACL per rule.
public enum SecurityGroupRows {
    /// The ACL row of a rule.
    public static func acl(_ rule: SecurityGroupRule, stateful: Bool = true) -> NB.ACL {
        var acl = NB.ACL()
        acl.action = stateful ? "allow-related" : "allow-stateless"
        acl.direction = ACLMatch.direction(rule)
        acl.match = ACLMatch.match(rule)
        acl.priority = ACLMatch.priority
        acl.externalIDs = [OVNKeys.securityGroupRuleID: rule.id]
        return acl
    }

    /// Adds a group's Port_Group with an ACL for each of its rules to `txn`.
    public static func create(_ group: SecurityGroup, in txn: inout Transaction) {
        var portGroup = NB.PortGroup()
        portGroup.name = OVNNames.portGroup(securityGroup: group.id)
        portGroup.externalIDs = [OVNKeys.securityGroupID: group.id]
        var columns = portGroup.columns
        columns[NB.PortGroup.Column.acls] = .set(group.rules.map { .namedUUID(txn.insert(acl($0, stateful: group.stateful)).name) })
        txn.insert(NB.PortGroup.table, columns)
    }

    /// Adds one rule's ACL to its group's Port_Group.
    public static func addRule(_ rule: SecurityGroupRule, stateful: Bool = true, in txn: inout Transaction) {
        let acl = txn.insert(acl(rule, stateful: stateful))
        txn.mutate(NB.PortGroup.table, where: [.equal(NB.PortGroup.Column.name, .string(OVNNames.portGroup(securityGroup: rule.securityGroupID)))],
                   [.insert(NB.PortGroup.Column.acls, .named(acl))])
    }

    /// Removes a rule's ACL (found in the replica) from its Port_Group; OVN drops the unreferenced ACL row.
    public static func deleteRule(_ rule: SecurityGroupRule, acl: UUID, in txn: inout Transaction) {
        txn.mutate(NB.PortGroup.table, where: [.equal(NB.PortGroup.Column.name, .string(OVNNames.portGroup(securityGroup: rule.securityGroupID)))],
                   [.delete(NB.PortGroup.Column.acls, .uuid(acl))])
    }

    /// Deletes a group's Port_Group (its ACLs go with it).
    public static func delete(securityGroup id: String, in txn: inout Transaction) {
        txn.delete(NB.PortGroup.table, where: [.equal(NB.PortGroup.Column.name, .string(OVNNames.portGroup(securityGroup: id)))])
    }
}
