import CampaignDispatch
import CovizoneCore
import CovizoneStore
import Foundation
import Messaging
import NIOCore

/// What officers do with audiences and campaigns, with the checks that keep it sound: templates
/// and schedules are checked when written, the campaign is approved by an officer other than its
/// author, and everyone stays within their province.
struct CampaignDesk: Sendable {
    let environment: AppEnvironment

    /// Roles that run campaigns: the ministry, provincial information departments, health authorities.
    static let officers: Set<Role> = [.ministryAdmin, .provinceOfficer, .healthAuthority]
    /// Roles that may also read campaigns and their figures (operators see their traffic).
    static let readers: Set<Role> = officers.union([.telecomOperator])

    var audiences: AudienceRepository { AudienceRepository(database: environment.database) }
    var campaigns: CampaignRepository { CampaignRepository(database: environment.database) }
    var messages: CampaignMessages { CampaignMessages(divisions: environment.divisions) }

    // MARK: Audiences

    func createAudience(name: String, provinceCode: String?, by principal: Principal) async throws -> AudienceRecord {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...200).contains(name.count) else { throw APIError.invalid([FieldError(field: "name", message: "must be 1 to 200 characters")]) }
        let province = try ownerProvince(provinceCode, of: principal)
        let id = try await audiences.create(name: name, provinceCode: province, createdBy: principal.user.username, at: environment.clock.now)
        return try await audience(id, for: principal)
    }

    /// The list, when `principal` may see it (its province's, or a national one).
    func audience(_ id: Int64, for principal: Principal) async throws -> AudienceRecord {
        guard let audience = try await audiences.audience(id: id), visible(audience.provinceCode, to: principal) else {
            throw APIError.notFound("No audience \(id).")
        }
        return audience
    }

    /// A list an officer may add to: its own province's, or any for a national officer.
    func editableAudience(_ id: Int64, for principal: Principal) async throws -> AudienceRecord {
        let audience = try await audience(id, for: principal)
        guard owns(audience.provinceCode, principal) else { throw APIError(.forbidden, "Only the audience's province may change it.", code: "not_your_province") }
        return audience
    }

    /// Imports a subscriber list into `audience` as it streams: the whole list lands with its
    /// report and audit entry, or none of it (a file that turns out bad at its end adds nothing).
    /// Campaigns approved on the list go back to draft (what was approved changed); while one
    /// sends, the import is refused (409 `audience_in_use`).
    func importMembers<Body: AsyncSequence>(_ body: Body, into audience: AudienceRecord, by principal: Principal, context: AppRequestContext) async throws
        -> AudienceImportReport where Body.Element == ByteBuffer
    {
        let stagingID = AudienceRepository.newStagingID()
        do {
            let read = try await AudienceImport(audiences: audiences, divisions: environment.divisions, stagingID: stagingID, clock: environment.clock)
                .run(body: body)
            let audit = environment.auditRecorder.entry(
                "audiences.import", subject: "audience \(audience.id)", provinceCode: audience.provinceCode,
                detail: "\(read.rows) rows, \(read.rejected) rejected", by: context.caller
            )
            let (outcome, report) = try await audiences.publishImport(
                stagingID: stagingID, into: audience.id, report: read, audit: audit, by: principal.user.username, at: environment.clock.now
            )
            if case .inUse(let campaigns) = outcome {
                throw APIError(
                    .conflict, "Campaigns \(Self.campaignNumbers(campaigns)) are sending to this list: wait until they are done or paused for good.",
                    code: "audience_in_use"
                )
            }
            return report
        } catch {
            try? await audiences.discardStaged(stagingID)
            throw error
        }
    }

    /// Deletes `audience` (from ``editableAudience(_:for:)``) with its members, unless campaigns
    /// neither done nor cancelled use it (`.inUse` names them), and audits it. Never `.notFound`:
    /// that is a 404. Members the purge could not delete now (a store failure) go at the next
    /// retention pass.
    func deleteAudience(_ audience: AudienceRecord, by principal: Principal, context: AppRequestContext) async throws -> AudienceDeletionResult {
        let result = try await audiences.delete(id: audience.id, by: principal.user.username, at: environment.clock.now)
        switch result {
        case .deleted:
            try await environment.auditRecorder.record(
                "audiences.delete", subject: "audience \(audience.id)", provinceCode: audience.provinceCode,
                detail: "\(audience.members) members deleted", by: context.caller
            )
            do {
                try await audiences.purgeDeletedLists()
            } catch {
                context.logger.error("deleted list's members left for the retention pass", metadata: ["audience": "\(audience.id)", "error": "\(error)"])
            }
        case .inUse: break
        case .notFound: throw APIError.notFound("No audience \(audience.id).")
        }
        return result
    }

    /// The campaigns a list is in use by, as officers write them: `#3, #5`.
    static func campaignNumbers(_ ids: [Int64]) -> String {
        ids.map { "#\($0)" }.joined(separator: ", ")
    }

    // MARK: Campaigns

    /// Checks what an officer wrote; every problem at once.
    func check(_ content: CampaignContent, for principal: Principal) async throws {
        var problems: [FieldError] = []
        if !(1...200).contains(content.name.trimmingCharacters(in: .whitespaces).count) {
            problems.append(FieldError(field: "name", message: "must be 1 to 200 characters"))
        }
        if !["sms", "http"].contains(content.channel) { problems.append(FieldError(field: "channel", message: "must be sms or http")) }
        if content.channel == "http", (content.httpTemplate ?? "").isEmpty {
            problems.append(FieldError(field: "httpTemplate", message: "is required for the HTTP channel"))
        }
        if content.channel == "http", environment.configuration.messaging.httpProviders.isEmpty {
            problems.append(FieldError(field: "channel", message: "no HTTP provider is configured on this server"))
        }
        let maximum = environment.configuration.messaging.maximumParts
        if !(1...maximum).contains(content.maximumParts) {
            problems.append(FieldError(field: "maximumParts", message: "must be 1 to \(maximum)"))
        } else {
            do {
                _ = try messages.longest(content)
            } catch {
                problems.append(FieldError(field: "template", message: error.description))
            }
        }
        if content.sender.isEmpty || content.sender.count > 11 && !content.sender.allSatisfy(\.isNumber) || content.sender.count > 16
            || !content.sender.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == " ") })
        {
            problems.append(FieldError(field: "sender", message: "must be a short code or up to 11 letters and digits"))
        }
        for operatorID in content.segment.operators where MobileOperator.named(operatorID) == nil {
            problems.append(FieldError(field: "segment.operators", message: "names no mobile operator: \(operatorID)"))
        }
        for province in content.segment.provinces where environment.divisions.province(code: province) == nil {
            problems.append(FieldError(field: "segment.provinces", message: "names no province: \(province)"))
        }
        if let own = content.provinceCode, content.segment.provinces.contains(where: { $0 != own }) {
            problems.append(FieldError(field: "segment.provinces", message: "must stay within the campaign's province \(own)"))
        }
        problems += content.schedule.problems.map { FieldError(field: "schedule." + $0.field, message: $0.message) }
        guard problems.isEmpty else { throw APIError.invalid(problems) }
        _ = try await audience(content.audienceID, for: principal)
    }

    func create(_ content: CampaignContent, by principal: Principal) async throws -> CampaignRecord {
        var content = content
        content.provinceCode = try ownerProvince(content.provinceCode, of: principal)
        if let own = content.provinceCode, content.segment.provinces.isEmpty { content.segment.provinces = [own] }
        try await check(content, for: principal)
        let id = try await campaigns.create(content, by: principal.user.username, at: environment.clock.now)
        return try await campaign(id, for: principal)
    }

    func update(_ id: Int64, with content: CampaignContent, by principal: Principal) async throws -> CampaignRecord {
        let current = try await editableCampaign(id, for: principal)
        var content = content
        content.provinceCode = current.content.provinceCode
        if let own = content.provinceCode, content.segment.provinces.isEmpty { content.segment.provinces = [own] }
        try await check(content, for: principal)
        guard try await campaigns.update(id: id, with: content, at: environment.clock.now) else {
            throw APIError(.conflict, "Only a draft can be changed; this campaign is \(current.status.rawValue).", code: "not_a_draft")
        }
        return try await campaign(id, for: principal)
    }

    func campaign(_ id: Int64, for principal: Principal) async throws -> CampaignRecord {
        guard let campaign = try await campaigns.campaign(id: id), visible(campaign.content.provinceCode, to: principal) else {
            throw APIError.notFound("No campaign \(id).")
        }
        return campaign
    }

    /// Takes a step of the life cycle: 409 when the campaign is not where the step starts, 403
    /// when the author approves their own campaign.
    func take(_ step: CampaignStatus.Step, on id: Int64, by principal: Principal, context: AppRequestContext) async throws -> CampaignRecord {
        let campaign = try await editableCampaign(id, for: principal)
        guard let next = campaign.status.after(step) else {
            throw APIError(.conflict, "A campaign that is \(campaign.status.rawValue) cannot be told to \(step.rawValue).", code: "wrong_status")
        }
        if step == .approve, campaign.createdBy == principal.user.username {
            throw APIError(.forbidden, "A second officer approves a campaign, not its author.", code: "approver_is_author")
        }
        guard try await campaigns.move(id: id, from: campaign.status, to: next, by: principal.user.username, at: environment.clock.now) else {
            throw APIError(.conflict, "The campaign changed meanwhile; load it again.", code: "changed_meanwhile")
        }
        try await environment.auditRecorder.record(
            "campaigns.\(step.rawValue)", subject: "campaign \(id)", provinceCode: campaign.content.provinceCode, detail: campaign.content.name,
            by: context.caller
        )
        return try await self.campaign(id, for: principal)
    }

    private func editableCampaign(_ id: Int64, for principal: Principal) async throws -> CampaignRecord {
        let campaign = try await campaign(id, for: principal)
        guard Self.officers.contains(principal.user.role), owns(campaign.content.provinceCode, principal) else {
            throw APIError(.forbidden, "Only officers of the campaign's province may change it.", code: "not_your_province")
        }
        return campaign
    }

    // MARK: Scope

    /// The province a new audience or campaign belongs to: a province officer's own (whatever
    /// was asked), or what a national officer named.
    private func ownerProvince(_ asked: String?, of principal: Principal) throws -> String? {
        if let own = principal.scope.provinceCode { return own }
        guard let asked, !asked.isEmpty else { return nil }
        guard let code = AdministrativeDivisions.canonicalCode(asked, digits: 2), environment.divisions.province(code: code) != nil else {
            throw APIError.invalid([FieldError(field: "provinceCode", message: "names no province")])
        }
        return code
    }

    private func visible(_ provinceCode: String?, to principal: Principal) -> Bool {
        guard let provinceCode else { return true }
        return principal.scope.covers(provinceCode: provinceCode)
    }

    /// True when `principal` acts for `provinceCode` (a national user acts for every province):
    /// an officer who does may change its audiences and campaigns.
    func owns(_ provinceCode: String?, _ principal: Principal) -> Bool {
        principal.scope.isNational || provinceCode != nil && principal.scope.covers(provinceCode: provinceCode!)
    }
}
