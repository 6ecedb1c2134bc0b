extension ComputeStore {
    /// The keypairs of `userID` (another user's only for admins).
    func listKeypairs(_ caller: Caller, userID: String?) throws(ComputeError) -> [Keypair] {
        let user = try owner(caller, userID)
        return (keypairs[user] ?? [:]).values.sorted { $0.name < $1.name }
    }

    /// One keypair, or 404.
    func keypair(_ name: String, _ caller: Caller, userID: String?) throws(ComputeError) -> Keypair {
        guard let keypair = keypairs[try owner(caller, userID)]?[name] else { throw .notFound("Keypair \(name) not found for user \(userID ?? caller.userID)") }
        return keypair
    }

    /// Imports or generates a keypair; 409 when the user already has one of that name.
    func createKeypair(_ create: KeypairCreate, _ caller: Caller) throws(ComputeError) -> CreatedKeypair {
        let user = try owner(caller, create.userID)
        try KeypairName.validate(create.name)
        guard keypairs[user]?[create.name] == nil else { throw .conflict("Key pair '\(create.name)' already exists.") }
        guard (keypairs[user]?.count ?? 0) < 100 else { throw .forbidden("Quota exceeded, too many key pairs.") }
        let key: SSHPublicKey, line: String, privateKey: String?
        if let text = create.publicKey {
            key = try SSHPublicKey(parsing: text)
            line = text
            privateKey = nil
        } else {
            let generated = try KeyGenerator.rsa()
            key = generated.publicKey
            line = key.line(comment: "Generated-by-Nova")
            privateKey = generated.privatePEM
        }
        let id = (keypairs.values.flatMap(\.values).map(\.id).max() ?? 0) + 1
        let keypair = Keypair(id: id, name: create.name, userID: user, publicKey: line, fingerprint: key.fingerprint, createdAt: ComputeClock.now())
        try commit(Batch(keypairs: [keypair]))
        return CreatedKeypair(keypair: keypair, privateKey: privateKey)
    }

    /// Deletes a keypair; servers keep the key data they were given.
    func deleteKeypair(_ name: String, _ caller: Caller, userID: String?) throws(ComputeError) {
        try commit(Batch(deletedKeypairs: [try keypair(name, caller, userID: userID)]))
    }

    /// The user whose keypairs are meant: the caller's own, or (admin only) the one named.
    private func owner(_ caller: Caller, _ userID: String?) throws(ComputeError) -> String {
        guard let userID, userID != caller.userID else { return caller.userID }
        guard caller.isAdmin else { throw .policy("os_compute_api:os-keypairs:index") }
        return userID
    }
}
