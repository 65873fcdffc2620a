/// The condition a test waited for did not come true in time.
public struct ConditionTimedOut: Error, CustomStringConvertible {
    public var description: String
}

/// Polls `condition` every 50 ms until it holds; throws after `seconds`.
public func waitUntil(_ what: String = "condition", seconds: Double = 10, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
    while ContinuousClock.now < deadline {
        if try await condition() { return }
        try await Task.sleep(for: .milliseconds(50))
    }
    throw ConditionTimedOut(description: "\(what) not met within \(seconds) s")
}
