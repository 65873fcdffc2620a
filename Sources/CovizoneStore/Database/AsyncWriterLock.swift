/// A first-come, first-served lock for async code. SQLite lets one writer in at a time; writers
/// that queue here wait without a thread and are let in the moment the lock is free, where
/// SQLite's own busy handler would sleep in growing steps (up to 100 ms) and retry.
actor AsyncWriterLock {
    private var isLocked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Waits until the lock is free and takes it; every `acquire` needs one ``release()``.
    func acquire() async {
        guard isLocked else {
            isLocked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    func release() {
        if waiters.isEmpty {
            isLocked = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
