import CovizoneCore

/// A Vietnamese mobile network operator and the prefixes of its numbers.
public struct MobileOperator: Sendable, Equatable, Hashable {
    /// Stable id used in imported lists and configuration (`viettel`, `vinaphone`, …).
    public var id: String
    public var name: String
    /// The first two digits of the 9-digit national number (`91` for 091…).
    public var prefixes: Set<String>

    /// The operators by prefix of the national numbering plan for mobiles since the move from 11
    /// to 10 digits in 2018, as the operators publish them. Numbers can be ported between
    /// operators, so an operator column in an imported list wins over this table.
    public static let all: [MobileOperator] = [
        MobileOperator(id: "viettel", name: "Viettel", prefixes: ["32", "33", "34", "35", "36", "37", "38", "39", "86", "96", "97", "98"]),
        MobileOperator(id: "vinaphone", name: "VinaPhone", prefixes: ["81", "82", "83", "84", "85", "88", "91", "94"]),
        MobileOperator(id: "mobifone", name: "MobiFone", prefixes: ["70", "76", "77", "78", "79", "89", "90", "93"]),
        MobileOperator(id: "vietnamobile", name: "Vietnamobile", prefixes: ["52", "56", "58", "92"]),
        MobileOperator(id: "gmobile", name: "Gmobile", prefixes: ["59", "99"]),
        MobileOperator(id: "itelecom", name: "Itelecom", prefixes: ["87"]),
        MobileOperator(id: "reddi", name: "Reddi", prefixes: ["55"]),
    ]

    /// The operator a mobile number belongs to by its prefix; nil for a landline or an unknown prefix.
    public static func of(_ number: PhoneNumber) -> MobileOperator? {
        let national = number.e164.dropFirst(3)
        guard national.count == 9 else { return nil }
        let prefix = String(national.prefix(2))
        return all.first { $0.prefixes.contains(prefix) }
    }

    /// The operator with `id`.
    public static func named(_ id: String) -> MobileOperator? { all.first { $0.id == id.lowercased() } }
}
