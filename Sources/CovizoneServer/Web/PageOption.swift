/// One choice of a page's select list.
struct PageOption: Sendable {
    var code: String
    var label: String
    var selected: Bool
}
