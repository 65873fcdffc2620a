/// One row of a CSV file and the line it starts on (1-based), for error reports.
public struct CSVRecord: Sendable, Equatable {
    public var line: Int
    public var fields: [String]

    public init(line: Int, fields: [String]) {
        self.line = line
        self.fields = fields
    }
}

/// A CSV file that cannot be read to its end.
public enum CSVError: Error, Equatable, CustomStringConvertible {
    /// A quoted field that the file never closes.
    case unterminatedQuote(line: Int)
    /// A record longer than the reader takes (a runaway quote, or not a list at all).
    case recordTooLong(line: Int, limit: Int)

    public var description: String {
        switch self {
        case .unterminatedQuote(let line): "the quoted field that starts on line \(line) is never closed"
        case .recordTooLong(let line, let limit): "the record that starts on line \(line) is longer than \(limit) characters"
        }
    }
}

/// An RFC 4180 CSV reader that takes its text in pieces, so a large upload is read as it
/// arrives: quoted fields may hold commas, doubled quotes and line breaks; lines end in LF,
/// CRLF or CR; blank lines are skipped; a UTF-8 byte order mark is ignored. It is lenient where
/// spreadsheets are sloppy: a quote inside an unquoted field is kept as text. A record (its
/// fields together) may be at most `maximumRecordLength` Unicode scalars, so a file streamed in
/// without end holds at most one such record in memory. It reads Unicode scalars, not
/// characters, so the pieces may be cut anywhere between scalars (between the CR and LF of a
/// line end, before a combining accent) and give the records of the whole text.
public struct CSVParser: Sendable {
    public let separator: Character
    private let separatorScalar: Unicode.Scalar
    public let maximumRecordLength: Int
    /// The default bound on a record: far beyond any row of a list, small enough to hold.
    public static let defaultMaximumRecordLength = 65_536
    private var recordLength = 0
    private var field = ""
    private var fields: [String] = []
    private var inQuotes = false
    private var quoteJustClosed = false
    private var fieldStarted = false
    private var line = 1
    private var recordLine = 1
    private var atStart = true
    /// The last scalar was a CR: an LF right after it, even in the next piece, ends the same line.
    private var afterCarriageReturn = false

    /// A reader of fields split by `separator`, a character of one Unicode scalar.
    public init(separator: Character = ",", maximumRecordLength: Int = CSVParser.defaultMaximumRecordLength) {
        precondition(separator.unicodeScalars.count == 1, "a CSV separator is a single Unicode scalar")
        self.separator = separator
        separatorScalar = separator.unicodeScalars.first!
        self.maximumRecordLength = maximumRecordLength
    }

    /// The records completed by `text`; a record cut at the end waits for the next piece.
    public mutating func consume(_ text: some StringProtocol) throws(CSVError) -> [CSVRecord] {
        var records: [CSVRecord] = []
        for scalar in text.unicodeScalars {
            if atStart {
                atStart = false
                if scalar == "\u{FEFF}" { continue }
            }
            let endsCRLF = afterCarriageReturn && scalar == "\n"
            afterCarriageReturn = scalar == "\r"
            if endsCRLF && !inQuotes { continue }
            recordLength += 1
            if recordLength > maximumRecordLength { throw .recordTooLong(line: recordLine, limit: maximumRecordLength) }
            if inQuotes {
                if scalar == "\"" {
                    inQuotes = false
                    quoteJustClosed = true
                } else {
                    if Self.isLineBreak(scalar) && !endsCRLF { line += 1 }
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            if scalar == "\"" {
                if quoteJustClosed {
                    field.append("\"")  // a doubled quote inside a quoted field
                    inQuotes = true
                    quoteJustClosed = false
                } else if !fieldStarted {
                    inQuotes = true
                    fieldStarted = true
                } else {
                    field.unicodeScalars.append(scalar)
                }
                continue
            }
            quoteJustClosed = false
            if scalar == separatorScalar {
                endField()
            } else if Self.isLineBreak(scalar) {
                if let record = endRecord() { records.append(record) }
                line += 1
                recordLine = line
                recordLength = 0
            } else {
                field.unicodeScalars.append(scalar)
                fieldStarted = true
            }
        }
        return records
    }

    /// The scalars that end a line (those of `Character.isNewline`; CRLF is a CR and an LF).
    private static func isLineBreak(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar {
        case "\n", "\r", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}": true
        default: false
        }
    }

    /// The last record, once the whole text has been consumed.
    public mutating func finish() throws(CSVError) -> CSVRecord? {
        if inQuotes { throw .unterminatedQuote(line: recordLine) }
        return endRecord()
    }

    /// All the records of `text`.
    public static func records(in text: some StringProtocol, separator: Character = ",") throws(CSVError) -> [CSVRecord] {
        var parser = CSVParser(separator: separator)
        var records = try parser.consume(text)
        if let last = try parser.finish() { records.append(last) }
        return records
    }

    private mutating func endField() {
        fields.append(field)
        field = ""
        fieldStarted = false
        quoteJustClosed = false
    }

    private mutating func endRecord() -> CSVRecord? {
        let isBlank = fields.isEmpty && field.isEmpty && !fieldStarted
        endField()
        defer { fields = [] }
        return isBlank ? nil : CSVRecord(line: recordLine, fields: fields)
    }
}
