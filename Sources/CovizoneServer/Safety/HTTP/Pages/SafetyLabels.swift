import CovizoneCore
import FacilitySafety

/// The safety map's words on pages: the labels of types, colours, levels and categories, and the
/// select lists built from them.
struct SafetyLabels: Sendable {
    let text: PageText

    func type(_ type: FacilityType) -> String { text("facility_type_\(type.rawValue)") }
    func status(_ status: SafetyStatus) -> String { text("safety_status_\(status.rawValue)") }
    func riskLevel(_ level: RiskLevel) -> String { text("risk_level_\(level.rawValue)") }
    func wardLevel(_ level: WardRiskLevel) -> String { text("ward_level_\(level.rawValue)") }
    func category(_ category: FeedbackCategory) -> String { text("feedback_category_\(category.rawValue)") }
    func feedbackStatus(_ status: FeedbackStatus) -> String { text("feedback_status_\(status.rawValue)") }

    /// Every facility type, `selected` chosen.
    func typeOptions(selected: String?) -> [PageOption] {
        FacilityType.allCases.map { PageOption(code: $0.rawValue, label: type($0), selected: $0.rawValue == selected) }
    }

    func statusOptions(selected: String?) -> [PageOption] {
        SafetyStatus.allCases.map { PageOption(code: $0.rawValue, label: status($0), selected: $0.rawValue == selected) }
    }

    func categoryOptions(selected: String?) -> [PageOption] {
        FeedbackCategory.allCases.map { PageOption(code: $0.rawValue, label: category($0), selected: $0.rawValue == selected) }
    }
}
