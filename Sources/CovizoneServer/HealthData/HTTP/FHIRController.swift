import CovizoneCore
import CovizoneStore
import Foundation
import HealthDataExchange
import Hummingbird

/// The FHIR R4 endpoints (`application/fhir+json`): `POST /fhir/r4` (a transaction Bundle →
/// transaction-response), `GET /fhir/r4/metadata`, `GET /fhir/r4/Patient/{id}`, `GET
/// /fhir/r4/Patient?identifier=SYSTEM|VALUE`, `GET /fhir/r4/Condition?subject=Patient/{id}`, `GET
/// /fhir/r4/Observation?subject=Patient/{id}`. Bearer tokens; every error an OperationOutcome.
struct FHIRController: Sendable {
    let exchange: HealthExchangeService
    let clock: WallClock
    static let maximumBundleBytes = 8 << 20

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.post(use: transaction)
        group.get("metadata", use: metadata)
        group.get("Patient/:id", use: patient)
        group.get("Patient", use: searchPatients)
        group.get("Condition") { request, context in try await searchRecords("Condition", request: request, context: context) }
        group.get("Observation") { request, context in try await searchRecords("Observation", request: request, context: context) }
    }

    @Sendable func transaction(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(HealthExchangeService.senders)
        if let type = request.headers[.contentType]?.lowercased(), !type.contains("json") {
            throw FHIRFailure(status: .unsupportedMediaType, outcome: .error("not-supported", "Send the Bundle as application/fhir+json."))
        }
        let body = try await request.body.collect(upTo: Self.maximumBundleBytes)
        let bundle: FHIRBundle
        do {
            bundle = try JSONDecoder().decode(FHIRBundle.self, from: Data(buffer: body))
        } catch let error as DecodingError {
            throw FHIRFailure(status: .badRequest, outcome: .error("structure", "Not a FHIR Bundle: \(Self.describe(error)).", at: "Bundle"))
        }
        return try FHIRResponse.json(try await exchange.transaction(bundle, by: principal, caller: context.caller))
    }

    @Sendable func metadata(_ request: Request, context: AppRequestContext) async throws -> Response {
        try FHIRResponse.json(FHIRCapabilityStatement.covizone(date: FHIRDateTime.instant(clock.now), version: nil))
    }

    @Sendable func patient(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(HealthExchangeService.readers)
        guard let id = context.parameters.get("id", as: Int64.self) else {
            throw FHIRFailure(status: .notFound, outcome: .error("not-found", "No such Patient.", at: "Patient"))
        }
        return try FHIRResponse.json(FHIRRecords.patient(try await exchange.patient(id, by: principal, caller: context.caller)))
    }

    @Sendable func searchPatients(_ request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(HealthExchangeService.readers)
        let token = request.uri.queryParameters["identifier"].map(String.init) ?? ""
        let parts = token.split(separator: "|", maxSplits: 1).map(String.init)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
            throw FHIRFailure(status: .badRequest, outcome: .error("invalid", "Search patients by identifier=SYSTEM|VALUE.", at: "identifier"))
        }
        var value = parts[1]
        if parts[0] == CaseVocabulary.IdentifierSystem.phone, let phone = PhoneNumber(value) { value = phone.e164 }
        let found = try await exchange.patients(identifier: PersonIdentifier(system: parts[0], value: value), by: principal, caller: context.caller)
        return try FHIRResponse.json(Self.searchSet(found.map { .patient(FHIRRecords.patient($0)) }, type: "Patient"))
    }

    func searchRecords(_ kind: String, request: Request, context: AppRequestContext) async throws -> Response {
        let principal = try context.authorize(HealthExchangeService.readers)
        let subject = request.uri.queryParameters["subject"].map(String.init) ?? ""
        guard subject.hasPrefix("Patient/"), let id = Int64(subject.dropFirst(8)) else {
            throw FHIRFailure(status: .badRequest, outcome: .error("invalid", "Search by subject=Patient/{id}.", at: "subject"))
        }
        let rows = try await exchange.records(kind, of: id, by: principal, caller: context.caller)
        let resources = try rows.map { row in
            // Filed again with the row's patient: a split moves a facility's records to a person of their own.
            try JSONDecoder().decode(FHIRAnyResource.self, from: Data(row.resource.utf8))
                .filed(id: String(row.id), subject: FHIRReference(reference: "Patient/\(row.patientID)"))
        }
        return try FHIRResponse.json(Self.searchSet(resources, type: kind))
    }

    static func searchSet(_ resources: [FHIRAnyResource], type: String) -> FHIRBundle {
        FHIRBundle(type: "searchset", total: resources.count, entry: resources.map { resource in
            .init(fullUrl: Self.id(of: resource).map { "\(type)/\($0)" }, resource: resource, search: .init(mode: "match"))
        })
    }

    static func id(of resource: FHIRAnyResource) -> String? {
        switch resource {
        case .patient(let patient): patient.id
        case .condition(let condition): condition.id
        case .observation(let observation): observation.id
        case .encounter(let encounter): encounter.id
        case .organization(let organization): organization.id
        case .location(let location): location.id
        case .operationOutcome, .other: nil
        }
    }

    static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context), .keyNotFound(_, let context), .typeMismatch(_, let context), .valueNotFound(_, let context):
            (context.codingPath.map(\.stringValue).joined(separator: ".") + " " + context.debugDescription).trimmingCharacters(in: .whitespaces)
        @unknown default: "unreadable"
        }
    }
}
