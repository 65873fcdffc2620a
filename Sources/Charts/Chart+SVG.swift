import CovizoneCore
import Foundation

extension Chart {
    /// The colours of the series, in order (distinct for the common forms of colour blindness).
    static let palette = ["#1f6feb", "#e36209", "#2da44e", "#8250df", "#bf3989", "#6e7781"]

    /// The chart as an SVG element `width` × `height` units, scaled to its container's width.
    public func svg(width: Int = 640, height: Int = 240) -> String {
        let layout = ChartLayout(width: Double(width), height: Double(height), categories: categories.count, scale: ChartScale(largest: largestValue))
        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \##(width) \##(height)" role="img">"##
        svg += "<title>\(Self.escaped(title))</title><desc>\(Self.escaped(summary))</desc>"
        svg += grid(layout)
        svg += marks(layout)
        svg += categoryLabels(layout)
        svg += legend(layout)
        return svg + "</svg>"
    }

    private func grid(_ layout: ChartLayout) -> String {
        layout.scale.ticks.map { tick in
            let y = Self.number(layout.y(tick))
            return ##"<line x1="\##(Self.number(layout.left))" y1="\##(y)" x2="\##(Self.number(layout.right))" y2="\##(y)" stroke="#d0d7de" stroke-width="1"/>"##
                + ##"<text x="\##(Self.number(layout.left - 6))" y="\##(y)" text-anchor="end" dominant-baseline="middle" font-size="11" fill="#57606a">\##(ChartScale.label(tick))</text>"##
        }.joined()
    }

    private func marks(_ layout: ChartLayout) -> String {
        var marks = ""
        switch style {
        case .bars:
            let group = min(layout.band * 0.8, ChartLayout.widestBar * Double(max(1, series.count)))
            let width = group / Double(max(1, series.count))
            for (seriesIndex, series) in series.enumerated() {
                for index in categories.indices {
                    let x = layout.x(index) + (layout.band - group) / 2 + Double(seriesIndex) * width
                    marks += bar(x: x, width: width, from: 0, to: series.value(at: index), layout, colour: seriesIndex, label: "\(categories[index]), \(series.name)")
                }
            }
        case .stackedBars:
            let width = min(layout.band * 0.7, ChartLayout.widestBar)
            for index in categories.indices {
                var base = 0.0
                for (seriesIndex, series) in series.enumerated() {
                    let value = max(0, series.value(at: index))
                    marks += bar(
                        x: layout.x(index) + (layout.band - width) / 2, width: width, from: base, to: base + value, layout, colour: seriesIndex,
                        label: "\(categories[index]), \(series.name)", shown: value
                    )
                    base += value
                }
            }
        case .lines:
            for (seriesIndex, series) in series.enumerated() {
                let points = categories.indices.map { "\(Self.number(layout.x($0) + layout.band / 2)),\(Self.number(layout.y(series.value(at: $0))))" }
                marks += ##"<polyline fill="none" stroke="\##(colour(seriesIndex))" stroke-width="2" points="\##(points.joined(separator: " "))"/>"##
                for index in categories.indices {
                    let value = series.value(at: index)
                    marks += ##"<circle cx="\##(Self.number(layout.x(index) + layout.band / 2))" cy="\##(Self.number(layout.y(value)))" r="3" fill="\##(colour(seriesIndex))">"##
                        + "<title>\(Self.escaped("\(categories[index]), \(series.name): \(ChartScale.label(value))"))</title></circle>"
                }
            }
        }
        return marks
    }

    private func bar(x: Double, width: Double, from low: Double, to high: Double, _ layout: ChartLayout, colour: Int, label: String, shown: Double? = nil) -> String {
        let top = layout.y(high)
        let height = max(0, layout.y(low) - top)
        return ##"<rect x="\##(Self.number(x))" y="\##(Self.number(top))" width="\##(Self.number(width))" height="\##(Self.number(height))" fill="\##(self.colour(colour))">"##
            + "<title>\(Self.escaped("\(label): \(ChartScale.label(shown ?? high))"))</title></rect>"
    }

    /// Category labels under the axis, thinned so that about a dozen show.
    private func categoryLabels(_ layout: ChartLayout) -> String {
        let every = max(1, Int((Double(categories.count) / 12).rounded(.up)))
        return categories.enumerated().filter { $0.offset % every == 0 }.map { index, label in
            ##"<text x="\##(Self.number(layout.x(index) + layout.band / 2))" y="\##(Self.number(layout.bottom + 16))" text-anchor="middle" font-size="11" fill="#57606a">\##(Self.escaped(label))</text>"##
        }.joined()
    }

    /// The series' names and colours, when there is more than one.
    private func legend(_ layout: ChartLayout) -> String {
        guard series.count > 1 else { return "" }
        return series.enumerated().map { index, series in
            let x = layout.left + Double(index) * 130
            return ##"<rect x="\##(Self.number(x))" y="4" width="10" height="10" fill="\##(colour(index))"/>"##
                + ##"<text x="\##(Self.number(x + 14))" y="13" font-size="11" fill="#24292f">\##(Self.escaped(series.name))</text>"##
        }.joined()
    }

    /// The colour of series `index`: its own, or the palette's.
    func colour(_ index: Int) -> String {
        (series.indices.contains(index) ? series[index].colour : nil) ?? Self.palette[index % Self.palette.count]
    }

    /// A coordinate with at most one decimal, so that the SVG stays small and stable.
    static func number(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    /// `text` safe inside an element or an attribute.
    static func escaped(_ text: String) -> String { XMLText.escaped(text) }
}

/// Where a chart's plot area lies and where a category or value falls in it.
struct ChartLayout: Sendable {
    let left: Double
    let right: Double
    let plotTop: Double
    let bottom: Double
    let categories: Int
    let scale: ChartScale

    init(width: Double, height: Double, categories: Int, scale: ChartScale) {
        left = 48
        right = width - 8
        plotTop = 24
        bottom = height - 24
        self.categories = categories
        self.scale = scale
    }

    /// The width each category gets.
    var band: Double { (right - left) / Double(max(1, categories)) }
    /// The widest a bar is drawn, however few the categories.
    static let widestBar = 56.0

    /// The left edge of category `index`'s band.
    func x(_ index: Int) -> Double { left + Double(index) * band }

    /// The height of `value` on the axis.
    func y(_ value: Double) -> Double { bottom - scale.fraction(value) * (bottom - plotTop) }
}
