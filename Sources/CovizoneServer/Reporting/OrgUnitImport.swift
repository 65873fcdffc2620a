import CommunicationReporting
import CovizoneCore
import CovizoneStore
import Foundation

extension OrgUnitService {
    static let maximumImportRows = 2_000
    static let maximumImportBytes = 1 << 20

    /// Adds the units of a CSV `name,kind[,parent]` under the unit `parentID`: a blank `parent`
    /// means that unit, a number an existing unit of the account's part of the tree, any other
    /// text the name of a unit on an earlier line (so a district and its communes come in one
    /// file). Every line is checked first; any problem rejects the file with all of them.
    func importUnits(csv: String, under parentID: Int64, by principal: Principal, caller: Caller) async throws -> [OrgUnitRecord] {
        let sheet = try CSVImportSheet(csv: csv, kind: "organisation unit", required: ["name", "kind"], optional: ["parent"], maximumRows: Self.maximumImportRows)
        let top = try await unit(parentID, for: principal)
        enum Parent { case existing(OrgUnitRecord), earlier(Int) }
        var planned: [(line: Int, unit: NewUnit, parent: Parent)] = []
        var errors: [ImportRowError] = []
        var lineOfName: [String: Int] = [:]
        for row in sheet.rows where !(row.value("name").isEmpty && row.value("kind").isEmpty) {
            let name = row.value("name")
            var parent = Parent.existing(top)
            let reference = row.value("parent")
            if let id = Int64(reference) {
                if let found = try? await unit(id, for: principal) { parent = .existing(found) } else {
                    errors.append(ImportRowError(line: row.line, field: "parent", message: "unit \(id) is not one this account may add units under"))
                }
            } else if !reference.isEmpty {
                if let index = lineOfName[reference] { parent = .earlier(index) } else {
                    errors.append(ImportRowError(line: row.line, field: "parent", message: "names no unit on an earlier line"))
                }
            }
            let new = NewUnit(name: name, kind: row.value("kind"), parentId: top.id)
            errors += ImportRowError.of(ValidationFailure(Self.problems(of: new)), line: row.line)
            if case .existing(let found) = parent, found.kind == .ministry, principal.user.role != .ministryAdmin {
                errors.append(ImportRowError(line: row.line, field: "parent", message: "only the ministry adds units under the ministry"))
            }
            lineOfName[name] = planned.count
            planned.append((row.line, new, parent))
        }
        if planned.isEmpty { errors.append(ImportRowError(line: 1, field: nil, message: "the file holds no unit")) }
        guard errors.isEmpty else { throw OrgUnitImportError.rejected(errors) }
        var created: [OrgUnitRecord] = []
        for item in planned {
            let parent: OrgUnitRecord = switch item.parent {
            case .existing(let found): found
            case .earlier(let index): created[index]
            }
            created.append(try await add(item.unit, under: parent, by: principal, caller: caller))
        }
        return created
    }
}

/// Why an organisation-unit import was not taken.
enum OrgUnitImportError: Error, Equatable {
    case rejected([ImportRowError])
}
