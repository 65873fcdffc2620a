import FacilitySafety
import Foundation
import SQLKit

/// Citizens' reports on facilities, their moderation and the managers' answers.
public struct FeedbackRepository: Sendable {
    let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a report in review; returns its id.
    public func create(_ feedback: NewFeedback, at now: Date) async throws -> Int64 {
        try await database.withConnection { sql in
            let row = try await sql.insert(into: "safety_feedback")
                .columns("facility_id", "province_code", "category", "text", "phone", "photo", "photo_type", "status", "critical", "received_at")
                .values(
                    SQLBind(feedback.facilityID), SQLBind(feedback.provinceCode), SQLBind(feedback.category.rawValue), SQLBind(feedback.text),
                    SQLBind(feedback.phone), SQLBind(feedback.photo?.data), SQLBind(feedback.photo?.format.rawValue),
                    SQLBind(FeedbackStatus.inReview.rawValue), SQLBind(feedback.critical ? 1 : 0), SQLBind(now.unixSeconds)
                )
                .returning("id").first()
            guard let id = try row?.decode(column: "id", as: Int64.self) else { throw StoreError.notFound("the new feedback") }
            return id
        }
    }

    public func find(id: Int64) async throws -> FeedbackRecord? {
        try await database.withConnection { sql in
            try await sql.select().columns(FeedbackRecord.columns).from("safety_feedback").where("id", .equal, id).first().map { try FeedbackRecord(row: $0) }
        }
    }

    /// The stripped photo of a report, if it has one.
    public func photo(id: Int64) async throws -> FeedbackPhoto? {
        try await database.withConnection { sql in
            guard let row = try await sql.select().columns("photo", "photo_type").from("safety_feedback").where("id", .equal, id).first(),
                let type = try row.optionalString("photo_type").flatMap(FeedbackPhoto.Format.init(rawValue:))
            else { return nil }
            return FeedbackPhoto(stored: try row.decode(column: "photo", as: Data.self), format: type)
        }
    }

    /// Reports in `status` (of one province when given), newest first, older than `beforeID` when given.
    public func list(status: FeedbackStatus?, provinceCode: String?, beforeID: Int64?, limit: Int) async throws -> [FeedbackRecord] {
        try await database.withConnection { sql in
            var query = sql.select().columns(FeedbackRecord.columns).from("safety_feedback")
            if let status { query = query.where("status", .equal, status.rawValue) }
            if let provinceCode { query = query.where("province_code", .equal, provinceCode) }
            if let beforeID { query = query.where("id", .lessThan, beforeID) }
            return try await query.orderBy("id", .descending).limit(limit).all().map { try FeedbackRecord(row: $0) }
        }
    }

    /// A facility's public reports (verified or published), newest first.
    public func published(facilityID: Int64, limit: Int) async throws -> [FeedbackRecord] {
        try await database.withConnection { sql in
            try await sql.select().columns(FeedbackRecord.columns).from("safety_feedback").where("facility_id", .equal, facilityID)
                .where("status", .in, [FeedbackStatus.verified.rawValue, FeedbackStatus.published.rawValue])
                .orderBy("id", .descending).limit(limit).all().map { try FeedbackRecord(row: $0) }
        }
    }

    /// Records an officer's decision. A verified report of a critical lapse raises the facility's
    /// alert; taking the last such report back lowers it. Either change is recorded for the live
    /// map. Returns the report and the facility after, in one transaction.
    public func review(
        id: Int64, decision: FeedbackStatus, note: String, by officerID: Int64, at now: Date, today: Int
    ) async throws -> (feedback: FeedbackRecord, facility: FacilityRecord)? {
        try await database.transaction { sql in
            guard let before = try await sql.select().columns(FeedbackRecord.columns).from("safety_feedback").where("id", .equal, id).first()
                .map({ try FeedbackRecord(row: $0) })
            else { return nil }
            guard let row = try await sql.update("safety_feedback").set("status", to: decision.rawValue).set("review_note", to: note)
                .set("reviewed_by", to: officerID).set("reviewed_at", to: now.unixSeconds).where("id", .equal, id)
                .returning(FeedbackRecord.columns.map { SQLColumn($0) }).first()
            else { return nil }
            let feedback = try FeedbackRecord(row: row)
            let touchesAlert = feedback.critical && (before.status == .verified || decision == .verified)
            if touchesAlert {
                try await sql.update("safety_facilities").set(SQLColumn("alert_since"), to: Self.alertAfterReview(facilityID: feedback.facilityID, now: now))
                    .where("id", .equal, feedback.facilityID).run()
            }
            guard let facility = try await FacilityRepository.find(id: feedback.facilityID, on: sql) else { throw StoreError.notFound("facility") }
            if touchesAlert { try await SafetyEventRepository.append(facility, today: today, at: now, on: sql) }
            return (feedback, facility)
        }
    }

    /// The alert after a review: standing (since its first cause) while a verified critical report is unanswered, lifted otherwise.
    private static func alertAfterReview(facilityID: Int64, now: Date) -> SQLQueryString {
        """
        CASE WHEN EXISTS (SELECT 1 FROM safety_feedback WHERE facility_id = \(bind: facilityID) AND status = 'verified' AND critical = 1 \
        AND answered_at IS NULL) THEN COALESCE(alert_since, \(literal: now.unixSeconds)) ELSE NULL END
        """
    }

    /// Stores a manager's answer to a public report; returns the report, or nil when it is not public.
    public func answer(id: Int64, text: String, by managerID: Int64, at now: Date) async throws -> FeedbackRecord? {
        try await database.withConnection { sql in
            try await sql.update("safety_feedback").set("answer", to: text).set("answered_by", to: managerID).set("answered_at", to: now.unixSeconds)
                .where("id", .equal, id).where("status", .in, [FeedbackStatus.verified.rawValue, FeedbackStatus.published.rawValue])
                .returning(FeedbackRecord.columns.map { SQLColumn($0) }).first().map { try FeedbackRecord(row: $0) }
        }
    }

    /// Forgets the phone numbers of reports received before `cutoff`; returns how many.
    public func erasePhones(receivedBefore cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.update("safety_feedback").set("phone", to: SQLLiteral.null).where("received_at", .lessThan, cutoff.unixSeconds)
                .where("phone", .isNot, SQLLiteral.null).returning("id").all().count
        }
    }

    /// Deletes rejected and archived reports reviewed before `cutoff`, photos and all; returns how many.
    public func deleteClosed(reviewedBefore cutoff: Date) async throws -> Int {
        try await database.withConnection { sql in
            try await sql.delete(from: "safety_feedback").where("status", .in, [FeedbackStatus.rejected.rawValue, FeedbackStatus.archived.rawValue])
                .where("reviewed_at", .lessThan, cutoff.unixSeconds).returning("id").all().count
        }
    }
}
