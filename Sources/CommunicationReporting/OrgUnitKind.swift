/// What an organisation unit of the reporting tree is. The ministry and the provinces are made
/// by the system; province officers create the others under their province.
public enum OrgUnitKind: String, CaseIterable, Codable, Sendable {
    case ministry
    case province
    case department
    case district
    case commune
    case press
    case broadcaster
    case telecom
    case school
    case agency
    case other

    /// Whether an officer may create a unit of this kind (the ministry and provinces come from the divisions).
    public var isCreatable: Bool { self != .ministry && self != .province }
}
