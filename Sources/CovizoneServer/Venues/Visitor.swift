import CovizoneStore
import Foundation
import VenueCheckIn

/// Who checks in, as checked input.
struct Visitor: Sendable {
    var phone: String?
    var deviceID: String?
    var personName: String?
    var idNumber: String?
    var entryMethod: EntryMethod
    /// The check-out secret of the visit the phone made earlier, sent with a re-scan to show it is theirs.
    var checkoutToken: String?

    /// What the flood limit and re-scans go by: the phone when known, else the app's device id;
    /// nil for a visitor known by an ID number alone.
    var key: String? { phone.map { "phone:\($0)" } ?? deviceID.map { "device:\($0)" } }

    /// True when this visitor made `visit`: from the same app (device id), holding its check-out
    /// secret, or through the venue's staff again (who see their venue's visits anyway). A phone
    /// number alone proves nothing, since anyone can type anyone's.
    func made(_ visit: VisitRecord) -> Bool {
        if let deviceID, visit.deviceID == deviceID { return true }
        if entryMethod == .staff, visit.entryMethod == .staff { return true }
        guard let checkoutToken else { return false }
        return SecretToken(value: checkoutToken).hash == visit.tokenHash
    }
}

extension Visitor {
    /// A visitor who scanned the poster with their own phone.
    init(_ input: SelfCheckIn) {
        self.init(phone: input.phone, deviceID: input.deviceID, entryMethod: input.entryMethod, checkoutToken: input.checkoutToken)
    }

    /// A visitor whom staff checked in at the door.
    init(_ input: StaffCheckIn) {
        self.init(phone: input.phone, personName: input.personName, idNumber: input.idNumber, entryMethod: .staff)
    }
}
