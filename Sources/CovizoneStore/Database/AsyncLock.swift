/// A first-come, first-served lock for async code: waiters wait without a thread and are let in
/// the moment the lock is free. SQLite lets one writer in at a time, and writers that queue here
/// go in sooner than SQLite's own busy handler would let them (it sleeps in growing steps, up to
/// 100 ms, and retries).
public actor AsyncLock {
    public init() {}

    private var isLocked = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Waits until the lock is free and takes it; every `acquire` needs one ``release()``.
    public func acquire() async {
        guard isLocked else {
            isLocked = true
            return
        }
        await withCheckedContinuation { waiters.append($0) }
    }

    public func release() {
        if waiters.isEmpty {
            isLocked = false
        } else {
            waiters.removeFirst().resume()
        }
    }
}
