import CovizoneCore
import Foundation
import HealthDeclaration
import Hummingbird

/// The questionnaires, for forms and apps: `GET /api/v1/questionnaires` (the newest version of
/// each) and `GET /api/v1/questionnaires/{id}[?version=N]`. Public: they hold no personal data.
struct QuestionnairesController: Sendable {
    let catalog: QuestionnaireCatalog

    struct Listing: ResponseEncodable {
        var questionnaires: [Questionnaire]
    }

    func addRoutes(to api: RouterGroup<AppRequestContext>) {
        api.get("questionnaires") { _, _ -> EditedResponse<Listing> in
            EditedResponse(headers: [.cacheControl: "public, max-age=300"], response: Listing(questionnaires: catalog.currentQuestionnaires))
        }
        api.get("questionnaires/:id") { request, context -> EditedResponse<Questionnaire> in
            let id = context.parameters.get("id") ?? ""
            let found: Questionnaire?
            if let text = request.uri.queryParameters["version"] {
                guard let version = Int(String(text)) else { throw APIError.invalid([FieldError(field: "version", message: "must be a whole number")]) }
                found = catalog.questionnaire(id, version: version)
            } else {
                found = catalog.current(id)
            }
            guard let found else { throw APIError.notFound("Questionnaire \(id)") }
            return EditedResponse(headers: [.cacheControl: "public, max-age=300"], response: found)
        }
    }
}

extension Questionnaire: ResponseEncodable {}
