import Foundation
import OVNModel
public import OVSDB
import OVSDBTestSupport

/// A second client of a Northbound that watches the tables the networking service writes, as `ovn-nbctl` would:
/// tests read the NB through it, never through the service's own connection.
public final class NorthboundObserver: Sendable {
    /// The tables ML2/OVN (and so the networking service) writes.
    public static let tables = [NB.LogicalSwitch.table, NB.LogicalSwitchPort.table, NB.DHCPOptions.table, NB.PortGroup.table, NB.ACL.table,
                                NB.LogicalRouter.table, NB.LogicalRouterPort.table, NB.LogicalRouterStaticRoute.table, NB.NAT.table,
                                NB.GatewayChassis.table, NB.AddressSet.table, NB.DNS.table, NB.LoadBalancer.table, NB.QoS.table]

    /// The connection.
    public let client: OVSDBClient
    /// The replica of ``tables``.
    public let replica: Replica

    /// Connects to `endpoint` and waits for the initial contents.
    public init(_ endpoint: Endpoint) async throws {
        client = try await OVSDBClient.connect([endpoint], database: NB.database)
        replica = try await client.monitor(tables: Self.tables, indexes: [ReplicaIndex(NB.LogicalSwitchPort.table, "name")])
    }

    /// Closes the connection.
    public func close() async { await client.close() }

    /// Waits until the replica shows what `condition` expects (5 s by default).
    public func wait(timeout: Duration = .seconds(5), _ condition: @escaping @Sendable (Replica) -> Bool) async throws {
        try await replica.wait(timeout: timeout, until: condition)
    }

    /// Every row of the watched tables keyed by table and name (or match, or cidr; rows without any of them by
    /// their content), its columns rendered with references as the referenced row's key: equal across UUIDs.
    public func rows() -> [String: [String: String]] {
        let snapshot = replica.snapshot()
        var keys: [UUID: String] = [:]
        for (_, rows) in snapshot {
            for (uuid, row) in rows { keys[uuid] = row["name"]?.string ?? row["match"]?.string ?? row["cidr"]?.string }
        }
        var out: [String: [String: String]] = [:]
        for (table, rows) in snapshot {
            for (_, row) in rows {
                let columns = row.allColumns.mapValues { Self.render($0, keys) }
                let key = "\(table) \(row["name"]?.string ?? row["match"]?.string ?? row["cidr"]?.string ?? columns.sorted { $0.key < $1.key }.description)"
                out[key] = columns
            }
        }
        return out
    }

    /// A value as text, UUIDs replaced by the key of the row they point to.
    static func render(_ value: OVSDBValue, _ keys: [UUID: String]) -> String {
        func atom(_ a: Atom) -> String {
            if case .uuid(let u) = a { return "<\(keys[u] ?? "?")>" }
            return a.display
        }
        switch value {
        case .atom(let a): return atom(a)
        case .set(let s): return "[" + s.map(atom).sorted().joined(separator: ",") + "]"
        case .map(let m): return "{" + m.map { "\(atom($0.key)):\(atom($0.value))" }.sorted().joined(separator: ",") + "}"
        }
    }
}
