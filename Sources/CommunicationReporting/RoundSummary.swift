/// What a round adds up to over a subtree: each element summed over the completed reports, each
/// channel's percentage recomputed from the sums (never an average of percentages), and how
/// many of the expected units completed, and on time.
public struct RoundSummary: Sendable, Equatable {
    /// A completed report: its values and whether it was completed by the due time.
    public struct Completed: Sendable, Equatable {
        public var values: [String: Int]
        public var onTime: Bool

        public init(values: [String: Int], onTime: Bool) {
            self.values = values
            self.onTime = onTime
        }
    }

    public struct Completeness: Sendable, Equatable, Codable {
        public var expected: Int
        public var completed: Int
        public var onTime: Int

        public init(expected: Int, completed: Int, onTime: Int) {
            self.expected = expected
            self.completed = completed
            self.onTime = onTime
        }
    }

    public var values: [String: Int]
    /// Per channel: 100 × Σreached / Σtarget to one decimal, halves away from zero; absent when nothing was targeted.
    public var percentages: [String: Double]
    public var completeness: Completeness

    public init(form: ReportingForm, expected: Int, completed reports: [Completed]) {
        var sums: [String: Int] = [:]
        for report in reports {
            for (id, value) in report.values { sums[id, default: 0] += value }
        }
        self.init(form: form, sums: sums, completeness: Completeness(expected: expected, completed: reports.count, onTime: reports.count { $0.onTime }))
    }

    /// The summary of sums already added up (by the store), elements the form does not have left out.
    public init(form: ReportingForm, sums: [String: Int], completeness: Completeness) {
        values = sums.filter { form.element($0.key) != nil }
        var percentages: [String: Double] = [:]
        for channel in form.channels.map(\.code) {
            guard let target = values["\(channel).target"], target > 0 else { continue }
            percentages[channel] = Self.percentage(values["\(channel).reached"] ?? 0, of: target)
        }
        self.percentages = percentages
        self.completeness = completeness
    }

    /// 100 × part / whole with one decimal, rounded half up, in integers.
    public static func percentage(_ part: Int, of whole: Int) -> Double {
        Double((2000 * part + whole) / (2 * whole)) / 10
    }
}
