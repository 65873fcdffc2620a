import CovizoneCore
import CovizoneStore
import Foundation

/// The model of `GET /info/manage/announcements`: the announcements in force that the officer
/// may withdraw, and the form of a new one.
struct InfoAnnouncementsManagePage: Sendable {
    struct Form: Sendable {
        var titleVi = ""
        var titleEn = ""
        var bodyVi = ""
        var bodyEn = ""
        var tags = ""
        var priorityOptions: [PageOption] = []
        var provinceOptions: [PageOption] = []
        var errors: [String] = []
    }

    var items: [AnnouncementsPage.Item]
    var form: Form
    var notice: String?
}

/// The model of `GET /info/manage/facilities`: the province's directory and its CSV import.
struct InfoFacilitiesManagePage: Sendable {
    var facilities: [InfoPage.Facility]
    var importText = ""
    var report: ImportReportPage?
    var errors: [String] = []
    var provinceOptions: [PageOption]
    var nextLink: String?
}

/// The model of `GET /info/manage/facility`: a `health-facility` account's own entry, whose hours,
/// phone and free beds it keeps up to date.
struct InfoOwnFacilityPage: Sendable {
    var facility: InfoPage.Facility?
    var hours = ""
    var phone = ""
    var bedsFree = ""
    var notice: String?
    var errors: [String] = []
}
