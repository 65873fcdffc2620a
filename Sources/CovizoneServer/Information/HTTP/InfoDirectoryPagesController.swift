import CovizoneCore
import CovizoneStore
import Foundation
import HTTPTypes
import Hummingbird
import OfficialInformation

/// The officers' pages for announcements and the facility directory, and a facility's own page:
/// `GET/POST /info/manage/announcements`, `POST /info/manage/announcements/{id}/withdraw`, `GET
/// /info/manage/facilities` with `POST /info/manage/facilities/import` (CSV), and `GET/POST
/// /info/manage/facility` (a `health-facility` account's hours, phone and free beds). Every form is CSRF-protected.
struct InfoDirectoryPagesController: Sendable {
    let information: InformationDomain
    let divisions: AdministrativeDivisions
    let renderer: PageRenderer
    let clock: WallClock

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("info/manage/announcements") { request, context in
            // An announcement started from another page (a debunked claim's verdict) comes written in.
            let query = request.formQuery
            let prefilled = ["titleVi", "titleEn", "bodyVi", "bodyEn", "tags"].contains { query[$0] != nil }
                ? InfoAnnouncementsManagePage.Form(
                    titleVi: query["titleVi"] ?? "", titleEn: query["titleEn"] ?? "", bodyVi: query["bodyVi"] ?? "", bodyEn: query["bodyEn"] ?? "", tags: query["tags"] ?? ""
                ) : nil
            return try await renderAnnouncements(
                principal: try context.authorize(WritingScope.writers), form: prefilled, request: request, context: context, status: .ok
            )
        }
        group.post("info/manage/announcements", use: announce)
        group.post("info/manage/announcements/:id/withdraw", use: withdraw)
        group.get("info/manage/facilities") { request, context in
            try await renderFacilities(principal: try context.authorize(WritingScope.writers), request: request, context: context) { _ in }
        }
        group.post("info/manage/facilities/import", use: importFacilities)
        group.get("info/manage/facility") { request, context in
            try await renderOwn(principal: try context.authorize([.healthFacility]), request: request, context: context) { _ in }
        }
        group.post("info/manage/facility", use: updateOwn)
    }

    private func form(_ request: Request, context: AppRequestContext, roles: Set<Role> = WritingScope.writers, limit: Int = 64 * 1024) async throws -> (Principal, [String: String]) {
        try await request.officerForm(context: context, roles: roles, limit: limit)
    }

    private func errors(_ error: any HTTPProblemConvertible, request: Request) -> [String] {
        renderer.text(for: request).problemLines(error, labelPrefix: "info_field_")
    }

    @Sendable func announce(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, fields) = try await form(request, context: context)
        var form = InfoAnnouncementsManagePage.Form(
            titleVi: fields["titleVi"] ?? "", titleEn: fields["titleEn"] ?? "", bodyVi: fields["bodyVi"] ?? "", bodyEn: fields["bodyEn"] ?? "", tags: fields["tags"] ?? ""
        )
        let draft = AnnouncementService.Draft(
            title: BilingualText(vi: form.titleVi, en: form.titleEn), body: BilingualText(vi: form.bodyVi, en: form.bodyEn),
            provinceCode: fields["provinceCode"].flatMap { $0.isEmpty ? nil : $0 }, priority: fields["priority"],
            tags: form.tags.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init), validUntil: nil
        )
        do {
            _ = try await information.announcements.create(draft, by: principal, caller: context.caller)
            return Response(status: .seeOther, headers: [.location: "/info/manage/announcements"])
        } catch let error as any HTTPProblemConvertible where error is ValidationFailure || error is InformationError {
            form.errors = errors(error, request: request)
            return try await renderAnnouncements(principal: principal, form: form, request: request, context: context)
        }
    }

    @Sendable func withdraw(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, _) = try await form(request, context: context)
        _ = try await information.announcements.withdraw(try context.pathID(of: "Announcement"), by: principal, caller: context.caller)
        return Response(status: .seeOther, headers: [.location: "/info/manage/announcements"])
    }

    private func renderAnnouncements(
        principal: Principal, form: InfoAnnouncementsManagePage.Form?, request: Request, context: AppRequestContext, status: HTTPResponse.Status? = nil
    ) async throws -> Response {
        let text = renderer.text(for: request)
        let language = PageRenderer.language(of: request)
        let current = try await information.announcements.current(province: principal.scope.provinceCode, tag: nil, beforeID: nil, limit: 100)
        var model = form ?? InfoAnnouncementsManagePage.Form()
        model.priorityOptions = AnnouncementContent.Priority.allCases.map { PageOption(code: $0.rawValue, label: text("info_priority_\($0.rawValue)"), selected: $0 == .normal) }
        model.provinceOptions = InfoEntryForm.provinces(for: principal, selected: nil, divisions: divisions, text: text)
        let page = InfoAnnouncementsManagePage(
            items: current.map { AnnouncementsPage.item($0, language: language, divisions: divisions, text: text, now: clock.now) }, form: model
        )
        return renderer.render(
            "info-manage-announcements", titleKey: "info_announcements_heading", page: page, request: request, context: context,
            status: status ?? (form == nil ? .ok : .unprocessableContent)
        )
    }

    @Sendable func importFacilities(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, fields) = try await form(request, context: context, limit: HealthFacilityImport.maximumBytes)
        let csv = fields["csv"] ?? ""
        let text = renderer.text(for: request)
        do {
            let report = try await information.facilities.importCSV(
                csv, province: fields["provinceCode"], by: principal, dryRun: fields["dryRun"] == "on", caller: context.caller
            )
            let summary = text(report.dryRun ? "info_import_checked" : "info_import_done", ["imported": String(report.imported), "rejected": String(report.rejected)])
            return try await renderFacilities(principal: principal, request: request, context: context) { page in
                page.report = ImportReportPage(summary: summary, rows: report.errors)
                if report.rejected > 0 { page.importText = csv }
            }
        } catch let error as any HTTPProblemConvertible where error is CSVImportError || error is InformationError || error is ValidationFailure {
            return try await renderFacilities(principal: principal, request: request, context: context, status: .unprocessableContent) { page in
                page.importText = csv
                page.errors = errors(error, request: request)
            }
        }
    }

    private func renderFacilities(
        principal: Principal, request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok, prepare: (inout InfoFacilitiesManagePage) -> Void
    ) async throws -> Response {
        let text = renderer.text(for: request)
        let cursor = try PageRequest(request: request).cursorID
        let found = try await information.facilities.list(.init(provinceCode: principal.scope.provinceCode), afterID: cursor, limit: 101)
        var page = InfoFacilitiesManagePage(
            facilities: found.prefix(100).map { InfoPage.facility($0, distanceKm: nil, text: text) },
            provinceOptions: InfoEntryForm.provinces(for: principal, selected: nil, divisions: divisions, text: text).filter { !$0.code.isEmpty },
            nextLink: found.count > 100 ? found.dropLast().last.map { "/info/manage/facilities?cursor=\(PageRequest.encodeCursor($0.id))" } : nil
        )
        prepare(&page)
        return renderer.render("info-manage-facilities", titleKey: "info_facilities_heading", page: page, request: request, context: context, status: status)
    }

    @Sendable func updateOwn(_ request: Request, context: AppRequestContext) async throws -> Response {
        let (principal, fields) = try await form(request, context: context, roles: [.healthFacility])
        guard let current = try await information.facilities.facilities.facility(ofAccount: principal.user.id) else {
            return try await renderOwn(principal: principal, request: request, context: context) { _ in }
        }
        var draft = HealthFacilityService.Draft(current.details)
        draft.hours = fields["hours"] ?? ""
        draft.phone = fields["phone"] ?? ""
        let beds = fields["bedsFree"] ?? ""
        var capacity = current.details.capacity ?? [:]
        capacity["bedsFree"] = beds.isEmpty ? nil : Int(beds) ?? -1
        draft.capacity = capacity.isEmpty ? nil : capacity
        do {
            _ = try await information.facilities.update(current.id, to: draft, by: principal, caller: context.caller)
            return try await renderOwn(principal: principal, request: request, context: context) { $0.notice = renderer.text(for: request)("info_facility_saved") }
        } catch let error as any HTTPProblemConvertible where error is ValidationFailure || error is InformationError {
            return try await renderOwn(principal: principal, request: request, context: context, status: .unprocessableContent) { page in
                (page.hours, page.phone, page.bedsFree) = (draft.hours ?? "", draft.phone, beds)
                page.errors = errors(error, request: request)
            }
        }
    }

    private func renderOwn(
        principal: Principal, request: Request, context: AppRequestContext, status: HTTPResponse.Status = .ok, prepare: (inout InfoOwnFacilityPage) -> Void
    ) async throws -> Response {
        var page = InfoOwnFacilityPage()
        if let own = try await information.facilities.facilities.facility(ofAccount: principal.user.id) {
            page.facility = InfoPage.facility(own, distanceKm: nil, text: renderer.text(for: request))
            page.hours = own.details.hours
            page.phone = own.details.phone
            page.bedsFree = own.details.capacity?["bedsFree"].map(String.init) ?? ""
        }
        prepare(&page)
        return renderer.render("info-own-facility", titleKey: "info_own_facility_title", page: page, request: request, context: context, status: status)
    }
}

extension HealthFacilityService.Draft {
    /// The draft that says what `details` says (no account named: the service keeps the link).
    init(_ details: HealthFacilityDetails) {
        self.init(
            name: details.name, services: details.services.map(\.rawValue), provinceCode: details.provinceCode, wardCode: details.wardCode,
            address: details.address, latitude: details.latitude, longitude: details.longitude, phone: details.phone, hours: details.hours,
            capacity: details.capacity, accountId: nil
        )
    }
}
