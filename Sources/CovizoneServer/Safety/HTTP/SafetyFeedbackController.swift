import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation
import Hummingbird

/// Citizens' reports: the anonymous `POST /api/v1/safety/facilities/{id}/feedback` → 202, the
/// public `GET /api/v1/safety/facilities/{id}/feedback` (published reports and answers), the
/// moderators' `GET /api/v1/safety/feedback?status=&province=` and
/// `POST /api/v1/safety/feedback/{id}/review`, the manager's `POST /api/v1/safety/feedback/{id}/answer`,
/// and `GET /api/v1/safety/feedback/{id}/photo`.
struct SafetyFeedbackController: Sendable {
    let feedback: FeedbackService
    let divisions: AdministrativeDivisions
    /// A report's body: a 2 MB photo in base64 and the text.
    static let maximumBodyBytes = 3 << 20

    struct Accepted: ResponseEncodable {
        var id: Int64
    }

    struct Review: Decodable {
        var decision: String
        var note: String?
    }

    struct Answer: Decodable {
        var text: String
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post("safety/facilities/:id/feedback", use: submit)
        group.get("safety/facilities/:id/feedback", use: published)
        group.get("safety/feedback", use: queue)
        group.post("safety/feedback/:id/review", use: review)
        group.post("safety/feedback/:id/answer", use: answer)
        group.get("safety/feedback/:id/photo", use: photo)
    }

    @Sendable func submit(_ request: Request, context: AppRequestContext) async throws -> EditedResponse<Accepted> {
        let body = try await request.decodeJSON(as: FeedbackService.Submission.self, context: context, limit: Self.maximumBodyBytes)
        let id = try await feedback.submit(body, facilityID: try context.pathID(of: "Facility"))
        return EditedResponse(status: .accepted, response: Accepted(id: id))
    }

    @Sendable func published(_ request: Request, context: AppRequestContext) async throws -> Page<FeedbackItem> {
        let reports = try await feedback.published(facilityID: try context.pathID(of: "Facility"))
        return Page(fetched: reports, limit: reports.count, id: \.id) { FeedbackItem($0, forModerator: false) }
    }

    @Sendable func queue(_ request: Request, context: AppRequestContext) async throws -> Page<FeedbackItem> {
        let principal = try context.authorize(FeedbackService.moderators)
        let page = try PageRequest(request: request)
        let statusText = request.uri.queryParameters["status"].map(String.init)
        let status = statusText.flatMap(FeedbackStatus.init(rawValue:))
        if statusText != nil, status == nil {
            throw APIError.invalid([FieldError(field: "status", message: "must be one of " + FeedbackStatus.allCases.map(\.rawValue).joined(separator: ", "))])
        }
        let reports = try await feedback.queue(
            status: status, province: try request.queryProvince(divisions: divisions), by: principal, caller: context.caller, beforeID: page.cursorID,
            limit: page.limit + 1
        )
        return Page(fetched: reports, limit: page.limit, id: \.id) { FeedbackItem($0, forModerator: true) }
    }

    @Sendable func review(_ request: Request, context: AppRequestContext) async throws -> FeedbackItem {
        let principal = try context.authorize(FeedbackService.moderators)
        let body = try await request.decodeJSON(as: Review.self, context: context)
        let reviewed = try await feedback.review(try context.pathID(of: "Report"), decision: body.decision, note: body.note ?? "", by: principal, caller: context.caller)
        return FeedbackItem(reviewed, forModerator: true)
    }

    @Sendable func answer(_ request: Request, context: AppRequestContext) async throws -> FeedbackItem {
        let principal = try context.authorize([.facilityManager])
        let body = try await request.decodeJSON(as: Answer.self, context: context)
        return FeedbackItem(try await feedback.answer(try context.pathID(of: "Report"), text: body.text, by: principal), forModerator: false)
    }

    @Sendable func photo(_ request: Request, context: AppRequestContext) async throws -> Response {
        let photo = try await feedback.photo(try context.pathID(of: "Report"), for: context.identity)
        return Response(
            status: .ok, headers: [.contentType: photo.format.rawValue, .cacheControl: "private, max-age=300"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: photo.data))
        )
    }
}
