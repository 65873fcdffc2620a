import CovizoneCore
import CovizoneStore
import Foundation
import OfficialInformation

/// Search over the published entries: each instance keeps the index in memory and, before each
/// search, reads the store's newest revision and synonym-list ids (two one-row statements) and
/// takes in what changed since, so that an entry published on one instance is found on all.
struct InfoSearchService: Sendable {
    let entries: InfoEntryRepository
    let synonyms: SynonymRepository
    let state: InfoSearchState
    let clock: WallClock

    /// An entry found.
    struct Found: Sendable {
        var entry: InfoEntryRecord
        var hit: SearchHit
    }

    static let maximumQueryLength = 300

    /// The published entries in force that answer `query` best first, national ones and those of
    /// `province` (every one when nil).
    func search(_ query: String, province: String?, limit: Int) async throws -> [Found] {
        guard query.count <= Self.maximumQueryLength else {
            throw ValidationFailure([FieldError(field: "q", message: "must be at most \(Self.maximumQueryLength) characters")])
        }
        let snapshot = try await state.current(entries: entries, synonyms: synonyms)
        return snapshot.index.search(query, synonyms: snapshot.synonyms, province: province, at: clock.now, limit: limit).compactMap { hit in
            snapshot.records[hit.id].map { Found(entry: $0, hit: hit) }
        }
    }

    /// Brings this instance's index up to date with the store.
    func refresh() async throws {
        _ = try await state.current(entries: entries, synonyms: synonyms)
    }

    /// The synonym groups in force.
    func synonymGroups() async throws -> SynonymRepository.Saved {
        try await synonyms.latest()
    }
}

/// One instance's search index and the store's state it reflects.
actor InfoSearchState {
    struct Snapshot: Sendable {
        var index = SearchIndex()
        var synonyms = SynonymGroups()
        var records: [Int64: InfoEntryRecord] = [:]
        var revisionID: Int64 = 0
        var synonymsID: Int64 = -1
    }

    private var snapshot = Snapshot()

    /// The index brought up to date with the store (copies share storage until the next change).
    func current(entries: InfoEntryRepository, synonyms: SynonymRepository) async throws -> Snapshot {
        let latestRevision = try await entries.latestRevisionID()
        while snapshot.revisionID < latestRevision {
            let changed = try await entries.changed(afterRevisionID: snapshot.revisionID, limit: 1_000)
            guard !changed.isEmpty else { break }
            apply(changed)
        }
        let synonymsID = try await synonyms.latestID()
        if synonymsID != snapshot.synonymsID {
            let saved = try await synonyms.latest()
            if saved.id != snapshot.synonymsID {
                snapshot.synonyms = SynonymGroups(saved.groups)
                snapshot.synonymsID = saved.id
            }
        }
        return snapshot
    }

    /// Takes in entries read from the store; an older read (another search's, awaited meanwhile) never replaces a newer one.
    private func apply(_ changed: [InfoEntryRecord]) {
        for entry in changed where entry.lastRevisionID > snapshot.records[entry.id]?.lastRevisionID ?? 0 {
            snapshot.records[entry.id] = entry
            if entry.content.published {
                snapshot.index.insert(entry.searchDocument)
            } else {
                snapshot.index.remove(id: entry.id)
            }
        }
        snapshot.revisionID = max(snapshot.revisionID, changed.map(\.lastRevisionID).max() ?? 0)
    }
}
