import CovizoneCore
import Foundation
import Hummingbird

/// Citizens' questions: `POST /api/v1/info/questions` `{text, provinceCode?}` → 201 (anonymous,
/// limited per address); officers: `GET /api/v1/info/questions/groups`, `POST
/// /api/v1/info/questions/answer` `{questionIds, entry}` → 201, `POST /api/v1/info/questions/dismiss` `{questionIds}`.
struct InfoQuestionsController: Sendable {
    let questions: InfoQuestionService

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("info/questions", use: ask)
        group.get("info/questions/groups", use: groups)
        group.post("info/questions/answer", use: answer)
        group.post("info/questions/dismiss", use: dismiss)
    }

    struct Question: Decodable, Sendable {
        var text: String
        var provinceCode: String?
    }

    struct Asked: ResponseEncodable {
        var id: Int64
    }

    @Sendable func ask(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Asked> {
        let body = try await request.decodeJSON(as: Question.self, context: context, limit: 4_096)
        return EditedResponse(status: .created, response: Asked(id: try await questions.ask(body.text, provinceCode: body.provinceCode, channel: "api")))
    }

    struct GroupItem: Encodable, Sendable {
        struct Asked: Encodable, Sendable {
            var id: Int64
            var text: String
            var provinceCode: String?
            var channel: String
            var askedAt: Date
        }

        var count: Int
        var questions: [Asked]
    }

    @Sendable func groups(_ request: Request, context: AppRequestContext) async throws -> Page<GroupItem> {
        let principal = try context.authorize(WritingScope.writers)
        let limit = try request.queryInteger("limit", in: 1...200, default: 50)
        let groups = try await questions.groups(for: principal).prefix(limit).map { group in
            GroupItem(
                count: group.questions.count,
                questions: group.questions.map { .init(id: $0.id, text: $0.text, provinceCode: $0.provinceCode, channel: $0.channel, askedAt: $0.askedAt) }
            )
        }
        return Page(fetched: groups, limit: groups.count, id: { $0.questions.first?.id ?? 0 })
    }

    struct Answer: Decodable, Sendable {
        var questionIds: [Int64]
        var entry: InfoEntryService.Draft
    }

    struct Answered: ResponseEncodable {
        var entryId: Int64
        var closed: Int
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Answered> {
        let principal = try context.authorize(WritingScope.writers)
        let body = try await request.decodeJSON(as: Answer.self, context: context)
        let (entry, closed) = try await questions.answer(body.questionIds, with: body.entry, by: principal, caller: context.caller)
        return EditedResponse(status: .created, response: Answered(entryId: entry.id, closed: closed))
    }

    struct Dismiss: Decodable, Sendable {
        var questionIds: [Int64]
    }

    struct Dismissed: ResponseEncodable {
        var closed: Int
    }

    @Sendable func dismiss(_ request: Request, context: AppRequestContext) async throws -> Dismissed {
        let principal = try context.authorize(WritingScope.writers)
        let body = try await request.decodeJSON(as: Dismiss.self, context: context)
        return Dismissed(closed: try await questions.dismiss(body.questionIds, by: principal, caller: context.caller))
    }
}
