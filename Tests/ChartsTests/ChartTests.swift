@testable import Charts
import Foundation
import Testing

#if canImport(FoundationXML)
import FoundationXML
#endif

@Suite("SVG charts")
struct ChartTests {
    /// Declarations per day by risk: a stacked chart as the worklist draws it.
    static let declarations = Chart(
        style: .stackedBars, title: "Declarations per day", summary: "High-risk declarations rose on the third day.",
        categories: ["2027-01-13", "2027-01-14", "2027-01-15"],
        series: [.init(name: "high", values: [1, 2, 6]), .init(name: "medium", values: [3, 3, 4]), .init(name: "low", values: [10, 9, 8])]
    )

    /// The rectangles of `svg` with the text of their tooltip, in order.
    func bars(_ svg: String) throws -> [(height: Double, top: Double, label: String)] {
        let pattern = try Regex(##"<rect x="[0-9.]+" y="([0-9.]+)" width="[0-9.]+" height="([0-9.]+)" fill="#[0-9a-f]+"><title>([^<]*)</title></rect>"##)
        return svg.matches(of: pattern).map { match in
            (Double(match.output[2].substring ?? "") ?? -1, Double(match.output[1].substring ?? "") ?? -1, String(match.output[3].substring ?? ""))
        }
    }

    @Test("the axis reaches a round top at or above the largest value, in four steps of 1, 2, 2.5 or 5 times a power of ten")
    func scale() {
        #expect(ChartScale(largest: 0).top == 4 && ChartScale(largest: 3).top == 4)
        #expect(ChartScale(largest: 7).top == 8)
        #expect(ChartScale(largest: 18).top == 20)
        #expect(ChartScale(largest: 200).top == 200 && ChartScale(largest: 201).top == 400)
        #expect(ChartScale(largest: 9_000).top == 10_000)
        #expect(ChartScale(largest: .infinity).top == 4, "a value that cannot be drawn does not break the axis")
        #expect(ChartScale(largest: 100).ticks == [0, 25, 50, 75, 100])
        #expect(ChartScale.label(12_345) == "12\u{202F}345" && ChartScale.label(2.5) == "2.5" && ChartScale.label(0) == "0")
    }

    @Test("side-by-side bars are as tall as their values and say them in their tooltips")
    func sideBySide() throws {
        let chart = Chart(
            style: .bars, title: "Check-ins per venue type", summary: "Markets lead.", categories: ["market", "school"],
            series: [.init(name: "check-ins", values: [20, 5])]
        )
        let drawn = try bars(chart.svg())
        #expect(drawn.map(\.label) == ["market, check-ins: 20", "school, check-ins: 5"])
        #expect(drawn[0].height == 4 * drawn[1].height && drawn[0].height == 192, "20 of an axis of 20 fills the plot's 192 units")
    }

    @Test("a bar is drawn at most 56 units wide however few the categories, centred in its band")
    func widestBar() throws {
        let chart = Chart(style: .bars, title: "Reach", summary: "One province.", categories: ["Hà Nội"], series: [.init(name: "reach", values: [80])])
        let bar = try #require(try Regex(##"<rect x="([0-9.]+)" y="[0-9.]+" width="([0-9.]+)""##).firstMatch(in: chart.svg()))
        let (x, width) = (Double(bar.output[1].substring ?? "") ?? -1, Double(bar.output[2].substring ?? "") ?? -1)
        #expect(width == 56 && abs(x + width / 2 - (48 + 632) / 2) < 0.1)
    }

    @Test("stacked bars sit on one another: each category's bar is its total")
    func stacked() throws {
        let drawn = try bars(Self.declarations.svg())
        #expect(drawn.count == 9)
        let third = drawn.filter { $0.label.hasPrefix("2027-01-15") }
        #expect(third.map(\.label) == ["2027-01-15, high: 6", "2027-01-15, medium: 4", "2027-01-15, low: 8"])
        let total: Double = third.map(\.height).reduce(0, +)
        let expected: Double = 192 * 18 / 20
        #expect(abs(total - expected) < 0.5, "18 of an axis of 20")
        #expect(abs(third[1].top + third[1].height - third[0].top) < 0.15, "medium starts where high ends")
    }

    @Test("lines put a point per category, and every chart is well-formed XML with its title and summary")
    func linesAndWellFormed() throws {
        let uploads = Chart(
            style: .lines, title: "Uploads <per day> & keys", summary: "\"Few\" uploads.", categories: (1...14).map { "01-\($0)" },
            series: [.init(name: "uploads", values: (1...14).map(Double.init)), .init(name: "keys", values: (1...14).map { Double($0 * 10) })]
        )
        let svg = uploads.svg()
        #expect(svg.contains("<title>Uploads &lt;per day&gt; &amp; keys</title><desc>&quot;Few&quot; uploads.</desc>"))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 28)
        #expect(svg.components(separatedBy: "text-anchor=\"middle\"").count - 1 == 7, "14 days labelled every other day")
        for chart in [uploads, Self.declarations, Chart(style: .bars, title: "Empty", summary: "No data.", categories: [], series: [])] {
            let parser = XMLParser(data: Data(chart.svg().utf8))
            #expect(parser.parse(), "\(chart.title) is well-formed")
        }
    }

    @Test("the worklist's chart draws as it did (snapshot)")
    func snapshot() throws {
        let drawn = Self.declarations.svg() + "\n"
        if ProcessInfo.processInfo.environment["COVIZONE_RECORD_SNAPSHOTS"] == "1" {
            let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Snapshots/declarations-per-day.svg")
            try drawn.write(to: source, atomically: true, encoding: .utf8)
        }
        let url = try #require(Bundle.module.url(forResource: "declarations-per-day", withExtension: "svg", subdirectory: "Snapshots"))
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(drawn == expected, "if the drawing changed on purpose, record it again: COVIZONE_RECORD_SNAPSHOTS=1 swift test --filter ChartTests")
    }
}
