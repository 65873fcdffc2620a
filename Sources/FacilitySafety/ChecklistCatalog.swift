import Foundation

/// The checklists in use: every version, so a self-check is read with the items it answered, and
/// for each facility type the newest checklist that names it.
public struct ChecklistCatalog: Sendable {
    /// Every checklist, by id then version.
    public let checklists: [String: [Int: SafetyChecklist]]
    private let currentByType: [FacilityType: SafetyChecklist]

    /// Builds a catalogue; every facility type must have a checklist, and only one checklist id may claim a type.
    public init(_ all: [SafetyChecklist]) throws(ChecklistDefect) {
        var byID: [String: [Int: SafetyChecklist]] = [:]
        for checklist in all {
            guard byID[checklist.id, default: [:]].updateValue(checklist, forKey: checklist.version) == nil else {
                throw .invalid("checklist '\(checklist.id)' version \(checklist.version) is given twice")
            }
        }
        var byType: [FacilityType: SafetyChecklist] = [:]
        for versions in byID.values {
            guard let newest = versions.values.max(by: { $0.version < $1.version }) else { continue }
            for type in newest.facilityTypes {
                if let other = byType[type] { throw .invalid("facility type \(type.rawValue) has two checklists: \(other.id) and \(newest.id)") }
                byType[type] = newest
            }
        }
        if let missing = FacilityType.allCases.first(where: { byType[$0] == nil }) { throw .invalid("facility type \(missing.rawValue) has no checklist") }
        checklists = byID
        currentByType = byType
    }

    /// The checklist a facility of `type` answers today.
    public func current(for type: FacilityType) -> SafetyChecklist {
        currentByType[type]!  // init guarantees every type
    }

    /// Checklist `id` at `version`.
    public func checklist(_ id: String, version: Int) -> SafetyChecklist? { checklists[id]?[version] }

    /// Reads every `*.json` file in `folder`.
    public static func load(from folder: URL) throws -> ChecklistCatalog {
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        var checklists: [SafetyChecklist] = []
        for file in files {
            do {
                checklists.append(try SafetyChecklist.load(from: try Data(contentsOf: file)))
            } catch {
                throw ChecklistDefect.invalid("\(file.lastPathComponent): \(error)")
            }
        }
        return try ChecklistCatalog(checklists)
    }

    /// The checklists shipped with Covizone, written from the National Steering Committee's and the ministries' guidance.
    public static func bundled() throws -> ChecklistCatalog {
        guard let folder = Bundle.module.url(forResource: "Checklists", withExtension: nil) else {
            throw ChecklistDefect.invalid("the bundled checklists are missing")
        }
        return try load(from: folder)
    }
}
