import CovizoneCore
import FacilitySafety
import Foundation
import Testing

@Suite("Safety checklists")
struct ChecklistCatalogTests {
    @Test("the bundled checklists cover every facility type, with weights that add up to 100")
    func bundled() throws {
        let catalog = try ChecklistCatalog.bundled()
        for type in FacilityType.allCases {
            let checklist = catalog.current(for: type)
            #expect(checklist.facilityTypes.contains(type))
            #expect(checklist.totalWeight == 100, "\(checklist.id)")
            #expect(checklist.items.contains { $0.critical }, "\(checklist.id) has a critical item")
            #expect(!checklist.items(concerning: .noMasks).isEmpty, "\(checklist.id) maps no-masks")
        }
        #expect(catalog.current(for: .market).id == "commerce")
        #expect(catalog.current(for: .industrialZone).id == "workplace")
        #expect(catalog.checklist("school", version: 1)?.items.first?.text.vi.isEmpty == false)
    }

    @Test("a file with a repeated item, a zero weight or an unknown type is refused")
    func defects() throws {
        let item = #"{"id": "masks", "text": {"vi": "Khẩu trang", "en": "Masks"}, "weight": 10, "critical": true, "source": "x"}"#
        func file(_ items: String, types: String = #"["school"]"#) -> Data {
            Data(#"{"id": "s", "version": 1, "title": {"vi": "T", "en": "T"}, "source": "x", "facilityTypes": \#(types), "items": [\#(items)]}"#.utf8)
        }
        #expect(try SafetyChecklist.load(from: file(item)).items.count == 1)
        #expect(throws: ChecklistDefect.invalid("checklist s: item 'masks' is given twice")) { try SafetyChecklist.load(from: file(item + "," + item)) }
        let zero = item.replacingOccurrences(of: "10", with: "0")
        #expect(throws: ChecklistDefect.invalid("checklist s: item 'masks' needs a weight from 1 to 1000")) { try SafetyChecklist.load(from: file(zero)) }
        #expect(throws: DecodingError.self) { try SafetyChecklist.load(from: file(item, types: #"["castle"]"#)) }
    }

    @Test("a catalogue needs one checklist for every type, and only one")
    func catalogueRules() throws {
        let bundled = try ChecklistCatalog.bundled()
        let all = bundled.checklists.values.flatMap(\.values)
        var doubled = try #require(all.first { $0.id == "school" })
        doubled.id = "school-copy"
        #expect(throws: ChecklistDefect.self) { try ChecklistCatalog(all + [doubled]) }
        #expect(throws: ChecklistDefect.invalid("facility type school has no checklist")) { try ChecklistCatalog(all.filter { $0.id != "school" }) }
        var newer = try #require(all.first { $0.id == "school" })
        newer.version = 2
        newer.items.removeLast()
        #expect(try ChecklistCatalog(all + [newer]).current(for: .school).version == 2)
    }
}
