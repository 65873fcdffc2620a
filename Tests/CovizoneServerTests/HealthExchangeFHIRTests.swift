import CovizoneCore
@testable import CovizoneServer
import CovizoneStore
import CovizoneTestSupport
import Foundation
import HealthDataExchange
import HTTPTypes
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Health data exchange: FHIR R4 transactions from hospitals, one picture, read back in scope")
struct HealthExchangeFHIRTests {
    /// The transaction Bundle the library's tests read (a confirmed case admitted in Hà Nội).
    static func confirmedCase() throws -> [String: Any] {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("HealthDataExchangeTests/Fixtures/transaction-confirmed-case.json")
        return try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
    }

    static func post(_ bundle: [String: Any], token: String, client: any TestClientProtocol) async throws -> TestResponse {
        try await client.execute(
            uri: "/fhir/r4", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "application/fhir+json"],
            body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: bundle))
        )
    }

    @Test("a hospital's case is stored and answered; a second hospital's report of the same person joins it; each reads what it may", arguments: TestEngine.available)
    func transactions(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            for (name, role, province) in [("bv-bach-mai", Role.healthFacility, "01"), ("bv-thanh-nhan", .healthFacility, "01"), ("syt-hn", .healthAuthority, "01"), ("syt-hcm", .healthAuthority, "79")] {
                try await server.addAccount(name, role: role, province: province)
            }
            func token(_ name: String) async throws -> String { try await client.token(username: name, password: "correct horse battery") }
            let first = try await Self.post(try Self.confirmedCase(), token: try await token("bv-bach-mai"), client: client)
            #expect(first.status == .ok && first.headers[.contentType] == "application/fhir+json; charset=utf-8", "\(first.text)")
            let response = try first.json()
            #expect(response["resourceType"] as? String == "Bundle" && response["type"] as? String == "transaction-response")
            let entries = try #require(response["entry"] as? [[String: Any]])
            #expect(entries.compactMap { ($0["response"] as? [String: Any])?["status"] as? String } == Array(repeating: "201 Created", count: 4))
            let location = try #require((entries.first?["response"] as? [String: Any])?["location"] as? String)
            #expect(location.hasPrefix("Patient/"))

            var second = try Self.confirmedCase()
            var secondEntries = try #require(second["entry"] as? [[String: Any]])
            var patient = try #require(secondEntries[0]["resource"] as? [String: Any])
            patient["name"] = [["text": "NGUYEN VAN AN"]]
            patient["identifier"] = [["system": CaseVocabulary.IdentifierSystem.cccd, "value": "001090012345"]]
            secondEntries[0]["resource"] = patient
            secondEntries = Array(secondEntries.prefix(2))
            second["entry"] = secondEntries
            let joined = try await Self.post(second, token: try await token("bv-thanh-nhan"), client: client).json()
            let joinedEntry = try #require((joined["entry"] as? [[String: Any]])?.first?["response"] as? [String: Any])
            #expect(joinedEntry["location"] as? String == location && joinedEntry["status"] as? String == "200 OK", "the same CCCD is the same person")

            func read(_ uri: String, as name: String) async throws -> TestResponse {
                try await client.get(uri, token: try await token(name))
            }
            let asFirst = try await read("/fhir/r4/\(location)", as: "bv-thanh-nhan").json()
            #expect(asFirst["resourceType"] as? String == "Patient" && (asFirst["identifier"] as? [[String: Any]])?.count == 2)
            #expect(try await read("/fhir/r4/\(location)", as: "syt-hn").status == .ok)
            let outside = try await read("/fhir/r4/\(location)", as: "syt-hcm")
            let outsideType = try outside.json()["resourceType"] as? String
            #expect(outside.status == .notFound && outsideType == "OperationOutcome")
            let search = try await read("/fhir/r4/Patient?identifier=\(CaseVocabulary.IdentifierSystem.cccd)%7C001090012345", as: "syt-hn").json()
            #expect(search["type"] as? String == "searchset" && search["total"] as? Int == 1)
            let conditions = try await read("/fhir/r4/Condition?subject=\(location)", as: "bv-bach-mai").json()
            let stored = try #require((conditions["entry"] as? [[String: Any]])?.compactMap { $0["resource"] as? [String: Any] })
            #expect(stored.count == 2 && stored.allSatisfy { ($0["subject"] as? [String: Any])?["reference"] as? String == location })
            let patientID = try #require(Int64(location.dropFirst(8)))
            let record = try await server.withDatabase { try await HealthExchangeRepository(database: $0).patient(id: patientID) }
            #expect(record?.status == .admitted && record?.sourceAccountIDs.count == 2, "confirmed, then admitted; both hospitals are its sources")
            let audit = try await client.get("/api/v1/audit?limit=50", token: try await client.token(username: "admin", password: server.adminPassword)).json()
            #expect((audit["items"] as? [[String: Any]])?.contains { $0["action"] as? String == "health.fhir.read" } == true)
        }
    }

    @Test("under /fhir every refusal is an OperationOutcome: bad rules, bad JSON, no token, a wrong role; metadata says what is supported")
    func refusals() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("bv-hn", role: .healthFacility, province: "01")
            try await server.addAccount("quan-an", role: .venueOwner, province: "01")
            let token = try await client.token(username: "bv-hn", password: "correct horse battery")
            var future = try Self.confirmedCase()
            var entries = try #require(future["entry"] as? [[String: Any]])
            var observation = try #require(entries[2]["resource"] as? [String: Any])
            observation["effectiveDateTime"] = "2030-01-01T00:00:00Z"
            entries[2]["resource"] = observation
            future["entry"] = entries
            let refused = try await Self.post(future, token: token, client: client)
            #expect(refused.status == .unprocessableContent)
            let outcome = try refused.json()
            #expect(outcome["resourceType"] as? String == "OperationOutcome")
            #expect((outcome["issue"] as? [[String: Any]])?.first?["expression"] as? [String] == ["Bundle.entry[2].resource.effectiveDateTime"])
            let garbage = try await client.execute(
                uri: "/fhir/r4", method: .post, headers: [.authorization: "Bearer \(token)", .contentType: "application/fhir+json"], body: ByteBuffer(string: "{\"resourceType\": 3")
            )
            let garbageType = try garbage.json()["resourceType"] as? String
            #expect(garbage.status == .badRequest && garbageType == "OperationOutcome")
            let anonymous = try await client.get("/fhir/r4/Patient/1")
            let anonymousCode = (try anonymous.json()["issue"] as? [[String: Any]])?.first?["code"] as? String
            #expect(anonymous.status == .unauthorized && anonymousCode == "login")
            let venue = try await Self.post(try Self.confirmedCase(), token: try await client.token(username: "quan-an", password: "correct horse battery"), client: client)
            let venueType = try venue.json()["resourceType"] as? String
            #expect(venue.status == .forbidden && venueType == "OperationOutcome")
            let metadata = try await client.get("/fhir/r4/metadata", token: token).json()
            #expect(metadata["resourceType"] as? String == "CapabilityStatement" && metadata["fhirVersion"] as? String == "4.0.1")
        }
    }
}

