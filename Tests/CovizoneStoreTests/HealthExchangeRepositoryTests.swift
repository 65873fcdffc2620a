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
        let bundle = row.bundle()
        let submission = try TransactionReader(isProvince: { _ in true }, isWard: { _ in true }).read(bundle, at: now).get()
        return (submission, HealthExchangeRepository.NewRecord.records(of: submission, in: bundle.entry ?? [], reportedAt: now))
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
}
