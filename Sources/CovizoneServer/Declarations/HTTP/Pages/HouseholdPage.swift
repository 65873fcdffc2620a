import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration

/// The model of `/households` once signed in: the members with their last update, the form to
/// add one, the address and the reminder hour.
struct HouseholdPage: Sendable {
    struct Member: Sendable {
        var id: Int64
        var fullName: String
        var birthYear: Int
        var lastUpdate: String
    }

    var phone: String
    var street: String
    var members: [Member]
    /// A member's update was just sent.
    var sent: Bool
    var error: String?
    var provinces: [PageOption]
    var wards: [PageOption]
    var hours: [PageOption]
    var sexes: [PageOption]
    var relations: [PageOption]

    /// `members` with the time of each one's last declaration (nil: never).
    init(
        _ household: HouseholdRecord, members: [(member: HouseholdMember, lastUpdate: Date?)], sent: Bool, error: String?, text: PageText,
        divisions: AdministrativeDivisions
    ) {
        phone = household.phone
        street = household.street ?? ""
        self.members = members.map {
            Member(id: $0.member.id, fullName: $0.member.fullName, birthYear: $0.member.birthYear, lastUpdate: $0.lastUpdate.map(PageText.time) ?? text("household_never"))
        }
        self.sent = sent
        self.error = error
        let province = household.provinceCode ?? divisions.provinces.first?.code ?? ""
        provinces = divisions.provinces.map { PageOption(code: $0.code, label: $0.name, selected: $0.code == province) }
        wards = (divisions.wards(inProvince: province) ?? []).map { PageOption(code: $0.code, label: $0.name, selected: $0.code == household.wardCode) }
        hours = (0...23).map { PageOption(code: String($0), label: "\($0):00", selected: $0 == household.reminderHour) }
        sexes = HouseholdMemberDetails.Sex.allCases.map { PageOption(code: $0.rawValue, label: text("household_sex_\($0.rawValue)"), selected: false) }
        relations = HouseholdMemberDetails.Relation.allCases.map {
            PageOption(code: $0.rawValue, label: text("household_relation_\($0.rawValue)"), selected: false)
        }
    }
}

/// The model of the household sign-in page: the phone form, then the code form once a code is sent.
struct HouseholdSignInPage: Sendable {
    /// The double-submit anti-forgery value of both forms.
    var csrf = ""
    var codeSent = false
    var phone = ""
    var error: String?
}