@Suite("Health data exchange: what it writes is FHIR R4 to an independent validator", .enabled(if: FHIRValidator.isAvailable, "needs fhir.resources (COVIZONE_TEST_FHIR_PYTHON; scripts/test installs it)"))
struct HealthExchangeFHIRValidationTests {
    @Test("the transaction-response, a Patient, searchsets, the CapabilityStatement and an OperationOutcome pass fhir.resources' R4 models")
    func validR4() async throws {
        try await TestServer.run { server, client in
            try await server.addAccount("bv-hn", role: .healthFacility, province: "01")
            let token = try await client.token(username: "bv-hn", password: "correct horse battery")
            let response = try await HealthExchangeFHIRTests.post(try HealthExchangeFHIRTests.confirmedCase(), token: token, client: client)
            let location = try #require(((try response.json()["entry"] as? [[String: Any]])?.first?["response"] as? [String: Any])?["location"] as? String)
            var written = [Data(buffer: response.body)]
            for uri in ["/fhir/r4/\(location)", "/fhir/r4/Condition?subject=\(location)", "/fhir/r4/Observation?subject=\(location)", "/fhir/r4/metadata",
                        "/fhir/r4/Patient?identifier=\(CaseVocabulary.IdentifierSystem.cccd)%7C001090012345", "/fhir/r4/Patient/999"] {
                written.append(Data(buffer: try await client.get(uri, token: token).body))
            }
            let verdicts = try FHIRValidator.validate(written)
            #expect(verdicts == ["ok Bundle", "ok Patient", "ok Bundle", "ok Bundle", "ok CapabilityStatement", "ok Bundle", "ok OperationOutcome"], "\(verdicts)")
            let wrong = try FHIRValidator.validate([Data(#"{"resourceType": "Patient", "birthDate": "12/04/1990", "name": "An"}"#.utf8)])
            #expect(wrong.first?.hasPrefix("invalid Patient") == true, "the validator does refuse what is not FHIR")
        }
    }
}

@Suite("Health data exchange: a clinic's cases from a spreadsheet")
struct HealthCaseImportTests {
    @Test("rows become the same picture as FHIR transactions; a person already reported joins; bad rows are reported by line and column", arguments: TestEngine.available)
    func spreadsheet(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("pk-ba-dinh", role: .healthFacility, province: "01")
            try await server.addAccount("bv-hn", role: .healthFacility, province: "01")
            let hospital = try await client.token(username: "bv-hn", password: "correct horse battery")
            #expect(try await HealthExchangeFHIRTests.post(try HealthExchangeFHIRTests.confirmedCase(), token: hospital, client: client).status == .ok)
            let clinic = try await client.token(username: "pk-ba-dinh", password: "correct horse battery")
            let csv = """
            name,identifier,birthDate,gender,phone,provinceCode,diagnosis,test,result,testedAt,isolatedAt
            Trần Thị Bình,001190054321,1985-07-02,female,0987654321,01,suspected,rapid-antigen,positive,2027-01-13T09:00:00+07:00,2027-01-13T10:00:00+07:00
            NGUYEN VAN AN,001090012345,1990-04-12,male,,01,,pcr,negative,2027-01-14,
            Lê Văn Cường,,,,,99,confirmed,pcr,positive,2030-01-01,

            """
            let imported = try await client.execute(
                uri: "/api/v1/health/cases/import", method: .post, headers: [.authorization: "Bearer \(clinic)", .contentType: "text/csv"], body: ByteBuffer(string: csv)
            )
            #expect(imported.status == .created, "\(imported.text)")
            let report = try imported.json()
            #expect(report["imported"] as? Int == 2 && report["rejected"] as? Int == 1)
            let errors = try #require(report["errors"] as? [[String: Any]])
            #expect(errors.allSatisfy { $0["line"] as? Int == 4 })
            #expect(Set(errors.compactMap { $0["field"] as? String }).isSuperset(of: ["provinceCode", "testedAt", "identifier"]))
            let ids = try #require(report["patientIds"] as? [Int])
            let found = try await client.get("/fhir/r4/Patient?identifier=\(CaseVocabulary.IdentifierSystem.cccd)%7C001090012345", token: hospital).json()
            let hospitalPatient = try #require(((found["entry"] as? [[String: Any]])?.first?["resource"] as? [String: Any])?["id"] as? String)
            #expect(ids.contains(Int(hospitalPatient) ?? -1), "the clinic's row of the same CCCD is the hospital's patient")
            let wrongType = try await client.execute(
                uri: "/api/v1/health/cases/import", method: .post, headers: [.authorization: "Bearer \(clinic)", .contentType: "application/pdf"], body: ByteBuffer(string: "x")
            )
            #expect(wrongType.status == .unsupportedMediaType)
        }
    }
}

@Suite("Health data exchange: a stored patient updated by PUT")
struct HealthExchangePatientUpdateTests {
    @Test("PUT Patient/{id} updates the patient it names; an id that names none is a 404 OperationOutcome", arguments: TestEngine.available)
    func update(engine: TestEngine) async throws {
        try await TestServer.run(engine: engine) { server, client in
            try await server.addAccount("bv-hn", role: .healthFacility, province: "01")
            let token = try await client.token(username: "bv-hn", password: "correct horse battery")
            let created = try await HealthExchangeFHIRTests.post(try HealthExchangeFHIRTests.confirmedCase(), token: token, client: client).json()
            let location = try #require(((created["entry"] as? [[String: Any]])?.first?["response"] as? [String: Any])?["location"] as? String)
            func put(_ url: String) async throws -> TestResponse {
                let patient: [String: Any] = [
                    "resourceType": "Patient", "name": [["text": "Nguyễn Văn Ân"]], "birthDate": "1990-04-12",
                    "identifier": [["system": CaseVocabulary.IdentifierSystem.cccd, "value": "001090012345"]],
                ]
                let bundle: [String: Any] = ["resourceType": "Bundle", "type": "transaction", "entry": [["resource": patient, "request": ["method": "PUT", "url": url]]]]
                return try await HealthExchangeFHIRTests.post(bundle, token: token, client: client)
            }
            let updated = try await put(location)
            #expect(updated.status == .ok)
            #expect((try await client.get("/fhir/r4/\(location)", token: token).json()["name"] as? [[String: Any]])?.first?["text"] as? String == "Nguyễn Văn Ân")
            let missing = try await put("Patient/999999")
            let missingType = try missing.json()["resourceType"] as? String
            #expect(missing.status == .notFound && missingType == "OperationOutcome")
        }
    }
}
