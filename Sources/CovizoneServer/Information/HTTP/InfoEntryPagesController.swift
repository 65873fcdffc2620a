import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird

/// The officers' pages for questions and answers: `GET /info/manage` (entries, a new one: `POST
/// /info/manage/entries`), `GET/POST /info/manage/entries/{id}` (revise, with the history),
/// `GET /info/manage/questions` (citizens' questions in groups: `POST
/// /info/manage/questions/answer`, `POST /info/manage/questions/dismiss`) and `GET/POST
/// /info/manage/synonyms`. Every form is CSRF-protected.
struct InfoEntryPagesController: Sendable {
    let information: InformationDomain
    let divisions: AdministrativeDivisions
    let renderer: PageRenderer

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("info/manage") { request, context in
            let principal = try context.authorize(WritingScope.writers)
            return try await renderList(principal: principal, form: nil, request: request, context: context)
        }
        group.post("info/manage/entries", use: create)
        group.get("info/manage/entries/:id") { request, context in
            let principal = try context.authorize(WritingScope.writers)
            return try await renderEntry(try context.pathID(of: "Information entry"), principal: principal, form: nil, request: request, context: context)
        }
        group.post("info/manage/entries/:id", use: update)
        group.get("info/manage/questions") { request, context in
            try await renderQuestions(principal: try context.authorize(WritingScope.writers), request: request, context: context)
        }
        group.post("info/manage/questions/answer", use: answer)
        group.post("info/manage/questions/dismiss", use: dismiss)
        group.get("info/manage/synonyms") { request, context in
            _ = try context.authorize(WritingScope.writers)
            let saved = try await information.search.synonymGroups()
            let page = InfoSynonymsPage(text: saved.groups.map { $0.joined(separator: "; ") }.joined(separator: "\n"))
            return renderer.render("info-synonyms", titleKey: "info_synonyms_title", page: page, request: request, context: context)
        }
        group.post("info/manage/synonyms", use: saveSynonyms)
    }

    /// A signed-in writer's form fields, the CSRF token checked.
    private func form(_ request: Request, context: AppRequestContext) async throws -> (Principal, [String: String]) {
        try await request.officerForm(context: context, roles: WritingScope.writers)
    }

    /// The problems of a refused form, as lines.
    private func errors(_ error: any HTTPProblemConvertible, request: Request) -> [String] {
        renderer.text(for: request).problemLines(error, labelPrefix: "info_field_")
    }

    @Sendable func create(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, fields) = try await form(request, context: context)
        var form = InfoEntryForm(fields: fields)
        do {
            let entry = try await information.entries.create(form.draft(province: fields["provinceCode"]), by: principal, caller: context.caller)
            return Response(status: .seeOther, headers: [.location: "/info/manage/entries/\(entry.id)"])
        } catch let error as any HTTPProblemConvertible where error is ValidationFailure || error is InformationError {
            form.errors = errors(error, request: request)
            return try await renderList(principal: principal, form: form, request: request, context: context, province: fields["provinceCode"])
        }
    }

    @Sendable func update(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, fields) = try await form(request, context: context)
        let id = try context.pathID(of: "Information entry")
        var form = InfoEntryForm(fields: fields)
        do {
            _ = try await information.entries.update(id, to: form.draft(province: fields["provinceCode"]), by: principal, caller: context.caller)
            return Response(status: .seeOther, headers: [.location: "/info/manage/entries/\(id)"])
        } catch let error as any HTTPProblemConvertible where error is ValidationFailure || error is InformationError {
            form.errors = errors(error, request: request)
            return try await renderEntry(id, principal: principal, form: form, request: request, context: context, province: fields["provinceCode"])
        }
    }

    private func renderList(principal: Principal, form: InfoEntryForm?, request: Request, context: AppRequestContext, province: String? = nil) async throws -> Response {
        let text = renderer.text(for: request)
        let cursor = try PageRequest(request: request).cursorID
        let entries = try await information.entries.list(for: principal, beforeID: cursor, limit: 51)
        var page = InfoManagePage()
        page.rows = entries.prefix(50).map { entry in
            InfoManagePage.Row(
                id: entry.id, question: entry.content.question.vi, place: entry.content.provinceCode.flatMap { divisions.province(code: $0)?.name } ?? text("info_national"),
                published: entry.content.published, revision: entry.revision, updatedAt: PageText.wallClock(entry.updatedAt)
            )
        }
        page.nextLink = entries.count > 50 ? entries.dropLast().last.map { "/info/manage?cursor=\(PageRequest.encodeCursor($0.id))" } : nil
        page.form = form ?? InfoEntryForm()
        page.form.provinceOptions = InfoEntryForm.provinces(for: principal, selected: province, divisions: divisions, text: text)
        return renderer.render("info-manage", titleKey: "info_manage_title", page: page, request: request, context: context, status: form == nil ? .ok : .unprocessableContent)
    }

    private func renderEntry(_ id: Int64, principal: Principal, form: InfoEntryForm?, request: Request, context: AppRequestContext, province: String? = nil) async throws -> Response {
        let entry = try await information.entries.entry(id, for: principal)
        var page = InfoManagePage()
        page.entryID = id
        page.form = form ?? InfoEntryForm(entry: entry.content)
        page.form.provinceOptions = InfoEntryForm.provinces(
            for: principal, selected: form == nil ? entry.content.provinceCode : province, divisions: divisions, text: renderer.text(for: request)
        )
        page.revisions = try await information.entries.revisions(of: id, for: principal).reversed().map {
            InfoManagePage.Revision(revision: $0.revision, actor: $0.actor, at: PageText.wallClock($0.at), question: $0.content.question.vi)
        }
        return renderer.render("info-entry", titleKey: "info_manage_title", page: page, request: request, context: context, status: form == nil ? .ok : .unprocessableContent)
    }

    private func renderQuestions(principal: Principal, request: Request, context: AppRequestContext, notice: String? = nil, errors: [String] = []) async throws -> Response {
        let groups = try await information.questions.groups(for: principal).prefix(100).map { group in
            InfoQuestionsPage.Group(
                count: group.questions.count,
                questions: group.questions.map { .init(id: $0.id, text: $0.text, channel: $0.channel, askedAt: PageText.wallClock($0.askedAt)) },
                ids: group.questions.map { String($0.id) }.joined(separator: ","), firstText: group.questions.first?.text ?? ""
            )
        }
        let text = renderer.text(for: request)
        let figures = try await information.questions.figures(for: principal, days: 14)
        let page = InfoQuestionsPage(
            groups: Array(groups), provinceOptions: InfoEntryForm.provinces(for: principal, selected: nil, divisions: divisions, text: text),
            headline: figures.headline(text), chart: figures.chart(text, small: false), notice: notice, errors: errors, hasGroups: !groups.isEmpty
        )
        return renderer.render("info-questions", titleKey: "info_questions_title", page: page, request: request, context: context, status: errors.isEmpty ? .ok : .unprocessableContent)
    }

    private static func ids(_ text: String?) -> [Int64] {
        (text ?? "").split(separator: ",").compactMap { Int64($0.trimmingCharacters(in: .whitespaces)) }
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, fields) = try await form(request, context: context)
        let draft = InfoEntryForm(fields: fields.merging(["publish": "on"]) { $1 }).draft(province: fields["provinceCode"])
        do {
            let (entry, closed) = try await information.questions.answer(Self.ids(fields["questionIds"]), with: draft, by: principal, caller: context.caller)
            let notice = renderer.text(for: request)("info_questions_answered", ["count": String(closed), "id": String(entry.id)])
            return try await renderQuestions(principal: principal, request: request, context: context, notice: notice)
        } catch let error as any HTTPProblemConvertible where error is ValidationFailure || error is InformationError {
            return try await renderQuestions(principal: principal, request: request, context: context, errors: errors(error, request: request))
        }
    }

    @Sendable func dismiss(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, fields) = try await form(request, context: context)
        do {
            let closed = try await information.questions.dismiss(Self.ids(fields["questionIds"]), by: principal, caller: context.caller)
            let notice = renderer.text(for: request)("info_questions_dismissed", ["count": String(closed)])
            return try await renderQuestions(principal: principal, request: request, context: context, notice: notice)
        } catch let error as ValidationFailure {
            return try await renderQuestions(principal: principal, request: request, context: context, errors: errors(error, request: request))
        }
    }

    @Sendable func saveSynonyms(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, fields) = try await form(request, context: context)
        let text = fields["groups"] ?? ""
        let groups = text.split(whereSeparator: \.isNewline).map { line in
            line.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }.filter { !$0.isEmpty }
        do {
            _ = try await information.questions.saveSynonyms(groups, by: principal, caller: context.caller)
            let page = InfoSynonymsPage(text: text, notice: renderer.text(for: request)("info_synonyms_saved", ["count": String(groups.count)]))
            return renderer.render("info-synonyms", titleKey: "info_synonyms_title", page: page, request: request, context: context)
        } catch let error as ValidationFailure {
            let lines = error.errors.map { problem in
                let index = Int(problem.field.drop { !$0.isNumber }.prefix { $0.isNumber }).map { $0 + 1 }
                return renderer.text(for: request)("info_synonyms_line", ["line": index.map(String.init) ?? "-"]) + ": " + problem.message
            }
            let page = InfoSynonymsPage(text: text, errors: lines)
            return renderer.render("info-synonyms", titleKey: "info_synonyms_title", page: page, request: request, context: context, status: .unprocessableContent)
        }
    }
}
