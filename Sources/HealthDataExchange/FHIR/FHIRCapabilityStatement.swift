/// `CapabilityStatement`: exactly what the exchange supports — the resources, their
/// interactions and search parameters, the transaction, and (in the documentation) the
/// identifier systems and codes it reads.
public struct FHIRCapabilityStatement: Codable, Sendable, Equatable {
    public struct Software: Codable, Sendable, Equatable {
        public var name: String
        public var version: String?
    }

    public struct Rest: Codable, Sendable, Equatable {
        public struct Resource: Codable, Sendable, Equatable {
            public struct Interaction: Codable, Sendable, Equatable {
                public var code: String
            }

            public struct SearchParam: Codable, Sendable, Equatable {
                public var name: String
                public var type: String
                public var documentation: String?
            }

            public var type: String
            public var interaction: [Interaction]
            public var searchParam: [SearchParam]?
        }

        public struct Interaction: Codable, Sendable, Equatable {
            public var code: String
            public var documentation: String?
        }

        public var mode = "server"
        public var documentation: String?
        public var resource: [Resource]
        public var interaction: [Interaction]
    }

    public var resourceType = "CapabilityStatement"
    public var status = "active"
    public var date: String
    public var publisher: String
    public var kind = "instance"
    public var software: Software
    public var fhirVersion = "4.0.1"
    public var format = ["application/fhir+json"]
    public var rest: [Rest]

    /// The exchange's statement, dated `date` (a FHIR dateTime).
    public static func covizone(date: String, version: String?) -> FHIRCapabilityStatement {
        let read = Rest.Resource.Interaction(code: "read")
        let search = Rest.Resource.Interaction(code: "search-type")
        let create = Rest.Resource.Interaction(code: "create")
        let update = Rest.Resource.Interaction(code: "update")
        let subject = Rest.Resource.SearchParam(name: "subject", type: "reference", documentation: "Patient/{id}")
        let systems = [
            CaseVocabulary.IdentifierSystem.cccd + " (CCCD, 12 digits)", CaseVocabulary.IdentifierSystem.passport,
            CaseVocabulary.IdentifierSystem.phone + " (E.164)", "urn:oid:… (a national identifier)",
        ]
        return FHIRCapabilityStatement(
            date: date, publisher: "Covizone", software: Software(name: "Covizone", version: version),
            rest: [
                Rest(
                    documentation: "Identifiers are matched on system and value whatever the system; documented systems: " + systems.joined(separator: ", ")
                        + ". COVID-19 is SNOMED CT 840539006 or ICD-10 U07.1; tests are LOINC (PCR: " + CaseVocabulary.pcrTests.sorted().joined(separator: ", ")
                        + "; rapid antigen: " + CaseVocabulary.antigenTests.sorted().joined(separator: ", ")
                        + "); Patient.address.state holds the province's GSO code and address.district the ward's. Results dated in the future are refused.",
                    resource: [
                        Rest.Resource(
                            type: "Patient", interaction: [read, search, create, update],
                            searchParam: [.init(name: "identifier", type: "token", documentation: "SYSTEM|VALUE")]
                        ),
                        Rest.Resource(type: "Condition", interaction: [read, search, create], searchParam: [subject]),
                        Rest.Resource(type: "Observation", interaction: [read, search, create], searchParam: [subject]),
                        Rest.Resource(type: "Encounter", interaction: [read, create], searchParam: nil),
                    ],
                    interaction: [.init(code: "transaction", documentation: "POST a transaction Bundle to the base URL.")]
                ),
            ]
        )
    }
}
