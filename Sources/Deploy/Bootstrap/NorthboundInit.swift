import OVSDB

/// Makes sure the NB has its `NB_Global` row (what `ovn-nbctl init` does).
public enum NorthboundInit {
    public static func apply(socket: String) async throws {
        try await OVSDBSession.with(.unix(path: socket), database: "OVN_Northbound") { client in
            guard try await OVSDBSession.select(client, "NB_Global", columns: ["_uuid"]).isEmpty else { return }
            var txn = Transaction()
            txn.insert("NB_Global", [:])
            try await client.transact(txn)
        }
    }
}
