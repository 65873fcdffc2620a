import Foundation

/// What a transaction Bundle says about cases, read and checked (``TransactionReader``): the
/// people, their COVID-19 diagnoses, lab results and stays, each with the entry it came from.
/// The same model is filled from a CSV row or a form, so the three ways in store alike.
public struct CaseSubmission: Sendable, Equatable {
    /// Where a resource points at its patient: another entry of the Bundle, or a stored patient.
    public enum Subject: Sendable, Equatable, Hashable {
        case entry(Int)
        case stored(String)
    }

    public struct Person: Sendable, Equatable {
        public var entry: Int
        /// The stored patient a `PUT Patient/{id}` updates.
        public var storedID: String?
        public var identifiers: [PersonIdentifier]
        public var details: PersonDetails
        public var deceasedAt: Date?
    }

    public struct Diagnosis: Sendable, Equatable {
        public var entry: Int
        public var subject: Subject
        public var verification: Verification
        /// `active`, `resolved`, … (nil when the client left it out).
        public var clinicalStatus: String?
        public var onset: Date?
        public var recorded: Date?
    }

    /// How sure the diagnosis is.
    public enum Verification: String, Sendable, Equatable {
        case suspected
        case confirmed
        /// Refuted or entered in error: not a case.
        case refuted
    }

    public struct LabResult: Sendable, Equatable {
        public enum Test: String, Sendable, Equatable {
            case pcr
            case rapidAntigen = "rapid-antigen"
        }

        public enum Result: String, Sendable, Equatable {
            case positive, negative, inconclusive
        }

        public var entry: Int
        public var subject: Subject
        public var test: Test
        public var loinc: String
        public var result: Result
        public var effective: Date
    }

    public struct Stay: Sendable, Equatable {
        public enum Kind: String, Sendable, Equatable {
            case admission, isolation, discharge, transfer
        }

        public var entry: Int
        public var subject: Subject
        public var kind: Kind
        public var start: Date
        public var end: Date?
    }

    public var people: [Person] = []
    public var diagnoses: [Diagnosis] = []
    public var labResults: [LabResult] = []
    public var stays: [Stay] = []

    public init() {}
}

/// An identifier of a person: system and value, compared as written (values trimmed).
public struct PersonIdentifier: Sendable, Equatable, Hashable, Codable {
    public var system: String
    public var value: String

    public init(system: String, value: String) {
        self.system = system
        self.value = value
    }
}

extension PersonIdentifier {
    /// The value as views show it: all but its last four characters hidden.
    public var maskedValue: String {
        String(repeating: "•", count: max(0, value.count - 4)) + value.suffix(4)
    }
}
