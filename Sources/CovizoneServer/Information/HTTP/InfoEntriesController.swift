import CovizoneCore
import CovizoneStore
import Foundation
import Hummingbird
import OfficialInformation

/// Question-and-answer entries, their search and the synonym groups:
/// `POST /api/v1/info/entries` → 201; `GET /api/v1/info/entries` (officers); `GET/PUT
/// /api/v1/info/entries/{id}`; `GET /api/v1/info/entries/{id}/revisions`; `GET
/// /api/v1/info/search?q=&province=` (public); `GET/PUT /api/v1/info/synonyms`.
struct InfoEntriesController: Sendable {
    let entries: InfoEntryService
    let search: InfoSearchService
    let questions: InfoQuestionService
    let divisions: AdministrativeDivisions

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("info/entries", use: create)
        group.get("info/entries", use: list)
        group.get("info/entries/:id", use: show)
        group.put("info/entries/:id", use: update)
        group.get("info/entries/:id/revisions", use: revisions)
        group.get("info/search", use: find)
        group.get("info/synonyms", use: synonyms)
        group.put("info/synonyms", use: saveSynonyms)
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<InfoEntryItem> {
        let principal = try context.authorize(WritingScope.writers)
        let draft = try await request.decodeJSON(as: InfoEntryService.Draft.self, context: context)
        return EditedResponse(status: .created, response: InfoEntryItem(try await entries.create(draft, by: principal, caller: context.caller)))
    }

    @Sendable func list(_ request: Request, context: AppRequestContext) async throws -> Page<InfoEntryItem> {
        let principal = try context.authorize(WritingScope.writers)
        let page = try PageRequest(request: request)
        let found = try await entries.list(for: principal, beforeID: page.cursorID, limit: page.limit + 1)
        return Page(fetched: found, limit: page.limit, id: \.id, item: InfoEntryItem.init)
    }

    @Sendable func show(_ request: Request, context: AppRequestContext) async throws -> InfoEntryItem {
        InfoEntryItem(try await entries.entry(try context.pathID(of: "Information entry"), for: context.identity))
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> InfoEntryItem {
        let principal = try context.authorize(WritingScope.writers)
        let draft = try await request.decodeJSON(as: InfoEntryService.Draft.self, context: context)
        return InfoEntryItem(try await entries.update(try context.pathID(of: "Information entry"), to: draft, by: principal, caller: context.caller))
    }

    struct RevisionItem: Encodable, Sendable {
        var revision: Int
        var actor: String
        var at: Date
        var question: BilingualText
        var answer: BilingualText
        var published: Bool
    }

    @Sendable func revisions(_ request: Request, context: AppRequestContext) async throws -> Page<RevisionItem> {
        let principal = try context.authorize(WritingScope.writers)
        let found = try await entries.revisions(of: try context.pathID(of: "Information entry"), for: principal)
        let items = found.map { RevisionItem(revision: $0.revision, actor: $0.actor, at: $0.at, question: $0.content.question, answer: $0.content.answer, published: $0.content.published) }
        return Page(fetched: items, limit: items.count, id: { Int64($0.revision) })
    }

    /// `GET /api/v1/info/search?q=…&province=…&limit=10` → `{items: [{id, question, answer, score, …}], nextCursor: null}`, best first.
    @Sendable func find(_ request: Request, context: AppRequestContext) async throws -> Page<SearchItem> {
        guard let query = request.uri.queryParameters["q"].map(String.init), !SearchText.terms(query).isEmpty else {
            throw APIError.invalid([FieldError(field: "q", message: "is required: the words to search for")])
        }
        let limit = try request.queryInteger("limit", in: 1...50, default: 10)
        let found = try await search.search(query, province: try request.queryProvince(divisions: divisions), limit: limit)
        let items = found.map(SearchItem.init)
        return Page(fetched: items, limit: items.count, id: \.id)
    }

    struct SynonymsBody: Encodable, ResponseEncodable {
        var groups: [[String]]
        var updatedAt: Date?
    }

    /// What a `PUT` sends (an `updatedAt` sent back from a `GET` is ignored).
    struct SynonymsUpdate: Decodable, Sendable {
        var groups: [[String]]
    }

    @Sendable func synonyms(_ request: Request, context: AppRequestContext) async throws -> SynonymsBody {
        let saved = try await search.synonymGroups()
        return SynonymsBody(groups: saved.groups, updatedAt: saved.updatedAt)
    }

    @Sendable func saveSynonyms(_ request: Request, context: AppRequestContext) async throws -> SynonymsBody {
        let principal = try context.authorize(WritingScope.writers)
        let body = try await request.decodeJSON(as: SynonymsUpdate.self, context: context)
        let saved = try await questions.saveSynonyms(body.groups, by: principal, caller: context.caller)
        return SynonymsBody(groups: saved.groups, updatedAt: saved.updatedAt)
    }
}
