/// Lets one headless Chromium run at a time. Several at once on two cores, beside the rest of
/// the suite (demo worlds, PostgreSQL databases), starved a renderer until a page load outlasted
/// the driver's answer (`readTimeout` after 90 s, a blank page).
actor BrowserSlot {
    static let shared = BrowserSlot()
    private var busy = false
    private var waiting: [CheckedContinuation<Void, Never>] = []

    /// Waits until no other test holds a Chromium.
    func acquire() async {
        guard busy else {
            busy = true
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Hands the slot to the next waiting test, if any.
    func release() {
        if waiting.isEmpty { busy = false } else { waiting.removeFirst().resume() }
    }
}
