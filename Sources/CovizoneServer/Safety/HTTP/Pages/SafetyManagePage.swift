import CovizoneCore
import CovizoneStore
import FacilitySafety

/// The model of `GET /safety/manage`: the facilities an account manages or oversees with today's
/// colour, the registration form (an officer names the manager) and an officer's CSV import.
struct SafetyManagePage: Sendable {
    struct Row: Sendable {
        var id: Int64
        var name: String
        var type: String
        var status: String
        var statusLabel: String
        var checkedToday: Bool
    }

    /// What the registration form holds, as typed.
    struct Form: Sendable {
        var name = ""
        var type = ""
        var provinceCode = ""
        var wardCode = ""
        var address = ""
        var latitude = ""
        var longitude = ""
        var contactPhone = ""
        var managerUsername = ""
    }


    var rows: [Row]
    var hasRows: Bool
    /// Managers: how many of their facilities have no self-check today.
    var uncheckedNotice: String?
    var canRegister: Bool
    var namesManager: Bool
    var canImport: Bool
    var isOfficer: Bool
    var form: Form
    var errors: [String] = []
    var types: [PageOption]
    var provinces: [PageOption]
    var wards: [PageOption]
    var importReport: ImportReportPage?
    var importErrors: [String] = []
    var importText = ""

    init(facilities: [FacilityRecord], principal: Principal, form: Form?, today: Int, text: PageText, divisions: AdministrativeDivisions) {
        let labels = SafetyLabels(text: text)
        let role = principal.user.role
        rows = facilities.map { facility in
            let status = facility.status(today: today)
            return Row(
                id: facility.id, name: facility.details.name, type: labels.type(facility.details.type), status: status.rawValue,
                statusLabel: labels.status(status), checkedToday: facility.latest?.day == today
            )
        }
        hasRows = !rows.isEmpty
        let unchecked = rows.count { !$0.checkedToday }
        uncheckedNotice = role == .facilityManager && unchecked > 0 ? text("safety_unchecked_notice", ["count": String(unchecked)]) : nil
        canRegister = FacilityService.registrars.contains(role)
        namesManager = role == .provinceOfficer
        canImport = role == .provinceOfficer
        isOfficer = role != .facilityManager
        var form = form ?? Form(provinceCode: principal.user.provinceCode ?? "")
        let provinceCode = AdministrativeDivisions.canonicalCode(form.provinceCode, digits: 2) ?? divisions.provinces.first?.code ?? ""
        form.provinceCode = provinceCode
        self.form = form
        types = labels.typeOptions(selected: form.type)
        provinces = divisions.provinces.filter { principal.scope.covers(provinceCode: $0.code) }.map {
            PageOption(code: $0.code, label: $0.name, selected: $0.code == provinceCode)
        }
        wards = (divisions.wards(inProvince: provinceCode) ?? []).map { PageOption(code: $0.code, label: $0.name, selected: $0.code == form.wardCode) }
    }
}
