import GRDB

/// Issued tokens and the bootstrap marker in the database.
extension IdentityTransaction {
    /// The token stored under the SHA-256 `hash` of its value.
    func token(_ hash: String) throws -> TokenRow? { try fetch(TokenRow.self, hash) }
    func insert(_ row: TokenRow) throws { try row.insert(db) }
    /// Marks one token revoked.
    func revokeToken(_ hash: String) throws { try db.execute(sql: "UPDATE token SET revoked = 1 WHERE hash = ?", arguments: [hash]) }
    /// Marks every token of a user revoked.
    func revokeTokens(userID: String) throws { try db.execute(sql: "UPDATE token SET revoked = 1 WHERE userId = ?", arguments: [userID]) }
    /// Deletes tokens that expired before `cutoff` (seconds since 1970).
    func deleteTokens(expiredBefore cutoff: Double) throws { try db.execute(sql: "DELETE FROM token WHERE expiresAt < ?", arguments: [cutoff]) }

    /// When the bootstrap ran (nil before the first start).
    func bootstrapped() throws -> String? { try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'bootstrapped'") }
    /// Records that the bootstrap ran.
    func markBootstrapped(_ at: String) throws { try db.execute(sql: "INSERT INTO meta (key, value) VALUES ('bootstrapped', ?)", arguments: [at]) }
}
