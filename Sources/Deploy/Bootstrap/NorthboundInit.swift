import OVNModel
import OVSDB

/// Makes sure the NB has its `NB_Global` row (what `ovn-nbctl init` does).
public enum NorthboundInit {
    /// Connects to the NB socket and inserts `NB_Global` unless it exists.
    public static func apply(socket: String) async throws {
        try await OVSDBSession.with(.unix(path: socket), database: NB.database) { client in
            guard try await OVSDBSession.select(client, NB.NBGlobal.self, columns: ["_uuid"]).isEmpty else { return }
            var txn = Transaction()
            txn.insert(NB.NBGlobal.table, [:])
            try await client.transact(txn)
        }
    }
}
