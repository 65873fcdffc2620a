import CovizoneCore
import CovizoneStore
import VenueCheckIn

/// The model of `GET /venues` and its forms: the venues an account may see, the registration form
/// with province and ward pickers and its errors, and a province officer's CSV import with its report.
struct VenuesPage: Sendable {
    struct Row: Sendable {
        var id: Int64
        var name: String
        var address: String
        var type: String
        var state: String
        var approved: Bool
        var canApprove: Bool
    }

    /// What the registration form holds, as typed.
    struct Form: Sendable {
        var name = ""
        var type = ""
        var provinceCode = ""
        var wardCode = ""
        var address = ""
        var contactPhone = ""
    }


    var venues: [Row]
    var hasVenues: Bool
    var canRegister: Bool
    var canImport: Bool
    var isHealth: Bool
    var form: Form
    var errors: [String] = []
    var types: [PageOption]
    var provinces: [PageOption]
    var wards: [PageOption]
    var importReport: ImportReportPage?
    var importErrors: [String] = []
    var importText = ""

    /// The page for `principal` with `form` (a blank form starts in the account's province).
    init(venues records: [VenueRecord], principal: Principal, form: Form?, text: PageText, divisions: AdministrativeDivisions) {
        let role = principal.user.role
        venues = records.map { venue in
            Row(
                id: venue.id, name: venue.details.name, address: venue.details.address, type: text("venue_type_\(venue.details.type.rawValue)"),
                state: text("venue_state_\(venue.status.rawValue)"), approved: venue.status == .approved,
                canApprove: role == .provinceOfficer && venue.status == .pending
            )
        }
        hasVenues = !venues.isEmpty
        canRegister = VenuesController.registrars.contains(role)
        canImport = role == .provinceOfficer
        isHealth = [.healthAuthority, .ministryAdmin].contains(role)
        var form = form ?? Form(provinceCode: principal.user.provinceCode ?? "")
        let provinceCode = AdministrativeDivisions.canonicalCode(form.provinceCode, digits: 2) ?? divisions.provinces.first?.code ?? ""
        form.provinceCode = provinceCode
        self.form = form
        types = VenueType.allCases.map { PageOption(code: $0.rawValue, label: text("venue_type_\($0.rawValue)"), selected: form.type == $0.rawValue) }
        provinces = divisions.provinces.filter { principal.scope.covers(provinceCode: $0.code) }.map {
            PageOption(code: $0.code, label: $0.name, selected: $0.code == provinceCode)
        }
        wards = (divisions.wards(inProvince: provinceCode) ?? []).map { PageOption(code: $0.code, label: $0.name, selected: $0.code == form.wardCode) }
    }
}
