import CommunicationReporting
import CovizoneCore
import Foundation
import Spreadsheets

/// A round's summary laid out as the seed's table: one row per channel with quantity, reached,
/// target and the percentage, the app installations below, then completeness. Written as XLSX
/// (with the unit, round and date above) and as CSV.
struct SummaryTable: Sendable {
    let summary: ReportingSummaryService.Summary
    let language: Language
    let printedAt: Date

    private var english: Bool { language == .en }

    private func text(_ vi: String, _ en: String) -> String { english ? en : vi }

    /// The channel rows: code, name, quantity, reached, target, percentage.
    var channelRows: [(code: String, name: String, quantity: Int?, reached: Int?, target: Int?, percentage: Double?)] {
        let values = summary.figures.values
        return summary.form.channels.map { channel in
            (
                channel.code, english ? channel.name.en : channel.name.vi, values["\(channel.code).quantity"], values["\(channel.code).reached"],
                values["\(channel.code).target"], summary.figures.percentages[channel.code]
            )
        }
    }

    /// Installed of staff, as a percentage to one decimal; nil without staff.
    var installedPercentage: Double? {
        guard let staff = summary.figures.values["app.staff"], staff > 0 else { return nil }
        return RoundSummary.percentage(summary.figures.values["app.installed"] ?? 0, of: staff)
    }

    var worksheet: Worksheet {
        let figures = summary.figures
        let round = summary.round
        let period = "\(VietnamDay.string(ofNumber: round.period.start)) – \(VietnamDay.string(ofNumber: round.period.end))"
        func number(_ value: Int?) -> Worksheet.Cell { value.map(Worksheet.Cell.integer) ?? .empty }
        var rows: [[Worksheet.Cell]] = [
            [.heading(english ? summary.form.title.en : summary.form.title.vi)],
            [.text(text("Đơn vị", "Unit")), .text(summary.unit.name)],
            [.text(text("Đợt báo cáo", "Round")), .text("\(round.name) (\(period))")],
            [.text(text("Ngày lập", "Date")), .text(VietnamLocalTime.readable(printedAt))],
            [],
            [
                .heading(text("TT", "No.")), .heading(text("Phương thức thông tin", "Channel")), .heading(text("Số lượng", "Quantity")),
                .heading(text("Số người/điểm tiếp cận", "Reached")), .heading(text("Mục tiêu", "Target")), .heading(text("Tỷ lệ %", "Rate %")),
            ],
        ]
        for (index, row) in channelRows.enumerated() {
            rows.append([.integer(index + 1), .text(row.name), number(row.quantity), number(row.reached), number(row.target), row.percentage.map(Worksheet.Cell.decimal) ?? .empty])
        }
        rows += [
            [],
            [.heading(text("Kết quả cài đặt ứng dụng Bluezone", "Bluezone app installations"))],
            [.text(text("Số cán bộ, nhân viên", "Staff")), .empty, number(figures.values["app.staff"])],
            [.text(text("Số đã cài đặt", "Installed")), .empty, number(figures.values["app.installed"])],
            [.text(text("Tỷ lệ %", "Rate %")), .empty, installedPercentage.map(Worksheet.Cell.decimal) ?? .empty],
            [],
            [.heading(text("Tình hình báo cáo", "Completeness"))],
            [.text(text("Số đơn vị phải báo cáo", "Units expected")), .empty, .integer(figures.completeness.expected)],
            [.text(text("Đã hoàn thành", "Completed")), .empty, .integer(figures.completeness.completed)],
            [.text(text("Đúng hạn", "On time")), .empty, .integer(figures.completeness.onTime)],
        ]
        return Worksheet(name: text("Tổng hợp", "Summary"), rows: rows, columnWidths: [6, 44, 12, 16, 12, 10])
    }

    /// `row,name,quantity,reached,target,percentage`: the channels, then the app row (installed as reached, staff as target).
    var csv: String {
        func number(_ value: Int?) -> String { value.map(String.init) ?? "" }
        var text = CSVWriter.row(["row", "name", "quantity", "reached", "target", "percentage"])
        for row in channelRows {
            text += CSVWriter.row([row.code, row.name, number(row.quantity), number(row.reached), number(row.target), row.percentage.map { String($0) } ?? ""])
        }
        let values = summary.figures.values
        text += CSVWriter.row([
            "app", self.text("Cài đặt Bluezone", "Bluezone installations"), "", number(values["app.installed"]), number(values["app.staff"]),
            installedPercentage.map { String($0) } ?? "",
        ])
        return text
    }
}
