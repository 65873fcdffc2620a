import CovizoneCore
import CovizoneStore
import Foundation
import Messaging
import NIOCore

/// Reads a subscriber list (`msisdn,province,operator?,group?`, a header row optional) as it
/// streams in, stages the good rows in batches under `stagingID` (published to the list whole by
/// ``AudienceRepository/publishImport(stagingID:into:report:audit:by:at:)``, which counts what was
/// new) and reports every refused row with its line and reason (the first thousand in full).
/// Nothing is held but one batch, so lists of millions import.
struct AudienceImport: Sendable {
    let audiences: AudienceRepository
    let divisions: AdministrativeDivisions
    let stagingID: Int64
    let clock: WallClock
    static let batchSize = 5_000

    func run<Body: AsyncSequence>(body: Body) async throws -> AudienceImportReport where Body.Element == ByteBuffer {
        var report = AudienceImportReport()
        var parser = CSVParser()
        var decoder = StreamingUTF8Decoder()
        var batch: [AudienceMember] = []
        do {
            for try await buffer in body {
                guard let text = decoder.decode(buffer.readableBytesView) else { throw Self.notText }
                try await take(parser.consume(text), batch: &batch, report: &report)
            }
            guard decoder.isComplete else { throw Self.notText }
            try await take(parser.finish().map { [$0] } ?? [], batch: &batch, report: &report)
        } catch let error as CSVError {
            throw CampaignError.invalidCSV(reason: "The file is not valid CSV: \(error.description).")
        }
        try await flush(&batch, report: &report)
        return report
    }

    private static let notText = CampaignError.invalidCSV(reason: "The file must be UTF-8 text.")

    private func take(_ records: [CSVRecord], batch: inout [AudienceMember], report: inout AudienceImportReport) async throws {
        for record in records {
            if record.line == 1, AudienceRow.isHeader(record.fields) { continue }
            if record.fields.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            report.rows += 1
            switch AudienceRow.parse(record.fields, divisions: divisions) {
            case .success(let row):
                batch.append(AudienceMember(phone: row.phone.e164, provinceCode: row.province, operatorID: row.operatorID, group: row.group))
                if batch.count >= Self.batchSize { try await flush(&batch, report: &report) }
            case .failure(let problem):
                report.rejected += 1
                if report.problems.count < AudienceImportReport.maximumProblems {
                    report.problems.append(.init(line: record.line, problem: problem.rawValue, message: problem.message))
                }
            }
        }
    }

    private func flush(_ batch: inout [AudienceMember], report: inout AudienceImportReport) async throws {
        guard !batch.isEmpty else { return }
        try await audiences.stage(batch, stagingID: stagingID, at: clock.now)
        batch.removeAll(keepingCapacity: true)
    }
}
