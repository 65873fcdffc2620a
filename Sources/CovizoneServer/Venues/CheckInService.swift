import CovizoneCore
import CovizoneStore
import Crypto
import Foundation
import VenueCheckIn

/// The rules of a check-in: a genuine pass of an approved venue, a plausible time, a valid phone,
/// no floods; a re-scan during the stay extends the visit instead of adding one.
struct CheckInService: Sendable {
    let environment: AppEnvironment
    /// Most check-ins one phone or device may make in an hour.
    static let maximumCheckInsPerHour = 30

    var directory: VenueDirectory { VenueDirectory(environment: environment) }
    var visits: VisitRepository { VisitRepository(database: environment.database) }

    struct CheckIn: Sendable {
        var visit: VisitRecord
        var venue: VenueRecord
        /// The secret the visitor checks out with.
        var checkoutToken: String
        /// False when a re-scan extended an open visit.
        var isNew: Bool
    }

    /// The approved venue a pass names, after checking the pass.
    func venue(forPass qr: String) async throws -> VenueRecord {
        var keys: [UInt8: P256.Signing.PublicKey] = [:]
        for stored in try await directory.keyring.publicKeys() {
            if let version = UInt8(stored.keyVersion) { keys[version] = try P256.Signing.PublicKey(pemRepresentation: stored.publicKeyPEM) }
        }
        let pass: VenuePass
        do {
            pass = try VenuePass.verify(qr, keys: keys, now: environment.clock.now)
        } catch {
            throw APIError(.unprocessableContent, error.description, errors: [FieldError(field: "qr", message: error.description)], code: error.code)
        }
        guard let venue = try await directory.venues.find(id: pass.venueID), venue.status == .approved else {
            throw APIError(.notFound, "This venue is not registered or no longer approved.", code: "unknown_venue")
        }
        return venue
    }

    func checkIn(qr: String, phone: String?, deviceID: String?, time: String?) async throws -> CheckIn {
        let now = environment.clock.now
        var problems: [FieldError] = []
        let number = phone.flatMap { $0.isEmpty ? nil : $0 }.map { PhoneNumber($0) }
        if case .some(nil) = number { problems.append(FieldError(field: "phone", message: "must be a Vietnamese phone number such as 0912 345 678")) }
        if let deviceID, !(8...128).contains(deviceID.count) || !deviceID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
            problems.append(FieldError(field: "deviceId", message: "must be 8 to 128 letters, digits, '-', '_' or '.'"))
        }
        var checkedInAt = now
        if let time {
            if let parsed = try? Date(time, strategy: .iso8601) {
                checkedInAt = parsed
                if parsed > now + 60 { problems.append(FieldError(field: "time", message: "must not be in the future")) }
                if parsed < now - TimeInterval(environment.configuration.visitRetentionDays) * 86_400 {
                    problems.append(FieldError(field: "time", message: "is older than the \(environment.configuration.visitRetentionDays) days visits are kept"))
                }
            } else {
                problems.append(FieldError(field: "time", message: "must be an ISO 8601 date and time"))
            }
        }
        try ValidationFailure.check(problems)
        let venue = try await venue(forPass: qr)
        let phoneNumber = number.flatMap { $0?.e164 }
        let recent = try await visits.countRecent(phone: phoneNumber, deviceID: deviceID, since: now - 3600)
        guard recent < Self.maximumCheckInsPerHour else {
            throw APIError(.tooManyRequests, "Too many check-ins from this phone in the last hour.", headers: [.retryAfter: "3600"], code: "rate_limited")
        }
        let stay = TimeInterval((VenueType(rawValue: venue.details.type)?.defaultStayMinutes ?? 60) * 60)
        let token = SecretToken()
        if let open = try await visits.openVisit(venueID: venue.id, phone: phoneNumber, deviceID: deviceID, at: checkedInAt),
            let extended = try await visits.extend(id: open.id, until: max(open.expectedCheckOutAt, checkedInAt + stay), tokenHash: token.hash)
        {
            return CheckIn(visit: extended, venue: venue, checkoutToken: token.value, isNew: false)
        }
        let visit = try await visits.create(
            NewVisit(
                venueID: venue.id, provinceCode: venue.details.provinceCode, wardCode: venue.details.wardCode, phone: phoneNumber,
                deviceID: deviceID, entryMethod: deviceID == nil ? "qr-web" : "qr-app", checkedInAt: checkedInAt,
                expectedCheckOutAt: checkedInAt + stay, tokenHash: token.hash
            )
        )
        return CheckIn(visit: visit, venue: venue, checkoutToken: token.value, isNew: true)
    }
}
