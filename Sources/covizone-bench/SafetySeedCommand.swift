import ArgumentParser
import CovizoneCore
import CovizoneServer
import CovizoneStore
import Foundation
import SQLKit

/// Fills a store with N safety-map facilities, each with today's self-check, for
/// `scripts/bench-safety` to measure the map, the GeoJSON and the live stream of a server on it.
/// Hà Nội and Hồ Chí Minh City get four times a province's share; `--manager` manages the
/// facilities of Hồ Chí Minh City.
struct SafetySeedCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "safety-seed", abstract: "Fill a store with N safety-map facilities self-checked today.")

    @Option(help: "Facilities to add.") var facilities = 200_000
    @Option(help: "Folder of the SQLite store.") var data: String?
    @Option(name: .customLong("database-url"), help: "postgres://… instead.") var databaseURL: String?
    @Option(help: "The facility-manager account of province 79 that manages its facilities.") var manager: String

    func run() async throws {
        var configuration = ServerConfiguration()
        if let data { configuration.dataDirectory = data }
        configuration.databaseURL = databaseURL
        let database = try await openMigratedDatabase(configuration: configuration, logger: .init(label: "bench"))
        guard let owner = try await UserRepository(database: database).find(username: manager) else { throw ValidationError("no account \(manager)") }
        let divisions = try AdministrativeDivisions.bundled()
        let shares = divisions.provinces.map { ($0, ["01", "79"].contains($0.code) ? 4 : 1) }
        let unit = facilities / shares.reduce(0) { $0 + $1.1 }
        let now = Int(Date().timeIntervalSince1970)
        let today = VietnamDay.number(of: Date())
        let started = ContinuousClock.now
        try await database.withConnection { sql in
            for (province, share) in shares {
                guard let ward = divisions.wards(inProvince: province.code)?.first else { continue }
                let status = "CASE WHEN i % 10 = 0 THEN 'unsafe' WHEN i % 10 = 1 THEN 'some-risk' ELSE 'safe' END"
                let type = "CASE i % 5 WHEN 0 THEN 'school' WHEN 1 THEN 'market' WHEN 2 THEN 'restaurant' WHEN 3 THEN 'office' ELSE 'supermarket' END"
                try await sql.raw(
                    generatedInsert(
                        unit * share, into: "safety_facilities",
                        "name, type, province_code, ward_code, address, latitude, longitude, contact_phone, manager_id, created_by, created_at, "
                            + "latest_status, latest_score, latest_risk_level, latest_reported_at, latest_day",
                        select: "'bench facility ' || i, \(type), '\(province.code)', '\(ward.code)', 'bench address', 8.6 + (i * 13 % 1440) / 100.0, "
                            + "102.2 + (i * 29 % 730) / 100.0, '+84900000000', \(province.code == "79" ? String(owner.id) : "NULL"), \(owner.id), \(now), "
                            + "\(status), (i * 7) % 100, 'low', \(now) - (i % 3600), \(today)",
                        engine: database.engine
                    )
                ).run()
            }
            try await sql.raw(
                """
                INSERT INTO safety_self_checks (facility_id, checklist_id, checklist_version, answers, score, risk_level, status, reasons, \
                committed_by, checked_at, day) SELECT id, 'commerce', 1, '{}', latest_score, latest_risk_level, latest_status, '[]', created_by, \
                latest_reported_at, latest_day FROM safety_facilities WHERE latest_check_id IS NULL AND latest_day IS NOT NULL
                """
            ).run()
            try await sql.raw(
                """
                UPDATE safety_facilities SET latest_check_id = (SELECT MAX(c.id) FROM safety_self_checks c WHERE c.facility_id = safety_facilities.id) \
                WHERE latest_check_id IS NULL AND latest_day IS NOT NULL
                """
            ).run()
            try await sql.raw("ANALYZE").run()
        }
        report("safety-seed engine=\(database.engine) facilities with today's self-check", operations: unit * shares.reduce(0) { $0 + $1.1 }, elapsed: ContinuousClock.now - started)
        try await database.shutdown()
    }
}
