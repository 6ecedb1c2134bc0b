/// What wakes the agent's loop: a change in a watched database (debounced by the loop), or the once-a-second
/// tick by which it sees that a retry or a full check is due. Signals before the loop waits are not lost.
actor Wakeups {
    private var changed = false
    private var woken = false
    private var waiter: CheckedContinuation<Void, Never>?

    /// A watched row changed.
    func change() {
        changed = true
        wake()
    }

    /// Time passed (or the loop is being stopped).
    func tick() { wake() }

    /// Waits for a change or a tick; answers whether a change came since the last call.
    func next() async -> Bool {
        if !woken { await withCheckedContinuation { waiter = $0 } }
        woken = false
        defer { changed = false }
        return changed
    }

    /// Forgets the changes so far (the loop is about to read them all).
    func clear() {
        changed = false
        woken = false
    }

    private func wake() {
        if let waiter {
            self.waiter = nil
            waiter.resume()
        } else {
            woken = true
        }
    }
}
