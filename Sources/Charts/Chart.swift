/// A chart of values over categories (hours, days, venue types, wards), drawn as SVG by the
/// server: no script, readable without colour (each mark has its value in a tooltip), and
/// accessible (`role="img"` with a title and a summary; pages show the figures in a table too).
public struct Chart: Sendable, Equatable {
    /// How the series are drawn.
    public enum Style: Sendable, Equatable {
        /// Each series' bar side by side within a category.
        case bars
        /// The series' bars on top of one another: a category's bar is their total.
        case stackedBars
        /// One line per series, a point per category.
        case lines
    }

    /// One named row of values, one per category.
    public struct Series: Sendable, Equatable {
        public var name: String
        public var values: [Double]
        /// A colour that means something (`#1a9850` for safe), instead of the palette's next one.
        public var colour: String?

        public init(name: String, values: [Double], colour: String? = nil) {
            self.name = name
            self.values = values
            self.colour = colour
        }
    }

    public var style: Style
    /// What the chart shows, in the page's language (its accessible name).
    public var title: String
    /// One sentence on what it says, for readers who do not see it.
    public var summary: String
    public var categories: [String]
    public var series: [Series]

    public init(style: Style, title: String, summary: String, categories: [String], series: [Series]) {
        self.style = style
        self.title = title
        self.summary = summary
        self.categories = categories
        self.series = series
    }

    /// The largest value the axis must reach: the largest total of a category when stacked.
    var largestValue: Double {
        switch style {
        case .stackedBars:
            categories.indices.map { index in series.reduce(0) { $0 + max(0, $1.value(at: index)) } }.max() ?? 0
        case .bars, .lines:
            series.flatMap(\.values).max() ?? 0
        }
    }
}

extension Chart.Series {
    /// The value of category `index`, 0 where the series has none.
    func value(at index: Int) -> Double {
        values.indices.contains(index) ? values[index] : 0
    }
}
