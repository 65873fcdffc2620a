import Foundation

/// The rules a key server applies to a publish request before it stores anything, and what it
/// derives from the verified diagnosis: report type, transmission risk, days since onset, and
/// the embargo of keys that are still in use on the phone.
public struct PublishPolicy: Sendable {
    public var maximumKeys = 30
    /// More keys than this with one start interval means a misbehaving client.
    public var maximumKeysWithSameStart = 3
    /// Oldest rolling start accepted.
    public var maximumKeyAge: TimeInterval = 15 * 86_400
    /// Days since onset beyond ±this are not stored with a key.
    public var maximumDaysFromOnset = 14

    public init() {}

    /// Checks `request` against the certificate's `claims` at `now` and returns the keys to store,
    /// or the first rule it breaks. The certificate's signature must have been checked already.
    public func accept(_ request: PublishRequest, claims: VerificationClaims, now: Date) throws(PublishRejection) -> AcceptedUpload {
        let count = request.temporaryExposureKeys.count
        guard count >= 1 else { throw PublishRejection(.badRequest, "no exposure keys in the request") }
        guard count <= maximumKeys else { throw PublishRejection(.badRequest, "\(count) keys; at most \(maximumKeys) may be published at once") }
        let keys = try request.temporaryExposureKeys.enumerated().map { index, key throws(PublishRejection) in
            try checkedKey(key, index: index, now: now)
        }
        try checkDistinct(keys)
        try checkHMAC(request: request, keys: keys, claims: claims)

        let reportType = claims.reportType.reportType
        var warnings: [String] = []
        let onset = onsetInterval(request: request, claims: claims, now: now, warnings: &warnings)
        let current = ENIntervalNumber(date: now)
        let accepted = keys.enumerated().map { index, entry in
            var daysSinceOnset: Int?
            if let onset {
                let days = Int((Double(Int64(entry.key.rollingStartIntervalNumber.rawValue) - Int64(onset.rawValue)) / 144).rounded())
                if abs(days) <= maximumDaysFromOnset {
                    daysSinceOnset = days
                } else {
                    warnings.append("key \(index) is \(days) days from symptom onset; stored without days since onset")
                }
            }
            let end = entry.key.rollingStartIntervalNumber.advanced(by: Int(entry.key.rollingPeriod))
            return AcceptedKey(
                diagnosisKey: DiagnosisKey(
                    key: entry.key, reportType: reportType, daysSinceOnsetOfSymptoms: daysSinceOnset,
                    transmissionRiskLevel: entry.transmissionRisk == 0 ? claims.reportType.defaultTransmissionRisk : entry.transmissionRisk
                ),
                embargoedUntil: end > current ? end.date : nil
            )
        }
        return AcceptedUpload(keys: accepted, warnings: warnings)
    }

    private func checkedKey(_ key: PublishRequest.Key, index: Int, now: Date) throws(PublishRejection) -> ExposureKeyHMAC.Entry {
        guard let data = Data(base64Encoded: key.key) else { throw PublishRejection(.badRequest, "key \(index) is not base64") }
        guard data.count == TemporaryExposureKey.length else {
            throw PublishRejection(.badRequest, "key \(index) is \(data.count) bytes; keys are exactly \(TemporaryExposureKey.length)")
        }
        guard (1...Int64(ENIntervalNumber.intervalsPerDay)).contains(key.rollingPeriod) else {
            throw PublishRejection(.badRequest, "key \(index) has rolling period \(key.rollingPeriod); it must be 1 to 144")
        }
        let oldest = Int64(ENIntervalNumber(date: now - maximumKeyAge).rawValue)
        let newest = Int64(ENIntervalNumber(date: now).rawValue)
        guard key.rollingStartNumber >= oldest else {
            throw PublishRejection(.badRequest, "key \(index) starts more than \(Int(maximumKeyAge / 86_400)) days ago")
        }
        guard key.rollingStartNumber <= newest else { throw PublishRejection(.badRequest, "key \(index) starts in the future") }
        let risk = key.transmissionRisk ?? 0
        guard (0...8).contains(risk) else {
            throw PublishRejection(.badRequest, "key \(index) has transmission risk \(risk); it must be 0 to 8")
        }
        do {
            let tek = try TemporaryExposureKey(
                keyData: data, rollingStartIntervalNumber: ENIntervalNumber(rawValue: UInt32(key.rollingStartNumber)),
                rollingPeriod: UInt32(key.rollingPeriod)
            )
            return ExposureKeyHMAC.Entry(key: tek, transmissionRisk: Int(risk))
        } catch {
            throw PublishRejection(.badRequest, "key \(index): \(error)")
        }
    }

