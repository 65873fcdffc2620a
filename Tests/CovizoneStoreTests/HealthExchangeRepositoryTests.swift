import CovizoneCore
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HealthDataExchange
import Testing

@Suite("The health data exchange's store")
struct HealthExchangeRepositoryTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    /// A confirmed case of one person (by CCCD), as a hospital's transaction reads.
    func submission(_ number: Int) throws -> (CaseSubmission, [HealthExchangeRepository.NewRecord]) {
        var row = CaseRow(person: PersonDetails(name: "Nguyễn Văn An", birthDate: "1990-04-12", provinceCode: "01"))
        row.identifier = String(format: "0010900%05d", number)
        (row.diagnosis, row.testedAt) = ("confirmed", "2027-01-14T09:00:00+07:00")
        return try submission([row])
    }

    @Test("eight hospitals reporting one new person at the same moment make one patient with eight sources", arguments: TestEngine.available)
    func concurrentReports(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let users = UserRepository(database: database)
            var accounts: [Int64] = []
            for index in 0..<8 { accounts.append(try await users.create(username: "hospital-\(index)", passwordHash: "-", role: .healthFacility, provinceCode: "01", at: now).id) }
            let store = HealthExchangeRepository(database: database)
            let (submission, records) = try submission(1)
            let patients = try await withThrowingTaskGroup(of: Int64?.self) { group in
                for account in accounts {
                    group.addTask { try await store.store(submission, records: records, by: account, facilityProvince: "01", at: now).ids[0] }
                }
                return try await group.reduce(into: Set<Int64?>()) { $0.insert($1) }
            }
            #expect(patients.count == 1)
            let patientID = try #require(patients.first ?? nil)
            let patient = try #require(try await store.patient(id: patientID))
            #expect(patient.sourceAccountIDs.count == 8 && patient.status == .confirmed)
            #expect(try await store.changes(of: patient.id).map(\.status) == [.confirmed], "confirmed once however many report it")
            #expect(try await HealthMergeRepository(database: database).merges(status: .pending, provinceCode: "01", beforeID: nil, limit: 20).count == 7)
        }
    }

    /// A transaction of `rows`, read.
    func submission(_ rows: [CaseRow]) throws -> (CaseSubmission, [HealthExchangeRepository.NewRecord]) {
        let bundle = FHIRBundle(type: "transaction", entry: rows.flatMap { $0.bundle().entry ?? [] })
        let submission = try TransactionReader(isProvince: { _ in true }, isWard: { _ in true }).read(bundle, at: now).get()
        return (submission, HealthExchangeRepository.NewRecord.records(of: submission, in: bundle.entry ?? [], reportedAt: now))
    }

    /// Two facility accounts of Hà Nội.
    func twoHospitals(_ database: Database) async throws -> (Int64, Int64) {
        let users = UserRepository(database: database)
        return (
            try await users.create(username: "hospital-a", passwordHash: "-", role: .healthFacility, provinceCode: "01", at: now).id,
            try await users.create(username: "hospital-b", passwordHash: "-", role: .healthFacility, provinceCode: "01", at: now).id
        )
    }

    @Test("reports naming the same two people in opposite orders, by different keys, all get stored", arguments: TestEngine.available)
    func crossedReports(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let (a, b) = try await twoHospitals(database)
            func person(_ name: String, _ identifier: String?, _ phone: String) -> CaseRow {
                var row = CaseRow(person: PersonDetails(name: name, birthDate: "1990-04-12", phone: phone, provinceCode: "01"))
                row.identifier = identifier
                (row.diagnosis, row.testedAt) = ("confirmed", "2027-01-14T09:00:00+07:00")
                return row
            }
            let store = HealthExchangeRepository(database: database)
            let byIdentifier = try submission([person("Lê Văn X", "001090000101", "+84912000101"), person("Lê Văn Y", "001090000102", "+84912000102")])
            let first = try await store.store(byIdentifier.0, records: byIdentifier.1, by: a, facilityProvince: "01", at: now)
            let byPhone = try submission([person("Lê Văn Y", nil, "+84912000102"), person("Lê Văn X", nil, "+84912000101")])
            try await withThrowingTaskGroup(of: Void.self) { group in
                for round in 0..<6 {
                    let (submission, records) = round % 2 == 0 ? byIdentifier : byPhone
                    group.addTask { _ = try await store.store(submission, records: records, by: round % 2 == 0 ? a : b, facilityProvince: "01", at: now) }
                }
                try await group.waitForAll()
            }
            let people = Set(byIdentifier.0.people.compactMap { first.ids[$0.entry] })
            #expect(people.count == 2)
            for id in people { #expect(try await store.patient(id: id)?.sourceAccountIDs == [a, b]) }
        }
    }

    @Test("a report that arrives late is read in time order: the stored status is what the events say", arguments: TestEngine.available)
    func lateReport(engine: TestEngine) async throws {
        try await withMigratedDatabase(engine) { database in
            let (a, b) = try await twoHospitals(database)
            var admitted = CaseRow(person: PersonDetails(name: "Phạm Thị Dung", provinceCode: "01"))
            admitted.identifier = "001190000201"
            (admitted.test, admitted.result, admitted.testedAt, admitted.admittedAt) = ("pcr", "positive", "2027-01-14T09:00:00+07:00", "2027-01-14T10:00:00+07:00")
            var isolated = CaseRow(person: PersonDetails(name: "Phạm Thị Dung", provinceCode: "01"))
            isolated.identifier = "001190000201"
            isolated.isolatedAt = "2027-01-13T09:00:00+07:00"
            let store = HealthExchangeRepository(database: database)
            let (first, firstRecords) = try submission([admitted])
            let id = try #require(try await store.store(first, records: firstRecords, by: a, facilityProvince: "01", at: now).ids[0])
            let (late, lateRecords) = try submission([isolated])
            _ = try await store.store(late, records: lateRecords, by: b, facilityProvince: "01", at: now)
            #expect(try await store.changes(of: id).map(\.status) == [.suspected, .isolated, .confirmed, .admitted], "isolated the day before, then confirmed and admitted")
            let patient = try #require(try await store.patient(id: id))
            #expect(patient.status == .admitted && patient.statusAt == Date(timeIntervalSince1970: 1_799_895_600), "2027-01-14 10:00 in Vietnam")
        }
    }
}
