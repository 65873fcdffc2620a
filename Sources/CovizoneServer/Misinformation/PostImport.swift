import CovizoneCore
import CovizoneStore
import Foundation
import Misinformation

/// Posts found by monitoring, imported by an officer as CSV or JSON lines with the columns
/// `platform, url, author, text, postedAt, likes, comments, shares` (ReINTEL's fields): each row
/// checked and reported by line, a post already held (by its URL written one way) skipped as a
/// duplicate, the others put into the claims they repeat.
struct PostImport: Sendable {
    let intake: MisinformationIntake
    let items: MisinformationItemRepository
    let settings: MisinformationSettings
    let audit: AuditRecorder
    let clock: WallClock

    static let required = ["platform", "url", "text"]
    static let optional = ["author", "postedAt", "likes", "comments", "shares"]
    static let maximumRows = 10_000
    static let maximumBytes = 16 << 20

    enum Format: String, Sendable {
        case csv
        case jsonLines = "jsonl"
    }

    /// What an import did.
    struct Report: Encodable, Sendable {
        var imported: Int
        var duplicates: Int
        var rejected: Int
        /// The claims the imported posts joined or opened.
        var claimIds: [Int64]
        var errors: [ImportRowError]
    }

    /// One row as read, by column.
    struct Row: Sendable {
        var line: Int
        var values: [String: String]
        /// A line of JSON lines that is not one object.
        var isObject = true

        func value(_ column: String) -> String { values[column]?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "" }
    }

    /// Imports `body` (posts of `provinceCode`'s monitoring; nil: national).
    func run(_ body: String, format: Format, provinceCode: String?, caller: Caller) async throws -> Report {
        let rows = try Self.rows(of: body, format: format)
        var report = Report(imported: 0, duplicates: 0, rejected: 0, claimIds: [], errors: [])
        var checked: [(line: Int, item: NewMisinformationItem)] = []
        for row in rows {
            switch check(row) {
            case .success(let item): checked.append((row.line, item))
            case .failure(let failure):
                report.rejected += 1
                report.errors += ImportRowError.of(failure, line: row.line)
            }
        }
        var held = try await items.heldPostURLs(checked.compactMap(\.item.postURL))
        for (_, item) in checked {
            guard let url = item.postURL, held.insert(url).inserted, let (_, claim) = try await intake.take(item, provinceCode: provinceCode) else {
                report.duplicates += 1
                continue
            }
            report.imported += 1
            if !report.claimIds.contains(claim.id) { report.claimIds.append(claim.id) }
        }
        try await audit.record(
            "misinformation.posts.import", subject: "mis_items", provinceCode: provinceCode,
            detail: "\(report.imported) imported, \(report.duplicates) duplicates, \(report.rejected) rejected", by: caller
        )
        return report
    }

    /// The rows of `body`: CSV with a header, or one JSON object a line.
    static func rows(of body: String, format: Format) throws -> [Row] {
        switch format {
        case .csv:
            let sheet = try CSVImportSheet(csv: body, kind: "post", required: required, optional: optional, maximumRows: maximumRows)
            return sheet.rows.map { row in Row(line: row.line, values: Dictionary(uniqueKeysWithValues: (required + optional).map { ($0, row.value($0)) })) }
        case .jsonLines:
            let lines = body.split(separator: "\n", omittingEmptySubsequences: false).enumerated().filter { !$0.element.trimmingCharacters(in: .whitespaces).isEmpty }
            guard !lines.isEmpty else { throw CSVImportError.empty }
            guard lines.count <= maximumRows else { throw CSVImportError.tooManyRows(limit: maximumRows) }
            return lines.map { index, line in
                guard let object = try? JSONDecoder().decode(JSONLine.self, from: Data(line.utf8)) else { return Row(line: index + 1, values: [:], isObject: false) }
                return Row(line: index + 1, values: object.values)
            }
        }
    }

    /// `row` as a post, or its problems.
    func check(_ row: Row) -> Result<NewMisinformationItem, ValidationFailure> {
        if !row.isObject { return .failure(ValidationFailure([FieldError(field: "line", message: "is not a JSON object")])) }
        var problems: [FieldError] = []
        let text = row.value("text").precomposedStringWithCanonicalMapping
        if !TipService.textLength.contains(text.count) || ClaimText.syllables(text).count < 2 {
            problems.append(FieldError(field: "text", message: "must be \(TipService.textLength.lowerBound) to \(TipService.textLength.upperBound) characters with words"))
        }
        let url = PostURL.canonical(row.value("url"))
        if url == nil { problems.append(FieldError(field: "url", message: "must be an http or https address")) }
        let platform = row.value("platform").lowercased()
        if settings.platform(named: platform) == nil {
            problems.append(FieldError(field: "platform", message: "must be one of " + settings.platforms.map(\.name).joined(separator: ", ")))
        }
        let author = row.value("author")
        if author.count > 200 { problems.append(FieldError(field: "author", message: "must be at most 200 characters")) }
        let postedAt = Self.date(row.value("postedAt"))
        if !row.value("postedAt").isEmpty, postedAt == nil || postedAt! > clock.now.addingTimeInterval(86_400) {
            problems.append(FieldError(field: "postedAt", message: "must be an ISO 8601 time, a date or Unix seconds, not in the future"))
        }
        var counts: [String: Int] = [:]
        for column in ["likes", "comments", "shares"] {
            let value = row.value(column)
            guard !value.isEmpty else { continue }
            if let count = Int(value), (0...1_000_000_000).contains(count) { counts[column] = count } else {
                problems.append(FieldError(field: column, message: "must be a whole number from 0"))
            }
        }
        guard problems.isEmpty else { return .failure(ValidationFailure(problems)) }
        var item = NewMisinformationItem(kind: .post, channel: "import", text: text)
        item.url = row.value("url")
        item.postURL = url
        item.platform = platform
        item.author = author.isEmpty ? nil : author
        item.postedAt = postedAt
        item.likes = counts["likes"] ?? 0
        item.comments = counts["comments"] ?? 0
        item.shares = counts["shares"] ?? 0
        return .success(item)
    }

    /// An ISO 8601 time (with or without fractions), a `YYYY-MM-DD` date (UTC) or Unix seconds.
    static func date(_ text: String) -> Date? {
        if let seconds = Int64(text), seconds > 0 { return Date(timeIntervalSince1970: TimeInterval(seconds)) }
        if let time = try? Date(text, strategy: Date.ISO8601FormatStyle()) { return time }
        if let time = try? Date(text, strategy: Date.ISO8601FormatStyle(includingFractionalSeconds: true)) { return time }
        return try? Date(text, strategy: Date.ISO8601FormatStyle().year().month().day())
    }
}

/// One JSON object of a line: its text and number values as text (others left out).
private struct JSONLine: Decodable {
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    var values: [String: String] = [:]

    init(from decoder: any Decoder) throws {
        let object = try decoder.container(keyedBy: Key.self)
        for key in object.allKeys {
            if let text = try? object.decode(String.self, forKey: key) {
                values[key.stringValue] = text
            } else if let whole = try? object.decode(Int64.self, forKey: key) {
                values[key.stringValue] = String(whole)
            } else if let number = try? object.decode(Double.self, forKey: key) {
                values[key.stringValue] = String(number)
            }
        }
    }
}
