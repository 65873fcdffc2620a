import Foundation

/// The value axis of a chart of counts: from 0 to a round top at or above the largest value, in
/// ``steps`` equal steps of 1, 2, 2.5 or 5 times a power of ten (never below 1).
struct ChartScale: Sendable, Equatable {
    static let steps = 4
    let top: Double

    init(largest: Double) {
        let rawStep = largest.isFinite ? largest / Double(Self.steps) : 0
        guard rawStep > 1 else {
            top = Double(Self.steps)
            return
        }
        let magnitude = pow(10, floor(log10(rawStep)))
        let step = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= rawStep } ?? 10 * magnitude
        top = step * Double(Self.steps)
    }

    /// The values of the grid lines, 0 first.
    var ticks: [Double] { (0...Self.steps).map { top * Double($0) / Double(Self.steps) } }

    /// `value` as a share of the axis, 0 to 1.
    func fraction(_ value: Double) -> Double { min(1, max(0, value / top)) }

    /// A value as the chart writes it: whole numbers in groups of three digits split by a thin
    /// space (read alike in Vietnamese and English), one decimal otherwise.
    static func label(_ value: Double) -> String {
        guard value == value.rounded(), abs(value) < 1e15 else { return String(format: "%.1f", value) }
        let digits = String(Int(abs(value)))
        var grouped = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped += "\u{202F}" }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}
