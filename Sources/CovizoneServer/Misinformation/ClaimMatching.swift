import CovizoneStore
import Misinformation

/// Finds the claim a text repeats. Each instance keeps a ``ClaimMatcher`` of every item in
/// memory and, before each match, reads the store's newest item id (one row) and takes in the
/// items added since, on any instance.
struct ClaimMatching: Sendable {
    let items: MisinformationItemRepository
    let state: ClaimMatchState

    /// The claims closest to `text`, closest first.
    func closest(_ text: String, limit: Int) async throws -> [ClaimMatcher.Match] {
        try await state.current(items: items).closest(text, limit: limit)
    }

    /// The claim `text` joins: the closest one at or above the join threshold.
    func claim(for text: String) async throws -> ClaimMatcher.Match? {
        try await closest(text, limit: 1).first { $0.similarity >= ClaimMatcher.joinThreshold }
    }

    /// Takes in an item this instance just stored, so the next text sees it without a read.
    func added(_ item: MisinformationItemRecord) async {
        await state.take(itemID: item.id, claimID: item.claimID, text: item.text)
    }

    /// Brings this instance's matcher up to date with the store.
    func refresh() async throws {
        _ = try await state.current(items: items)
    }
}

/// One instance's matcher and the newest item it holds.
actor ClaimMatchState {
    private var matcher = ClaimMatcher()
    private var newestItemID: Int64 = 0
    private var taken: Set<Int64> = []

    /// The matcher with every stored item (copies share storage until the next change).
    func current(items: MisinformationItemRepository) async throws -> ClaimMatcher {
        let latest = try await items.latestID()
        while newestItemID < latest {
            let added = try await items.added(afterID: newestItemID, limit: 2_000)
            guard !added.isEmpty else { break }
            for item in added { take(itemID: item.id, claimID: item.claimID, text: item.text) }
            newestItemID = max(newestItemID, added.last?.id ?? 0)
        }
        taken = taken.filter { $0 > newestItemID }
        return matcher
    }

    func take(itemID: Int64, claimID: Int64, text: String) {
        guard itemID > newestItemID, !taken.contains(itemID) else { return }
        matcher.add(itemID: itemID, claimID: claimID, text: text)
        taken.insert(itemID)
    }
}
