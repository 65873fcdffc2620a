import CovizoneCore
import CovizoneStore
import Crypto
import Foundation
import VenueCheckIn

/// The rules of a check-in's input: a genuine pass of an approved venue, a plausible time, a valid
/// phone; ``CheckInWriter`` applies the rules that need the visitor's earlier visits.
struct CheckInService: Sendable {
    let environment: AppEnvironment
    var directory: VenueDirectory { VenueDirectory(environment: environment) }
    var visits: VisitRepository { VisitRepository(database: environment.database) }

    /// The approved venue a pass names, after checking the pass.
    func venue(forPass qr: String) async throws -> VenueRecord {
        let pass: VenuePass
        do {
            pass = try await environment.venuePasses.verify(qr, now: environment.clock.now)
        } catch let error as VenuePass.Failure {
            throw APIError(.unprocessableContent, error.description, errors: [FieldError(field: "qr", message: error.description)], code: error.code)
        }
        guard let venue = try await environment.approvedVenues.approvedVenue(pass.venueID) else {
            throw APIError(.notFound, "This venue is not registered or no longer approved.", code: "unknown_venue")
        }
        return venue
    }

    /// A visitor's own check-in from a scanned poster (web page or app); `checkoutToken` is the
    /// secret of the visit this phone made before, when it re-scans during its stay.
    func checkIn(qr: String, phone: String?, deviceID: String?, time: String?, checkoutToken: String? = nil) async throws -> CheckIn {
        var problems: [FieldError] = []
        let number = Self.phone(phone, problems: &problems)
        if let deviceID, !(8...128).contains(deviceID.count) || !deviceID.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }) {
            problems.append(FieldError(field: "deviceId", message: "must be 8 to 128 letters, digits, '-', '_' or '.'"))
        }
        let checkedInAt = checkInTime(time, problems: &problems)
        if let checkoutToken, !(1...128).contains(checkoutToken.count) {
            problems.append(FieldError(field: "checkoutToken", message: "must be the secret a check-in returned"))
        }
        try ValidationFailure.check(problems)
        let venue = try await venue(forPass: qr)
        let visitor = Visitor(phone: number, deviceID: deviceID, entryMethod: deviceID == nil ? "qr-web" : "qr-app", checkoutToken: checkoutToken)
        return try await record(visitor, at: venue, time: checkedInAt)
    }

    /// A check-in typed or scanned by venue staff for someone without a smartphone: their personal
    /// QR (national format or ID card), or an ID number, with a phone when they have one.
    func staffCheckIn(venue: VenueRecord, personalQR: String?, idNumber: String?, name: String?, phone: String?) async throws -> CheckIn {
        var problems: [FieldError] = []
        var identity: (number: String, name: String?)?
        var phoneText = phone
        if let personalQR, !personalQR.isEmpty {
            do {
                let person = try PersonalIdentity.parse(personalQR)
                identity = (person.documentNumber, person.fullName)
                if phoneText?.isEmpty ?? true { phoneText = person.phone }
            } catch {
                problems.append(FieldError(field: "personalQr", message: error.description))
            }
        } else if let idNumber, !idNumber.isEmpty {
            let trimmed = idNumber.filter { !$0.isWhitespace }.uppercased()
            if PersonalIdentity.isDocumentNumber(trimmed) { identity = (trimmed, nil) } else {
                problems.append(FieldError(field: "idNumber", message: "must be 9 or 12 digits, or a passport number"))
            }
        } else if phone?.isEmpty ?? true {
            problems.append(FieldError(field: "personalQr", message: "scan a personal QR code, or type an ID number or a phone number"))
        }
        let number = Self.phone(phoneText, problems: &problems)
        let typedName = name?.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        if let typedName, typedName.count > 100 { problems.append(FieldError(field: "name", message: "must be at most 100 characters")) }
        try ValidationFailure.check(problems)
        let visitor = Visitor(
            phone: number, personName: identity?.name ?? typedName.flatMap { $0.isEmpty ? nil : $0 }, idNumber: identity?.number, entryMethod: "staff"
        )
        return try await record(visitor, at: venue, time: environment.clock.now)
    }

    /// Stores the visit (or extends the visitor's open one) through the check-in queue.
    private func record(_ visitor: Visitor, at venue: VenueRecord, time: Date) async throws -> CheckIn {
        let type = VenueType(rawValue: venue.details.type) ?? .other
        let stay = TimeInterval(environment.configuration.stayMinutes(at: type) * 60)
        return try await environment.checkIns.submit(CheckInRequest(visitor: visitor, venue: venue, time: time, stay: stay))
    }

    /// The E.164 form of an optional phone, or a problem.
    private static func phone(_ text: String?, problems: inout [FieldError]) -> String? {
        guard let text, !text.isEmpty else { return nil }
        guard let number = PhoneNumber(text) else {
            problems.append(.notAVietnamesePhone("phone"))
            return nil
        }
        return number.e164
    }

    /// Now, or an offline phone's original time: never in the future, never older than visits are kept.
    private func checkInTime(_ time: String?, problems: inout [FieldError]) -> Date {
        let now = environment.clock.now
        guard let time else { return now }
        guard let parsed = InputDate.iso8601(time) else {
            problems.append(FieldError(field: "time", message: "must be an ISO 8601 date and time"))
            return now
        }
        if parsed > now + 60 { problems.append(FieldError(field: "time", message: "must not be in the future")) }
        let retention = environment.configuration.visitRetentionDays
        if parsed < now - TimeInterval(retention) * 86_400 {
            problems.append(FieldError(field: "time", message: "is older than the \(retention) days visits are kept"))
        }
        return parsed
    }
}
