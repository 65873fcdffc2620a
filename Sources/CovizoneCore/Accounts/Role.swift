/// What an account may do in Covizone. The raw values are the names used in the CLI, the API and
/// the database, and must not change.
public enum Role: String, CaseIterable, Codable, Sendable {
    /// National administrator at the ministry: sees every province, manages accounts, reads the audit log.
    case ministryAdmin = "ministry-admin"
    /// Officer of a provincial Department of Information and Communications (DIC): one province.
    case provinceOfficer = "province-officer"
    /// Health authority (MOH or a provincial health department): national, or one province.
    case healthAuthority = "health-authority"
    /// Owner of a venue that displays a check-in QR code.
    case venueOwner = "venue-owner"
    /// Manager of a facility on the safety map.
    case facilityManager = "facility-manager"
    /// An agency or unit that reports its communication work each round.
    case reportingUnit = "reporting-unit"
    /// A telecom operator receiving campaign traffic.
    case telecomOperator = "telecom-operator"
    /// An officer at a port of entry who reads entry declarations.
    case borderOfficer = "border-officer"
    /// One hospital, isolation facility or laboratory that shares cases with the health system.
    case healthFacility = "health-facility"
    /// An analyst of the misinformation desk: checks claims, nationally or for one province.
    case misinformationAnalyst = "misinformation-analyst"

    /// Whether accounts of this role may, must or must not be bound to one province.
    public var provinceScope: ProvinceScopeRule {
        switch self {
        case .ministryAdmin, .telecomOperator: .national
        case .provinceOfficer, .healthFacility: .required
        case .healthAuthority, .venueOwner, .facilityManager, .reportingUnit, .borderOfficer, .misinformationAnalyst: .optional
        }
    }
}

/// How a role relates to the province an account is bound to.
public enum ProvinceScopeRule: Sendable {
    /// The role is national: an account of this role has no province.
    case national
    /// Every account of this role belongs to exactly one province.
    case required
    /// An account may be national or bound to one province.
    case optional
}
