/// Where an organisation unit sits in the tree, as the ids from the root down: `/1/7/42/`.
/// Stored with each unit, so that a subtree is one prefix (`LIKE '/1/7/%'`) and an ancestor check
/// is a string comparison.
public struct OrgUnitPath: Sendable, Hashable, CustomStringConvertible {
    /// The ids from the root to the unit itself.
    public let ids: [Int64]

    public init(ids: [Int64]) {
        self.ids = ids
    }

    /// Reads `/1/7/42/`; nil when it is not a non-empty list of positive ids between slashes.
    public init?(_ text: String) {
        guard text.hasPrefix("/"), text.hasSuffix("/"), text.count > 2 else { return nil }
        let parts = text.dropFirst().dropLast().split(separator: "/", omittingEmptySubsequences: false)
        let ids = parts.compactMap { Int64($0) }.filter { $0 > 0 }
        guard ids.count == parts.count else { return nil }
        self.ids = ids
    }

    public var description: String { "/" + ids.map(String.init).joined(separator: "/") + "/" }

    /// The path of a child `id` of this unit.
    public func child(_ id: Int64) -> OrgUnitPath { OrgUnitPath(ids: ids + [id]) }

    /// How deep the unit is: 1 for a root.
    public var depth: Int { ids.count }

    /// Whether this unit is `ancestor` or lies below it.
    public func isWithin(_ ancestor: OrgUnitPath) -> Bool { ids.starts(with: ancestor.ids) }

    /// Whether this unit lies strictly below `ancestor`.
    public func isBelow(_ ancestor: OrgUnitPath) -> Bool { ids.count > ancestor.ids.count && isWithin(ancestor) }
}
