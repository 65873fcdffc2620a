import Logging
import ServiceLifecycle

/// Builds the instance's search index on start, so that the first citizen's search does not wait
/// for ten thousand entries to be read, then brings it up to date every minute (a search still
/// checks for changes itself: this keeps its catch-up small).
struct InfoSearchWarmUpService: Service {
    let search: InfoSearchService
    let logger: Logger
    var interval: Duration = .seconds(60)

    func run() async throws {
        await repeatedly(every: interval, "search index refresh", logger: logger) { try await search.refresh() }
    }
}
