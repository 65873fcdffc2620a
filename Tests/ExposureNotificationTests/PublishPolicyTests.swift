import ExposureNotification
import Foundation
import Testing

@Suite("Publish validation and derivation")
struct PublishPolicyTests {
    /// 2027-01-15 08:00 UTC.
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let secret = Data(repeating: 42, count: 32)
    let policy = PublishPolicy()

    var today: ENIntervalNumber { ENIntervalNumber(date: now).dayStart }

    /// Keys of the last `days` days, the last one being today's (still valid).
    func keys(days: Int) -> [PublishRequest.Key] {
        (0..<days).map { offset in
            PublishRequest.Key(
                key: Data((0..<16).map { UInt8(truncatingIfNeeded: $0 * 7 + offset) }).base64EncodedString(),
                rollingStartNumber: Int64(today.rawValue) - Int64(144 * (days - 1 - offset)), rollingPeriod: 144
            )
        }
    }

    /// A request for `keys` and claims whose HMAC covers exactly them.
    func upload(_ keys: [PublishRequest.Key], type: TestType = .confirmed, onset: UInt32? = nil, testDate: UInt32? = nil)
        -> (PublishRequest, VerificationClaims)
    {
        let entries = keys.compactMap { key -> ExposureKeyHMAC.Entry? in
            guard let data = Data(base64Encoded: key.key),
                let tek = try? TemporaryExposureKey(
                    keyData: data, rollingStartIntervalNumber: ENIntervalNumber(rawValue: UInt32(clamping: key.rollingStartNumber)),
                    rollingPeriod: UInt32(clamping: max(1, min(144, key.rollingPeriod)))
                )
            else { return nil }
            return ExposureKeyHMAC.Entry(key: tek, transmissionRisk: Int(key.transmissionRisk ?? 0))
        }
        let claims = VerificationClaims(
            issuer: "i", audience: "a", issuedAt: 0, notBefore: 0, expiresAt: 0, certificateID: "c", reportType: type,
            symptomOnsetInterval: onset, testDateInterval: testDate,
            keysHMAC: ExposureKeyHMAC.authenticationCode(entries, secret: secret).base64EncodedString()
        )
        let request = PublishRequest(
            temporaryExposureKeys: keys, healthAuthorityID: "vn", verificationPayload: "jwt", hmacKey: secret.base64EncodedString()
        )
        return (request, claims)
    }

    func rejection(_ request: PublishRequest, _ claims: VerificationClaims) -> PublishRejection? {
        do {
            _ = try policy.accept(request, claims: claims, now: now)
            return nil
        } catch {
            return error
        }
    }

    @Test("fourteen days of keys are accepted; today's key is embargoed until it stops rolling")
    func accepted() throws {
        let (request, claims) = upload(keys(days: 14))
        let upload = try policy.accept(request, claims: claims, now: now)
        #expect(upload.keys.count == 14)
        #expect(upload.keys.filter { $0.embargoedUntil != nil }.map(\.diagnosisKey.key.rollingStartIntervalNumber) == [today])
        #expect(upload.keys.last?.embargoedUntil == today.advanced(by: 144).date)
        #expect(upload.keys.allSatisfy { $0.diagnosisKey.reportType == .confirmedTest && $0.diagnosisKey.transmissionRiskLevel == 2 })
    }

    @Test("transmission risk comes from the report type unless the phone sent one")
    func transmissionRisk() throws {
        var sent = keys(days: 2)
        sent[0].transmissionRisk = 7
        let (request, claims) = upload(sent, type: .likely)
        let accepted = try policy.accept(request, claims: claims, now: now).keys
        #expect(accepted.map(\.diagnosisKey.transmissionRiskLevel) == [7, 4])
        #expect(accepted.allSatisfy { $0.diagnosisKey.reportType == .confirmedClinicalDiagnosis })
        let (negative, negativeClaims) = upload(keys(days: 1), type: .negative)
        #expect(try policy.accept(negative, claims: negativeClaims, now: now).keys.first?.diagnosisKey.transmissionRiskLevel == 6)
    }

