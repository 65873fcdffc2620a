/// What a CSV import did, as a page tells it: a sentence and each rejected row (venues, facilities).
struct ImportReportPage: Sendable {
    var summary: String
    var rows: [ImportRowError]
    var hasRows: Bool

    init(summary: String, rows: [ImportRowError]) {
        self.summary = summary
        self.rows = rows
        hasRows = !rows.isEmpty
    }
}
