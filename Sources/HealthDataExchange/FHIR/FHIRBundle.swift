import Foundation

/// A resource of a Bundle, by its `resourceType`; one the exchange does not take is kept by name.
public enum FHIRAnyResource: Codable, Sendable, Equatable {
    case patient(FHIRPatient)
    case condition(FHIRCondition)
    case observation(FHIRObservation)
    case encounter(FHIREncounter)
    case organization(FHIROrganization)
    case location(FHIRLocation)
    case operationOutcome(FHIROperationOutcome)
    case other(resourceType: String)

    private enum Keys: String, CodingKey {
        case resourceType
    }

    public init(from decoder: any Decoder) throws {
        let type = try decoder.container(keyedBy: Keys.self).decode(String.self, forKey: .resourceType)
        switch type {
        case "Patient": self = .patient(try FHIRPatient(from: decoder))
        case "Condition": self = .condition(try FHIRCondition(from: decoder))
        case "Observation": self = .observation(try FHIRObservation(from: decoder))
        case "Encounter": self = .encounter(try FHIREncounter(from: decoder))
        case "Organization": self = .organization(try FHIROrganization(from: decoder))
        case "Location": self = .location(try FHIRLocation(from: decoder))
        case "OperationOutcome": self = .operationOutcome(try FHIROperationOutcome(from: decoder))
        default: self = .other(resourceType: type)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .patient(let resource): try resource.encode(to: encoder)
        case .condition(let resource): try resource.encode(to: encoder)
        case .observation(let resource): try resource.encode(to: encoder)
        case .encounter(let resource): try resource.encode(to: encoder)
        case .organization(let resource): try resource.encode(to: encoder)
        case .location(let resource): try resource.encode(to: encoder)
        case .operationOutcome(let resource): try resource.encode(to: encoder)
        case .other(let type):
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(type, forKey: .resourceType)
        }
    }

    /// The resource as stored: with id `id` and, for a record about a patient (Condition,
    /// Observation, Encounter), that patient as `subject`.
    public func filed(id: String?, subject: FHIRReference) -> FHIRAnyResource {
        switch self {
        case .patient(var patient):
            patient.id = id
            return .patient(patient)
        case .condition(var condition):
            (condition.id, condition.subject) = (id, subject)
            return .condition(condition)
        case .observation(var observation):
            (observation.id, observation.subject) = (id, subject)
            return .observation(observation)
        case .encounter(var encounter):
            (encounter.id, encounter.subject) = (id, subject)
            return .encounter(encounter)
        case .organization(var organization):
            organization.id = id
            return .organization(organization)
        case .location(var location):
            location.id = id
            return .location(location)
        case .operationOutcome, .other:
            return self
        }
    }

    /// The resource's `resourceType`.
    public var resourceType: String {
        switch self {
        case .patient: "Patient"
        case .condition: "Condition"
        case .observation: "Observation"
        case .encounter: "Encounter"
        case .organization: "Organization"
        case .location: "Location"
        case .operationOutcome: "OperationOutcome"
        case .other(let type): type
        }
    }
}

/// `Bundle`: a transaction a client sends, its transaction-response, or a search set.
public struct FHIRBundle: Codable, Sendable, Equatable {
    public struct Entry: Codable, Sendable, Equatable {
        public struct Request: Codable, Sendable, Equatable {
            public var method: String?
            public var url: String?

            public init(method: String?, url: String?) {
                self.method = method
                self.url = url
            }
        }

        public struct Response: Codable, Sendable, Equatable {
            public var status: String
            public var location: String?
            public var etag: String?
            public var lastModified: String?

            public init(status: String, location: String? = nil, etag: String? = nil, lastModified: String? = nil) {
                self.status = status
                self.location = location
                self.etag = etag
                self.lastModified = lastModified
            }
        }

        public struct Search: Codable, Sendable, Equatable {
            public var mode: String?

            public init(mode: String?) {
                self.mode = mode
            }
        }

        public var fullUrl: String?
        public var resource: FHIRAnyResource?
        public var request: Request?
        public var response: Response?
        public var search: Search?

        public init(fullUrl: String? = nil, resource: FHIRAnyResource? = nil, request: Request? = nil, response: Response? = nil, search: Search? = nil) {
            self.fullUrl = fullUrl
            self.resource = resource
            self.request = request
            self.response = response
            self.search = search
        }
    }

    public struct Link: Codable, Sendable, Equatable {
        public var relation: String
        public var url: String
    }

    public var resourceType = "Bundle"
    public var id: String?
    /// `transaction`, `transaction-response`, `searchset`, …
    public var type: String?
    public var total: Int?
    public var link: [Link]?
    public var entry: [Entry]?

    public init(type: String, total: Int? = nil, entry: [Entry]) {
        self.type = type
        self.total = total
        self.entry = entry
    }
}

/// `OperationOutcome`: every problem of a request, each with where it is (`expression`).
public struct FHIROperationOutcome: Codable, Sendable, Equatable, Error {
    public struct Issue: Codable, Sendable, Equatable {
        /// `fatal`, `error`, `warning`, `information`.
        public var severity: String
        /// `invalid`, `structure`, `required`, `value`, `not-found`, `forbidden`, `not-supported`, `conflict`, `too-costly`, `exception`, …
        public var code: String
        public var diagnostics: String?
        public var expression: [String]?

        public init(severity: String = "error", code: String, diagnostics: String?, expression: [String]? = nil) {
            self.severity = severity
            self.code = code
            self.diagnostics = diagnostics
            self.expression = expression
        }
    }

    public var resourceType = "OperationOutcome"
    public var issue: [Issue]

    public init(issue: [Issue]) {
        self.issue = issue
    }

    /// One error.
    public static func error(_ code: String, _ diagnostics: String, at expression: String? = nil) -> FHIROperationOutcome {
        FHIROperationOutcome(issue: [Issue(code: code, diagnostics: diagnostics, expression: expression.map { [$0] })])
    }
}
