import ArgumentParser
import CovizoneCore
import CovizoneServer
import CovizoneStore
import Foundation
import SQLKit

/// The tracer's query: the visits at one venue that overlap a 4-hour window, in a table of
/// N visits spread over 21 days and V venues (generated inside the database). Prints the
/// latency percentiles of `VisitRepository.overlapping` over many random venues and windows.
struct ExposedVisitsBenchmark: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "exposed-visits", abstract: "Exposed-visit query over N visits.")

    @Option(help: "Visits in the table.") var visits = 10_000_000
    @Option(help: "Venues the visits are spread over.") var venues = 10_000
    @Option(help: "Queries to time.") var queries = 2_000
    @Option(help: "postgres://… to measure PostgreSQL instead of a temporary SQLite file.") var databaseURL: String?

    /// Visits start in the 21 days before this instant.
    static let end = 1_800_000_000
    static let span = 21 * 86_400

    func run() async throws {
        let (database, _, folder) = try await openBenchmarkStore(databaseURL: databaseURL)
        defer { try? FileManager.default.removeItem(at: folder) }

        let setupStarted = ContinuousClock.now
        let firstVenue = try await generate(into: database)
        report("generated \(visits) visits at \(venues) venues (setup)", operations: visits, elapsed: ContinuousClock.now - setupStarted)

        let repository = VisitRepository(database: database)
        var generator = SystemRandomNumberGenerator()
        var latencies: [Duration] = []
        var found = 0
        for _ in 0..<queries {
            let venue = firstVenue + Int64.random(in: 0..<Int64(venues), using: &generator)
            let start = Date(timeIntervalSince1970: Double(Self.end - Int.random(in: 4 * 3600...Self.span, using: &generator)))
            let started = ContinuousClock.now
            found += try await repository.overlapping(venueID: venue, start: start, end: start + 4 * 3600).count
            latencies.append(ContinuousClock.now - started)
        }
        latencies.sort()
        func percentile(_ p: Double) -> String {
            String(format: "%.2f ms", latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))].timeInterval * 1000)
        }
        print(
            "exposed-visits engine=\(database.engine) visits=\(visits) queries=\(queries) rows/query=\(String(format: "%.1f", Double(found) / Double(queries))) "
                + "p50=\(percentile(0.5)) p95=\(percentile(0.95)) p99=\(percentile(0.99)) max=\(percentile(1))"
        )
        try await cleanUp(database, firstVenue: firstVenue)
        try await database.shutdown()
    }

    /// Inserts the venues and visits with one statement each; returns the first venue id.
    private func generate(into database: Database) async throws -> Int64 {
        let isPostgres = database.engine == .postgres
        func insert(_ count: Int, into table: String, _ columns: String, select values: String) -> SQLQueryString {
            generatedInsert(count, into: table, columns, select: values, engine: database.engine)
        }
        return try await database.withConnection { sql in
            let before = try await sql.raw("SELECT COALESCE(MAX(id), 0) AS m FROM venues").first()?.decode(column: "m", as: Int64.self) ?? 0
            try await sql.raw(
                insert(
                    venues, into: "venues", "name, type, province_code, ward_code, address, contact_phone, status, created_at",
                    select: "'bench venue', 'supermarket', '01', '00070', 'bench', '+84900000000', 'approved', 0"
                )
            ).run()
            // A sequence may have moved past deleted rows: find where this batch of venues starts.
            let first = try await sql.raw("SELECT MIN(id) AS m FROM venues WHERE id > \(literal: Int(before)) AND name = 'bench venue'").first()?
                .decode(column: "m", as: Int64.self) ?? before + 1
            let phone = isPostgres ? "'+8491' || lpad((i % 9999999)::text, 7, '0')" : "'+8491' || printf('%07d', i % 9999999)"
            let start = "(\(Self.end - Self.span) + (i * 2654435761) % \(Self.span))"
            try await sql.raw(
                insert(
                    visits, into: "visits", "venue_id, province_code, ward_code, phone, entry_method, checked_in_at, expected_checkout_at, token_hash",
                    select: "\(first) + (i * 7919) % \(venues), '01', '00070', \(phone), 'qr-web', \(start), \(start) + 3600, \(isPostgres ? "'\\x00'::bytea" : "x'00'")"
                )
            ).run()
            try await sql.raw("ANALYZE").run()
            return first
        }
    }

    private func cleanUp(_ database: Database, firstVenue: Int64) async throws {
        try await database.withConnection { sql in
            try await sql.delete(from: "visits").where("venue_id", .greaterThanOrEqual, firstVenue).run()
            try await sql.delete(from: "venues").where("id", .greaterThanOrEqual, firstVenue).run()
        }
    }
}
