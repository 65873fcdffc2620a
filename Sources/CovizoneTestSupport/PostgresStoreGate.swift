/// How many PostgreSQL test databases are open at once. Swift Testing runs the suite's tests in
/// parallel, and each test's database holds a few of the server's connections in its pools (the
/// server's, the test's own, a second instance's); `scripts/test` allows 300, so the tests take
/// turns past `limit` databases instead of failing to connect.
actor PostgresStoreGate {
    static let shared = PostgresStoreGate(limit: 16)

    private var available: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) {
        available = limit
    }

    /// Waits for a free place.
    func acquire() async {
        if available > 0 {
            available -= 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    /// Gives a place back to the next waiting test.
    func release() {
        if waiting.isEmpty {
            available += 1
        } else {
            waiting.removeFirst().resume()
        }
    }
}
