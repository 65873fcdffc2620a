import CovizoneCore
import CovizoneStore
import FacilitySafety
import Foundation
import HTTPTypes
import Hummingbird

/// The managers' and officers' pages: `GET /safety/manage` (facilities with today's colour),
/// `POST /safety/manage` (register one), `POST /safety/manage/import` (an officer's CSV),
/// `GET /safety/manage/{id}` (the day's checklist), `POST /safety/manage/{id}/self-check` (the
/// self-check and commitment) and `POST /safety/manage/{id}/answers/{reportID}` (an answer to a
/// published report). Every form is CSRF-protected.
struct SafetyManagePagesController: Sendable {
    let facilities: FacilityService
    let selfChecks: SelfCheckService
    let feedback: FeedbackService
    let renderer: PageRenderer
    let clock: WallClock

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("safety/manage") { request, context in
            let principal = try context.authorize(FacilityService.viewers)
            return try await renderList(try await listPage(request: request, principal: principal, form: nil), request: request, context: context)
        }
        group.post("safety/manage", use: register)
        group.post("safety/manage/import", use: importCSV)
        group.get("safety/manage/:id") { request, context in
            let principal = try context.authorize(FacilityService.viewers)
            let facility = try await facilities.managed(try context.pathID(of: "Facility"), by: principal)
            return try await renderChecklist(facility, principal: principal, result: nil, errors: [], request: request, context: context)
        }
        group.post("safety/manage/:id/self-check", use: selfCheck)
        group.post("safety/manage/:id/answers/:reportID") { request, context in
            let principal = try context.authorize([.facilityManager])
            let fields = try await request.formFields()
            try context.verifySessionCSRF(fields)
            let id = try context.pathID(of: "Facility")
            _ = try await feedback.answer(try context.pathID("reportID", of: "Report"), text: fields["text"] ?? "", by: principal)
            return Response(status: .seeOther, headers: [.location: "/safety/manage/\(id)#reports"])
        }
    }

    @Sendable func register(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(FacilityService.registrars)
        let fields = try await request.formFields()
        try context.verifySessionCSRF(fields)
        let form = SafetyManagePage.Form(
            name: fields["name"] ?? "", type: fields["type"] ?? "", provinceCode: fields["provinceCode"] ?? "", wardCode: fields["wardCode"] ?? "",
            address: fields["address"] ?? "", latitude: fields["latitude"] ?? "", longitude: fields["longitude"] ?? "",
            contactPhone: fields["contactPhone"] ?? "", managerUsername: fields["managerUsername"] ?? ""
        )
        let registration = FacilityRegistration(
            name: form.name, type: form.type, provinceCode: form.provinceCode, wardCode: form.wardCode, address: form.address,
            latitude: Double(form.latitude), longitude: Double(form.longitude), contactPhone: form.contactPhone,
            managerUsername: form.managerUsername.isEmpty ? nil : form.managerUsername
        )
        do {
            let facility = try await facilities.register(registration, by: principal)
            return Response(status: .seeOther, headers: [.location: "/safety/manage/\(facility.id)"])
        } catch let error as any HTTPProblemConvertible where error is ValidationFailure || error is SafetyError {
            var page = try await listPage(request: request, principal: principal, form: form)
            page.errors = renderer.text(for: request).fieldErrors(error.problem.errors, labelPrefix: "facility_field_")
            if page.errors.isEmpty { page.errors = [error.problem.detail] }
            return try await renderList(page, request: request, context: context, status: .unprocessableContent)
        }
    }

    @Sendable func importCSV(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize([.provinceOfficer])
        let fields = try await request.formFields(limit: FacilityImport.maximumBytes)
        try context.verifySessionCSRF(fields)
        let dryRun = fields["dryRun"] == "on"
        let csv = fields["csv"] ?? ""
        var page = try await listPage(request: request, principal: principal, form: nil)
        do {
            let report = try await facilities.importFacilities(csv: csv, by: principal, dryRun: dryRun, caller: context.caller)
            page = try await listPage(request: request, principal: principal, form: nil)
            let summary = renderer.text(for: request)("safety_import_result", ["imported": String(report.imported), "rejected": String(report.rejected)])
            page.importReport = ImportReportPage(summary: summary, rows: report.errors)
            page.importText = dryRun || !report.errors.isEmpty ? csv : ""
            return try await renderList(page, request: request, context: context)
        } catch let error as CSVImportError {
            page.importErrors = [error.problem.detail] + error.problem.errors.map(\.description)
            page.importText = csv
            return try await renderList(page, request: request, context: context, status: .unprocessableContent)
        }
    }

    /// The checklist form: ticked items are done, the others not; the commitment box must be ticked.
    @Sendable func selfCheck(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize([.facilityManager])
        let fields = try await request.formFieldValues()
        try context.verifySessionCSRF(fields.compactMapValues(\.first))
        let facility = try await facilities.managed(try context.pathID(of: "Facility"), by: principal)
        let checklist = selfChecks.checklist(for: facility.details.type)
        let version = fields["checklistVersion"]?.first.flatMap(Int.init) ?? checklist.version
        let done = Set(fields["item"] ?? [])
        let answers = Dictionary(uniqueKeysWithValues: (selfChecks.checklists.checklist(checklist.id, version: version) ?? checklist).items.map { ($0.id, done.contains($0.id)) })
        let submission = SelfCheckService.Submission(checklistVersion: version, answers: answers, commitment: fields["commitment"]?.first == "on")
        do {
            let outcome = try await selfChecks.submit(submission, facilityID: facility.id, by: principal)
            return try await renderChecklist(outcome.facility, principal: principal, result: outcome.assessment, errors: [], request: request, context: context)
        } catch let error as SafetyError {
            let text = renderer.text(for: request)
            let problem = error.problem
            let messages = problem.errors.isEmpty ? [problem.detail] : problem.errors.map { $0.field == "commitment" ? text("safety_commitment_required") : $0.description }
            return try await renderChecklist(facility, principal: principal, result: nil, errors: messages, request: request, context: context, status: .unprocessableContent)
        }
    }

    private func listPage(request: Request, principal: Principal, form: SafetyManagePage.Form?) async throws -> SafetyManagePage {
        SafetyManagePage(
            facilities: try await facilities.list(for: principal, type: nil, status: nil, beforeID: nil, limit: 200), principal: principal, form: form,
            today: VietnamDay.number(of: clock.now), text: renderer.text(for: request), divisions: renderer.divisions
        )
    }

    private func renderList(_ page: SafetyManagePage, request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok) async throws -> Response {
        renderer.render("safety-manage", titleKey: "safety_manage_title", page: page, request: request, context: context, status: status)
    }

    private func renderChecklist(
        _ facility: FacilityRecord, principal: Principal, result: SelfCheckAssessment?, errors: [String], request: Request, context: AppRequestContext,
        status: HTTPResponse.Status = .ok
    ) async throws -> Response {
        let page = SafetySelfCheckPage(
            facility: facility, checklist: selfChecks.checklist(for: facility.details.type),
            latest: try await selfChecks.history(facilityID: facility.id, beforeID: nil, limit: 1).first, result: result, errors: errors,
            reports: try await feedback.published(facilityID: facility.id), isManager: facility.managerID == principal.user.id,
            today: VietnamDay.number(of: clock.now), text: renderer.text(for: request)
        )
        return renderer.render("safety-self-check", titleKey: "safety_self_check_title", page: page, request: request, context: context, status: status)
    }
}
