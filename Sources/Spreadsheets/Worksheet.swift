/// One sheet of a workbook: rows of cells and the columns' widths (in characters).
public struct Worksheet: Sendable, Equatable {
    /// A cell: text (bold for headings), a whole number, a decimal, or a percentage kept as its
    /// number (`87.5` shows as `87.5`, so a spreadsheet sums and charts it).
    public enum Cell: Sendable, Equatable {
        case text(String)
        case heading(String)
        case integer(Int)
        case decimal(Double)
        case empty
    }

    /// Up to 31 characters without `[]:*?/\`, as spreadsheets require.
    public var name: String
    public var rows: [[Cell]]
    public var columnWidths: [Double]

    public init(name: String, rows: [[Cell]], columnWidths: [Double] = []) {
        self.name = name
        self.rows = rows
        self.columnWidths = columnWidths
    }
}