    private func checkDistinct(_ keys: [ExposureKeyHMAC.Entry]) throws(PublishRejection) {
        guard Set(keys.map(\.key.keyData)).count == keys.count else {
            throw PublishRejection(.badRequest, "the same key appears more than once")
        }
        let starts = Dictionary(grouping: keys, by: \.key.rollingStartIntervalNumber)
        if let crowded = starts.first(where: { $0.value.count > maximumKeysWithSameStart }) {
            throw PublishRejection(
                .badRequest, "\(crowded.value.count) keys start at interval \(crowded.key); at most \(maximumKeysWithSameStart) may"
            )
        }
    }

    private func checkHMAC(request: PublishRequest, keys: [ExposureKeyHMAC.Entry], claims: VerificationClaims) throws(PublishRejection) {
        guard let secretText = request.hmacKey, let secret = Data(base64Encoded: secretText), !secret.isEmpty else {
            throw PublishRejection(.badRequest, "hmacKey must be the base64 secret used for the certificate")
        }
        guard let expected = Data(base64Encoded: claims.keysHMAC), ExposureKeyHMAC.isValid(expected, for: keys, secret: secret) else {
            throw PublishRejection(.certificateInvalid, "the keys do not match the HMAC in the verification certificate")
        }
    }

    /// The onset day: the one the person gave on the phone if it is plausible, else the health
    /// authority's symptom date, else the test date.
    private func onsetInterval(request: PublishRequest, claims: VerificationClaims, now: Date, warnings: inout [String]) -> ENIntervalNumber? {
        if let given = request.symptomOnsetInterval {
            let oldest = Int64(ENIntervalNumber(date: now - TimeInterval(maximumDaysFromOnset) * 86_400).dayStart.rawValue)
            if (oldest...Int64(ENIntervalNumber(date: now).rawValue)).contains(given) {
                return ENIntervalNumber(rawValue: UInt32(given)).dayStart
            }
            warnings.append("symptomOnsetInterval \(given) is not within the last \(maximumDaysFromOnset) days; ignored")
        }
        return (claims.symptomOnsetInterval ?? claims.testDateInterval).map { ENIntervalNumber(rawValue: $0).dayStart }
    }
}

/// Keys that passed ``PublishPolicy`` and what the server must know to store them.
public struct AcceptedUpload: Sendable {
    public var keys: [AcceptedKey]
    /// Things the server changed or ignored, for the app developer.
    public var warnings: [String]
}

/// A key ready to store.
public struct AcceptedKey: Sendable, Equatable {
    public var diagnosisKey: DiagnosisKey
    /// A key still in use on the phone may not be exported before it stops rolling (GAEN embargo).
    public var embargoedUntil: Date?

    public init(diagnosisKey: DiagnosisKey, embargoedUntil: Date?) {
        self.diagnosisKey = diagnosisKey
        self.embargoedUntil = embargoedUntil
    }
}

extension TestType {
    /// The v1 transmission risk of a key uploaded without one, as the GAEN key server fills it in.
    public var defaultTransmissionRisk: Int {
        switch self {
        case .confirmed: 2
        case .likely: 4
        case .negative: 6
        }
    }
}

extension ReportType {
    /// Whether a key published with this report type may later be published again as `newType`:
    /// only a likely (clinical) diagnosis can become confirmed by a test or be revoked.
    public func allowsRevision(to newType: ReportType) -> Bool {
        self == .confirmedClinicalDiagnosis && (newType == .confirmedTest || newType == .revoked)
    }
}
