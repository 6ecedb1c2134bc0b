/// A nudge to sync now, taken by the sync loop (several nudges before it looks count as one).
actor SyncTrigger {
    private var pending = false

    /// Asks for a sync.
    func nudge() { pending = true }

    /// Whether a sync was asked for since the last call.
    func take() -> Bool {
        defer { pending = false }
        return pending
    }
}
