/// The two kinds of health declaration, named as their questionnaires are. The raw values are
/// the strings of the API, the store and the pages' paths.
public enum DeclarationKind: String, Codable, Sendable, CaseIterable {
    /// A traveller's entry declaration, read at the border.
    case entry
    /// A household member's voluntary health update.
    case voluntary
}
