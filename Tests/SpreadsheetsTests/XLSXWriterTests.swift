import CovizoneTestSupport
import Foundation
import Spreadsheets
import Testing

@Suite("XLSX workbooks")
struct XLSXWriterTests {
    @Test("a workbook reads back with its sheets, texts (markup and Vietnamese kept, control characters dropped), numbers and decimals where they were put")
    func readBack() throws {
        let sheet = Worksheet(
            name: "Tổng hợp [1]",
            rows: [
                [.heading("Báo cáo <tuần> & \"đợt\" 1")],
                [],
                [.text("Phát thanh\u{1}"), .empty, .integer(12), .decimal(87.5)],
            ] + (0..<30).map { [.integer($0)] + Array(repeating: Worksheet.Cell.empty, count: 26) + [.text("AB\($0)")] },
            columnWidths: [6, 40]
        )
        let data = try XLSXWriter.workbook([sheet, Worksheet(name: "", rows: [[.integer(-3)]])])
        let book = try WorkbookReader(data: data)
        #expect(book.parts.contains("[Content_Types].xml") && book.parts.contains("xl/styles.xml"))
        #expect(book.sheets.map(\.name) == ["Tổng hợp 1", "Sheet"])
        let cells = book.sheets[0].cells
        #expect(cells["A1"] == "Báo cáo <tuần> & \"đợt\" 1")
        #expect(cells["A2"] == nil && cells["B3"] == nil)
        #expect(cells["A3"] == "Phát thanh" && cells["C3"] == "12" && cells["D3"] == "87.5")
        #expect(cells["AB4"] == "AB0" && cells["A33"] == "29" && cells["AB33"] == "AB29")
        #expect(book.sheets[1].cells["A1"] == "-3")
    }
}
