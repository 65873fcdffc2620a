import ArgumentParser
import CovizoneCore
import CovizoneServer
import CovizoneStore
import Foundation
import OfficialInformation
import SQLKit

/// Official information at the scale: E question-and-answer entries made from the demo's
/// 40 (each with a province's name, a round number and ten words of the corpus added, so that no
/// two are alike) and F health facilities over Vietnam (most around its cities). Times a search as
/// an instance answers it — the two statements that check the store for changes, then BM25 over
/// the index in memory — with queries typed without diacritics and a word left out, and the ten
/// nearest testing sites from a position in a city.
struct InformationBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "information", abstract: "Search over E entries and nearest facilities over F.")

    @Option(help: "Question-and-answer entries.") var entries = 10_000
    @Option(help: "Health facilities.") var facilities = 50_000
    @Option(help: "Searches and look-ups timed.") var runs = 200
    @Option(help: "postgres://… to measure PostgreSQL instead of a temporary SQLite file.") var databaseURL: String?

    struct DemoEntry: Decodable {
        var question: BilingualText
        var answer: BilingualText
        var topics: [String]
    }

    func run() async throws {
        let (database, _, folder) = try await openBenchmarkStore(databaseURL: databaseURL)
        defer { try? FileManager.default.removeItem(at: folder) }
        let demo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../CovizoneServer/Resources/Demo/information-entries.json")
        let corpus = try JSONDecoder().decode([DemoEntry].self, from: Data(contentsOf: demo))
        let provinces = try AdministrativeDivisions.bundled().provinces.map(\.name)
        var random = SystemRandomNumberGenerator()
        let vocabulary = Array(Set(corpus.flatMap { $0.answer.vi.split(separator: " ").map(String.init) }))

        var started = ContinuousClock.now
        let repository = InfoEntryRepository(database: database)
        for batch in stride(from: 0, to: entries, by: 500) {
            let contents = (batch..<min(batch + 500, entries)).map { index in
                let template = corpus[index % corpus.count]
                let extra = (0..<10).map { _ in vocabulary.randomElement(using: &random) ?? "" }.joined(separator: " ")
                return InfoEntryContent(
                    question: BilingualText(vi: "\(provinces[index % provinces.count]): \(template.question.vi) (đợt \(index / corpus.count))", en: template.question.en),
                    answer: BilingualText(vi: template.answer.vi + " " + extra, en: template.answer.en), shortAnswer: nil, topics: template.topics,
                    provinceCode: nil, source: "bench", validFrom: nil, validUntil: nil, published: true
                )
            }
            for content in contents { _ = try await repository.create(content, actor: "bench", userID: nil, at: Date()) }
        }
        report("information-seed engine=\(database.engine) entries", operations: entries, elapsed: ContinuousClock.now - started)

        started = ContinuousClock.now
        var index = SearchIndex()
        for entry in try await allEntries(repository) { index.insert(entry.searchDocument) }
        report("index built from the store (what an instance does on its first search)", operations: index.count, elapsed: ContinuousClock.now - started)

        let synonyms = SynonymRepository(database: database)
        let queries = (0..<runs).map { run -> String in
            var words = VietnameseText.withoutDiacritics(corpus[run % corpus.count].question.vi).split(separator: " ").map(String.init)
            if words.count > 3 { words.remove(at: run % words.count) }
            return words.joined(separator: " ")
        }
        var found = 0
        try await measure("search (freshness check + BM25 over \(index.count) entries)", runs: runs) { run in
            _ = try await repository.latestRevisionID()
            _ = try await synonyms.latestID()
            found += index.search(queries[run], at: Date(), limit: 10).isEmpty ? 0 : 1
        }
        print("searches with an answer: \(found) of \(runs)")

        started = ContinuousClock.now
        try await seedFacilities(database)
        report("facility-seed engine=\(database.engine) facilities", operations: facilities, elapsed: ContinuousClock.now - started)
        let directory = HealthFacilityRepository(database: database)
        let cities = [(21.0285, 105.8542), (10.7769, 106.7009), (16.0544, 108.2022), (20.8449, 106.6881), (10.0452, 105.7469)]
        var nearestKm: [Double] = []
        try await measure("ten nearest testing sites among \(facilities)", runs: runs) { run in
            let city = cities[run % cities.count]
            let point = GeoPoint(longitude: city.1 + Double(run % 17 - 8) * 0.01, latitude: city.0 + Double(run % 13 - 6) * 0.01)
            let nearest = try await directory.nearest(to: point, service: .testing, limit: 10)
            nearestKm.append(nearest.last?.distanceKm ?? .infinity)
        }
        nearestKm.sort()
        print(String(format: "tenth nearest testing site: median %.2f km", nearestKm[nearestKm.count / 2]))
        try await database.shutdown()
    }

    private func allEntries(_ repository: InfoEntryRepository) async throws -> [InfoEntryRecord] {
        var all: [InfoEntryRecord] = []
        var after: Int64 = 0
        while true {
            let page = try await repository.changed(afterRevisionID: after, limit: 1_000)
            guard let last = page.last else { return all }
            all += page
            after = last.lastRevisionID
        }
    }

    /// Facilities made inside the database: 60 % around five cities, the rest over the country's box; services from the id.
    private func seedFacilities(_ database: Database) async throws {
        let isPostgres = database.engine == .postgres
        let random = isPostgres ? "random()" : "(abs(random()) / 9223372036854775807.0)"
        let latitude = "CASE WHEN i % 5 < 3 THEN (CASE i % 5 WHEN 0 THEN 21.03 WHEN 1 THEN 10.78 ELSE 16.05 END) + (\(random) - 0.5) * 0.4 ELSE 8.6 + \(random) * 14.7 END"
        let longitude = "CASE WHEN i % 5 < 3 THEN (CASE i % 5 WHEN 0 THEN 105.85 WHEN 1 THEN 106.70 ELSE 108.20 END) + (\(random) - 0.5) * 0.4 ELSE 102.2 + \(random) * 7.3 END"
        try await database.withConnection { sql in
            try await sql.raw(
                generatedInsert(
                    facilities, into: "info_facilities",
                    "name, services, province_code, ward_code, address, latitude, longitude, phone, hours, folded, created_at, updated_at, updated_by",
                    select: "'Cơ sở ' || i, 1 + (i % 31), '01', '00004', 'Địa chỉ ' || i, \(latitude), \(longitude), '0240000000', '', ' co so ' || i || ' ', 0, 0, 'bench'",
                    engine: database.engine
                )
            ).run()
            try await sql.raw("ANALYZE").run()
        }
    }

    private func measure(_ name: String, runs: Int, _ body: (Int) async throws -> Void) async throws {
        var latencies: [Duration] = []
        for run in 0..<runs {
            let started = ContinuousClock.now
            try await body(run)
            latencies.append(ContinuousClock.now - started)
        }
        latencies.sort()
        func milliseconds(_ index: Int) -> String { String(format: "%.2f ms", latencies[min(index, latencies.count - 1)].timeInterval * 1000) }
        print("\(name): median \(milliseconds(latencies.count / 2)), p95 \(milliseconds(Int(Double(latencies.count) * 0.95))), max \(milliseconds(latencies.count - 1))")
    }
}