    @Test("days since onset: from the phone's onset, else the certificate's, else the test date; dropped beyond ±14")
    func daysSinceOnset() throws {
        let onsetFiveDaysAgo = today.advanced(by: -5 * 144).rawValue
        var (request, claims) = upload(keys(days: 3), onset: onsetFiveDaysAgo)
        #expect(try policy.accept(request, claims: claims, now: now).keys.map(\.diagnosisKey.daysSinceOnsetOfSymptoms) == [3, 4, 5])
        request.symptomOnsetInterval = Int64(today.advanced(by: -1 * 144 + 30).rawValue)  // mid-day: rounded down to the day
        #expect(try policy.accept(request, claims: claims, now: now).keys.map(\.diagnosisKey.daysSinceOnsetOfSymptoms) == [-1, 0, 1])
        request.symptomOnsetInterval = Int64(today.advanced(by: 10 * 144).rawValue)  // future: ignored with a warning
        let ignored = try policy.accept(request, claims: claims, now: now)
        #expect(ignored.keys.map(\.diagnosisKey.daysSinceOnsetOfSymptoms) == [3, 4, 5])
        #expect(ignored.warnings.count == 1)

        let (byTest, testClaims) = upload(keys(days: 1), testDate: today.advanced(by: -2 * 144).rawValue)
        #expect(try policy.accept(byTest, claims: testClaims, now: now).keys.first?.diagnosisKey.daysSinceOnsetOfSymptoms == 2)
        let (plain, plainClaims) = upload(keys(days: 1))
        #expect(try policy.accept(plain, claims: plainClaims, now: now).keys.first?.diagnosisKey.daysSinceOnsetOfSymptoms == nil)

        let (late, lateClaims) = upload(keys(days: 2), onset: today.advanced(by: -15 * 144).rawValue)
        let lateUpload = try policy.accept(late, claims: lateClaims, now: now)
        #expect(lateUpload.keys.map(\.diagnosisKey.daysSinceOnsetOfSymptoms) == [14, nil])
        #expect(lateUpload.warnings.count == 1)
    }

    @Test("every rule breaks with a bad_request naming the problem")
    func rules() {
        func expectBadRequest(_ keys: [PublishRequest.Key], containing text: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let (request, claims) = upload(keys)
            let rejection = rejection(request, claims)
            #expect(rejection?.code == .badRequest, sourceLocation: sourceLocation)
            #expect(rejection?.message.contains(text) == true, "\(String(describing: rejection))", sourceLocation: sourceLocation)
        }
        expectBadRequest([], containing: "no exposure keys")
        let many = (0..<31).map { index in
            PublishRequest.Key(
                key: Data(repeating: UInt8(index), count: 16).base64EncodedString(),
                rollingStartNumber: Int64(today.rawValue) - Int64(144 * (index % 15)), rollingPeriod: 144
            )
        }
        expectBadRequest(many, containing: "at most 30")
        var key = keys(days: 2)[0]
        key.key = Data(repeating: 1, count: 15).base64EncodedString()
        expectBadRequest([key], containing: "15 bytes")
        key.key = "not base64!"
        expectBadRequest([key], containing: "not base64")
        key = keys(days: 2)[0]
        for period in [0, 145, -1] as [Int64] {
            key.rollingPeriod = period
            expectBadRequest([key], containing: "rolling period")
        }
        key = keys(days: 2)[0]
        key.rollingStartNumber = Int64(today.rawValue) - 16 * 144
        expectBadRequest([key], containing: "more than 15 days ago")
        key.rollingStartNumber = Int64(ENIntervalNumber(date: now).rawValue) + 1
        expectBadRequest([key], containing: "future")
        key = keys(days: 2)[0]
        key.transmissionRisk = 9
        expectBadRequest([key], containing: "transmission risk 9")
        let twice = keys(days: 2)[0]
        expectBadRequest([twice, twice], containing: "more than once")
        let sameStart = (0..<4).map { index in
            PublishRequest.Key(key: Data(repeating: UInt8(index), count: 16).base64EncodedString(), rollingStartNumber: Int64(today.rawValue), rollingPeriod: 36)
        }
        expectBadRequest(sameStart, containing: "at most 3")
        let (threeOK, claims) = upload(Array(sameStart.prefix(3)))
        #expect(rejection(threeOK, claims) == nil)
    }

