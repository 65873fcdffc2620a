import Foundation

/// One advertisement a phone heard: the identifier and encrypted metadata, when, and how strong.
/// Sightings stay on the phone; only diagnosis keys travel.
public struct Sighting: Hashable, Sendable {
    public var rollingProximityIdentifier: RollingProximityIdentifier
    public var associatedEncryptedMetadata: Data
    public var time: Date
    /// Received signal strength in dBm.
    public var rssi: Int

    public init(rollingProximityIdentifier: RollingProximityIdentifier, associatedEncryptedMetadata: Data, time: Date, rssi: Int) {
        self.rollingProximityIdentifier = rollingProximityIdentifier
        self.associatedEncryptedMetadata = associatedEncryptedMetadata
        self.time = time
        self.rssi = rssi
    }
}
