import Foundation

/// The FHIR R4 data types the exchange reads and writes (only the elements it uses; a client's
/// other elements are ignored on reading). Names and shapes are the specification's, so the JSON
/// is FHIR JSON.

/// `Identifier`: a value in a namespace (`system`), such as a CCCD number.
public struct FHIRIdentifier: Codable, Sendable, Equatable, Hashable {
    public var use: String?
    public var system: String?
    public var value: String?

    public init(system: String?, value: String?, use: String? = nil) {
        self.system = system
        self.value = value
        self.use = use
    }
}

/// `Coding`: a code in a code system.
public struct FHIRCoding: Codable, Sendable, Equatable, Hashable {
    public var system: String?
    public var code: String?
    public var display: String?

    public init(system: String?, code: String?, display: String? = nil) {
        self.system = system
        self.code = code
        self.display = display
    }
}

/// `CodeableConcept`: codings that mean the same, and text.
public struct FHIRCodeableConcept: Codable, Sendable, Equatable {
    public var coding: [FHIRCoding]?
    public var text: String?

    public init(coding: [FHIRCoding]?, text: String? = nil) {
        self.coding = coding
        self.text = text
    }

    /// Whether a coding of `system` carries one of `codes`.
    public func has(system: String, anyOf codes: Set<String>) -> Bool {
        (coding ?? []).contains { $0.system == system && codes.contains($0.code ?? "") }
    }

    /// The code of the first coding of `system`.
    public func code(in system: String) -> String? {
        (coding ?? []).first { $0.system == system }?.code
    }
}

/// `Reference`: a literal reference (`Patient/12`, `urn:uuid:…`).
public struct FHIRReference: Codable, Sendable, Equatable {
    public var reference: String?
    public var display: String?

    public init(reference: String?, display: String? = nil) {
        self.reference = reference
        self.display = display
    }
}

/// `Period`: from `start` to `end` (FHIR dateTimes, kept as written).
public struct FHIRPeriod: Codable, Sendable, Equatable {
    public var start: String?
    public var end: String?

    public init(start: String?, end: String? = nil) {
        self.start = start
        self.end = end
    }
}

/// `HumanName`.
public struct FHIRHumanName: Codable, Sendable, Equatable {
    public var use: String?
    public var text: String?
    public var family: String?
    public var given: [String]?

    public init(text: String?, family: String? = nil, given: [String]? = nil, use: String? = nil) {
        self.text = text
        self.family = family
        self.given = given
        self.use = use
    }

    /// The name as one line: `text`, else family then given names (the Vietnamese order).
    public var whole: String {
        if let text, !text.isEmpty { return text }
        return ([family].compactMap { $0 } + (given ?? [])).joined(separator: " ")
    }
}

/// `Address`: `state` holds the province's GSO code, `district` the ward's.
public struct FHIRAddress: Codable, Sendable, Equatable {
    public var use: String?
    public var text: String?
    public var line: [String]?
    public var city: String?
    public var district: String?
    public var state: String?
    public var country: String?

    public init(text: String? = nil, line: [String]? = nil, district: String? = nil, state: String?, country: String? = "VN") {
        self.text = text
        self.line = line
        self.district = district
        self.state = state
        self.country = country
    }
}

/// `ContactPoint`.
public struct FHIRContactPoint: Codable, Sendable, Equatable {
    public var system: String?
    public var value: String?
    public var use: String?

    public init(system: String?, value: String?, use: String? = nil) {
        self.system = system
        self.value = value
        self.use = use
    }
}

/// `Meta`.
public struct FHIRMeta: Codable, Sendable, Equatable {
    public var versionId: String?
    public var lastUpdated: String?

    public init(versionId: String?, lastUpdated: String?) {
        self.versionId = versionId
        self.lastUpdated = lastUpdated
    }
}
