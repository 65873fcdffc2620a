import CovizoneCore
import CovizoneStore
import Foundation
import Logging
import NIOCore

/// Subscriber lists for campaigns: made and changed by officers of their province, imported as
/// they stream, deleted with their members once no live campaign uses them.
struct AudienceService: Sendable {
    let audiences: AudienceRepository
    let audit: AuditRecorder
    let divisions: AdministrativeDivisions
    let clock: WallClock
    let logger: Logger

    func create(name: String, provinceCode: String?, by principal: Principal) async throws -> AudienceRecord {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(name.count) else { throw ValidationFailure([FieldError(field: "name", message: "must be 1 to 200 characters")]) }
        let province = try CampaignScope.ownerProvince(provinceCode, of: principal, divisions: divisions)
        let id = try await audiences.create(name: name, provinceCode: province, createdBy: principal.user.username, at: clock.now)
        return try await audience(id, for: principal)
    }

    /// The lists `principal` may see: its province's and the national ones.
    func list(for principal: Principal) async throws -> [AudienceRecord] {
        try await audiences.audiences(visibleTo: principal.scope.provinceCode)
    }

    /// The list, when `principal` may see it (its province's, or a national one).
    func audience(_ id: Int64, for principal: Principal) async throws -> AudienceRecord {
        guard let audience = try await audiences.audience(id: id), CampaignScope.isVisible(audience.provinceCode, to: principal) else {
            throw CampaignError.audienceNotFound(id)
        }
        return audience
    }

    /// A list an officer may change: its own province's, or any for a national officer.
    func editableAudience(_ id: Int64, for principal: Principal) async throws -> AudienceRecord {
        let audience = try await audience(id, for: principal)
        guard CampaignScope.owns(audience.provinceCode, principal) else { throw CampaignError.notYourProvince(.audience) }
        return audience
    }

    /// Imports a subscriber list into `audience` as it streams: the whole list lands with its
    /// report and audit entry, or none of it (a file that turns out bad at its end adds nothing).
    /// Campaigns approved on the list go back to draft (what was approved changed); while one
    /// sends, the import is refused.
    func importMembers<Body: AsyncSequence>(_ body: Body, into audience: AudienceRecord, by principal: Principal, caller: Caller) async throws
        -> AudienceImportReport where Body.Element == ByteBuffer
    {
        let stagingID = AudienceRepository.newStagingID()
        do {
            let read = try await AudienceImport(audiences: audiences, divisions: divisions, stagingID: stagingID, clock: clock).run(body: body)
            let entry = audit.entry(
                "audiences.import", subject: "audience \(audience.id)", provinceCode: audience.provinceCode,
                detail: "\(read.rows) rows, \(read.rejected) rejected", by: caller
            )
            let (outcome, report) = try await audiences.publishImport(
                stagingID: stagingID, into: audience.id, report: read, audit: entry, by: principal.user.username, at: clock.now
            )
            if case .inUse(let campaigns) = outcome { throw CampaignError.audienceInUse(campaigns: campaigns, importing: true) }
            return report
        } catch {
            try? await audiences.discardStaged(stagingID)
            throw error
        }
    }

    /// Deletes `audience` (from ``editableAudience(_:for:)``) with its members, unless campaigns
    /// neither done nor cancelled use it, and audits it. Members the purge could not delete now
    /// (a store failure) go at the next retention pass.
    func delete(_ audience: AudienceRecord, by principal: Principal, caller: Caller) async throws {
        switch try await audiences.delete(id: audience.id, by: principal.user.username, at: clock.now) {
        case .deleted:
            try await audit.record(
                "audiences.delete", subject: "audience \(audience.id)", provinceCode: audience.provinceCode,
                detail: "\(audience.members) members deleted", by: caller
            )
            do {
                try await audiences.purgeDeletedLists()
            } catch {
                logger.error(
                    "deleted list's members left for the retention pass",
                    metadata: ["audience": "\(audience.id)", "error": "\(error)", "request.id": "\(caller.requestID)"]
                )
            }
        case .inUse(let campaigns): throw CampaignError.audienceInUse(campaigns: campaigns, importing: false)
        case .notFound: throw CampaignError.audienceNotFound(audience.id)
        }
    }
}
