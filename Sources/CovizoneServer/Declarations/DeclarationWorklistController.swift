import CovizoneCore
import CovizoneStore
import Foundation
import HealthDeclaration
import Hummingbird

/// Health authorities' side of declarations: `GET /api/v1/declarations/worklist` (filters of
/// ``WorklistQuery``, cursor pages, `?format=csv`; audited), follow-ups
/// `POST /api/v1/declarations/entry/{code}/followups` `{status, note}`, and
/// `GET /api/v1/declarations/statistics[?kind=entry&days=N]` per province and day.
struct DeclarationWorklistController: Sendable {
    let desk: DeclarationDesk

    var environment: AppEnvironment { desk.environment }

    struct Item: Encodable, Sendable {
        var code: String
        var displayCode: String
        var kind: String
        var riskLevel: String
        var reasons: [String]
        var followUpStatus: String
        var provinceCode: String?
        var wardCode: String?
        var name: String?
        var phone: String?
        var submittedAt: String
        var updatedAt: String
    }

    struct FollowUpBody: Decodable {
        var status: String
        var note: String?
    }

    struct FollowUp: ResponseEncodable {
        var id: Int64
        var status: String
        var note: String
        var officer: String
        var createdAt: String
    }

    struct DayCount: Encodable, Sendable {
        var provinceCode: String
        var provinceName: String
        var day: String
        var low: Int
        var medium: Int
        var high: Int
        var total: Int
    }

    struct Statistics: ResponseEncodable {
        var kind: String
        var days: Int
        var items: [DayCount]
    }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("declarations/worklist") { request, context -> Response in
            let principal = try context.authorize(WorklistQuery.readers)
            let query = try WorklistQuery(parameters: WorklistQuery.parameters(of: request), principal: principal, divisions: environment.divisions)
            let page = try PageRequest(request: request)
            let records = try await desk.worklist(query.filter, beforeID: page.cursorID, limit: page.limit + 1, context: context)
            let items = try await items(records)
            if request.uri.queryParameters["format"] == "csv" { return Self.csv(Array(items.prefix(page.limit))) }
            return try Page(fetched: Array(zip(records, items)), limit: page.limit, id: \.0.id, item: \.1).response(from: request, context: context)
        }
        for kind in WorklistQuery.kinds.sorted() {
            api.post("declarations/\(kind)/:code/followups") { request, context -> EditedResponse<FollowUp> in
                let principal = try context.authorize([.healthAuthority])
                let body = try await request.decodeJSON(as: FollowUpBody.self, context: context)
                let followUp = try await desk.followUp(
                    kind: kind, code: context.parameters.get("code") ?? "", status: body.status, note: body.note ?? "", by: principal, context: context
                )
                return EditedResponse(status: .created, response: Self.followUp(followUp))
            }
        }
        api.get("declarations/statistics") { request, context -> Statistics in
            let principal = try context.authorize(WorklistQuery.readers)
            let kind = request.uri.queryParameters["kind"].map(String.init) ?? "entry"
            let days = request.uri.queryParameters["days"].map { Int(String($0)) } ?? 14
            var problems: [FieldError] = []
            if !WorklistQuery.kinds.contains(kind) { problems.append(FieldError(field: "kind", message: "must be entry or voluntary")) }
            guard let days, (1...90).contains(days) else {
                throw APIError.invalid(problems + [FieldError(field: "days", message: "must be a whole number from 1 to 90")])
            }
            if !problems.isEmpty { throw APIError.invalid(problems) }
            return Statistics(kind: kind, days: days, items: try await statistics(kind: kind, days: days, for: principal))
        }
    }

    /// Counts per province and Vietnam day, newest day first.
    func statistics(kind: String, days: Int, for principal: Principal) async throws -> [DayCount] {
        let today = VietnamDay.number(of: environment.clock.now)
        let since = VietnamDay.start(ofNumber: today - days + 1)
        let counts = try await desk.declarations.counts(kind: kind, provinceCode: principal.scope.provinceCode, since: since)
        let grouped = Dictionary(grouping: counts) { "\($0.provinceCode)|\($0.day)" }
        return grouped.values.compactMap { group -> DayCount? in
            guard let first = group.first else { return nil }
            func count(_ level: String) -> Int { group.filter { $0.riskLevel == level }.map(\.count).reduce(0, +) }
            return DayCount(
                provinceCode: first.provinceCode, provinceName: environment.divisions.province(code: first.provinceCode)?.name ?? first.provinceCode,
                day: VietnamDay.string(ofNumber: first.day), low: count("low"), medium: count("medium"), high: count("high"),
                total: group.map(\.count).reduce(0, +)
            )
        }.sorted { ($1.day, $0.provinceCode) < ($0.day, $1.provinceCode) }
    }

    /// The worklist rows of `records`: the traveller's name and phone from the answers, or the
    /// household member's name and the household's phone.
    func items(_ records: [DeclarationRecord]) async throws -> [Item] {
        let contacts = try await HouseholdRepository(database: environment.database).contacts(of: Set(records.compactMap(\.memberID)))
        return records.map { record in
            var item = item(record)
            if let contact = record.memberID.flatMap({ contacts[$0] }) {
                item.name = contact.name
                item.phone = contact.phone
            }
            return item
        }
    }

    private func item(_ record: DeclarationRecord) -> Item {
        let answers = (try? record.answers()) ?? [:]
        func text(_ id: String) -> String? { if case .text(let value)? = answers[id] { value } else { nil } }
        return Item(
            code: record.code, displayCode: DeclarationCode.display(record.code), kind: record.kind, riskLevel: record.content.riskLevel,
            reasons: record.reasonRuleIDs,
            followUpStatus: record.followUpStatus, provinceCode: record.content.provinceCode, wardCode: record.content.wardCode,
            name: text("full_name"), phone: text("phone"), submittedAt: record.submittedAt.formatted(.iso8601), updatedAt: record.updatedAt.formatted(.iso8601)
        )
    }

    static func followUp(_ record: FollowUpRecord) -> FollowUp {
        FollowUp(id: record.id, status: record.status, note: record.note, officer: record.officer, createdAt: record.createdAt.formatted(.iso8601))
    }

    static func csv(_ items: [Item]) -> Response {
        var text = CSVWriter.row(["code", "kind", "riskLevel", "reasons", "followUpStatus", "provinceCode", "wardCode", "name", "phone", "submittedAt", "updatedAt"])
        for item in items {
            text += CSVWriter.row([
                item.displayCode, item.kind, item.riskLevel, item.reasons.joined(separator: " "), item.followUpStatus, item.provinceCode ?? "",
                item.wardCode ?? "", item.name ?? "", item.phone ?? "", item.submittedAt, item.updatedAt,
            ])
        }
        return Response(
            status: .ok,
            headers: [
                .contentType: "text/csv; charset=utf-8", .cacheControl: "no-store", .contentDisposition: "attachment; filename=\"declarations-worklist.csv\"",
            ],
            body: ResponseBody(byteBuffer: ByteBuffer(string: text))
        )
    }
}
