import Foundation
import HealthDeclaration
import SQLKit

/// A household: the account of one verified phone, with the address its declarations are
/// followed up in.
public struct HouseholdRecord: Sendable, Equatable {
    public var id: Int64
    /// E.164.
    public var phone: String
    public var provinceCode: String?
    public var wardCode: String?
    public var street: String?
    /// Hour of the day (Vietnam time, 0–23) for the daily reminder; nil for none.
    public var reminderHour: Int?
    public var createdAt: Date

    static let columns = ["id", "phone", "province_code", "ward_code", "street", "reminder_hour", "created_at"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        phone = try row.decode(column: "phone", as: String.self)
        provinceCode = try row.optionalString("province_code")
        wardCode = try row.optionalString("ward_code")
        street = try row.optionalString("street")
        reminderHour = try row.optionalInt64("reminder_hour").map(Int.init)
        createdAt = try row.date("created_at")
    }
}

/// A member of a household: the account holder or someone in their care.
public struct HouseholdMember: Sendable, Equatable {
    public var id: Int64
    public var householdID: Int64
    public var fullName: String
    public var birthYear: Int
    public var sex: HouseholdMemberDetails.Sex
    public var relation: HouseholdMemberDetails.Relation
    public var idNumber: String?
    public var createdAt: Date

    static let columns = ["id", "household_id", "full_name", "birth_year", "sex", "relation", "id_number", "created_at"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        householdID = try row.decode(column: "household_id", as: Int64.self)
        fullName = try row.decode(column: "full_name", as: String.self)
        birthYear = try row.decode(column: "birth_year", as: Int.self)
        sex = try row.value("sex", as: HouseholdMemberDetails.Sex.self)
        relation = try row.value("relation", as: HouseholdMemberDetails.Relation.self)
        idNumber = try row.optionalString("id_number")
        createdAt = try row.date("created_at")
    }
}