    @Test("the keys must match the certificate's HMAC under the given secret")
    func hmac() {
        let (request, claims) = upload(keys(days: 3))
        var otherKeys = request
        otherKeys.temporaryExposureKeys.removeLast()
        #expect(rejection(otherKeys, claims)?.code == .certificateInvalid)
        var otherSecret = request
        otherSecret.hmacKey = Data(repeating: 1, count: 32).base64EncodedString()
        #expect(rejection(otherSecret, claims)?.code == .certificateInvalid)
        var changedRisk = request
        changedRisk.temporaryExposureKeys[0].transmissionRisk = 5
        #expect(rejection(changedRisk, claims)?.code == .certificateInvalid)
        var missing = request
        missing.hmacKey = nil
        #expect(rejection(missing, claims)?.code == .badRequest)
    }

    @Test("only a likely diagnosis may be revised, to confirmed or revoked")
    func revisions() {
        let allowed = ReportType.allCases.flatMap { from in ReportType.allCases.filter { from.allowsRevision(to: $0) }.map { "\(from)→\($0)" } }
        #expect(allowed == ["confirmedClinicalDiagnosis→confirmedTest", "confirmedClinicalDiagnosis→revoked"])
    }
}

@Suite("Publish plan (key revision)")
struct PublishPlanTests {
    func accepted(_ byte: UInt8, _ type: ReportType) throws -> AcceptedKey {
        AcceptedKey(
            diagnosisKey: DiagnosisKey(
                key: try TemporaryExposureKey(keyData: Data(repeating: byte, count: 16), rollingStartIntervalNumber: ENIntervalNumber(rawValue: 2_900_000)),
                reportType: type
            ),
            embargoedUntil: nil
        )
    }

    func state(_ type: ReportType, revised: Bool = false, matches: Bool = true) -> StoredKeyState {
        StoredKeyState(reportType: type, isRevised: revised, revisionTokenMatches: matches)
    }

    func rejection(_ keys: [AcceptedKey], _ stored: [Data: StoredKeyState], token: Bool = true) -> PublishRejection.Code? {
        do {
            _ = try PublishPlan(accepted: keys, stored: stored, revisionTokenGiven: token)
            return nil
        } catch {
            return error.code
        }
    }

    @Test("new keys are inserted, a likely key becomes confirmed, an unchanged key is skipped")
    func plan() throws {
        let keys = [try accepted(1, .confirmedTest), try accepted(2, .confirmedTest), try accepted(3, .confirmedTest)]
        let stored = [Data(repeating: 2, count: 16): state(.confirmedClinicalDiagnosis), Data(repeating: 3, count: 16): state(.confirmedTest)]
        let plan = try PublishPlan(accepted: keys, stored: stored, revisionTokenGiven: true)
        #expect(plan.newKeys == [keys[0]])
        #expect(plan.revisedKeys == [keys[1]])
    }

    @Test("revoking keys never published stores nothing and warns")
    func revokeUnknown() throws {
        let plan = try PublishPlan(accepted: [try accepted(1, .revoked)], stored: [:], revisionTokenGiven: false)
        #expect(plan.newKeys.isEmpty && plan.revisedKeys.isEmpty && plan.warnings.count == 1)
    }

    @Test("each refused revision has its own code")
    func refused() throws {
        let likelyAgain = [try accepted(1, .confirmedTest)]
        let key = Data(repeating: 1, count: 16)
        #expect(rejection(likelyAgain, [key: state(.confirmedClinicalDiagnosis)], token: false) == .missingRevisionToken)
        #expect(rejection(likelyAgain, [key: state(.confirmedClinicalDiagnosis, matches: false)]) == .invalidRevisionToken)
        #expect(rejection(likelyAgain, [key: state(.confirmedClinicalDiagnosis, revised: true)]) == .keyAlreadyRevised)
        #expect(rejection([try accepted(1, .confirmedClinicalDiagnosis)], [key: state(.confirmedTest)]) == .invalidReportTypeTransition)
        #expect(rejection([try accepted(1, .revoked)], [key: state(.confirmedTest)]) == .invalidReportTypeTransition)
        #expect(rejection([try accepted(1, .revoked)], [key: state(.confirmedClinicalDiagnosis)]) == nil)
    }
}
