import Foundation

/// Great-circle distances between points, the boxes that hold a radius, and points read from text.
extension GeoPoint {
    /// The mean Earth radius (IUGG), in kilometres.
    public static let earthRadiusKm = 6_371.0088

    /// A point with latitude in −90…90 and longitude in −180…180; nil otherwise (or not finite).
    public init?(checkingLatitude latitude: Double, longitude: Double) {
        guard latitude.isFinite, longitude.isFinite, (-90...90).contains(latitude), (-180...180).contains(longitude) else { return nil }
        self.init(longitude: longitude, latitude: latitude)
    }

    /// Reads `LAT,LON` ("21.0285,105.8542").
    public init?(_ text: String) {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let latitude = Double(parts[0]), let longitude = Double(parts[1]) else { return nil }
        self.init(checkingLatitude: latitude, longitude: longitude)
    }

    /// The great-circle distance to `other` in kilometres (haversine).
    public func distanceKm(to other: GeoPoint) -> Double {
        let φ1 = latitude * .pi / 180, φ2 = other.latitude * .pi / 180
        let Δφ = φ2 - φ1, Δλ = (other.longitude - longitude) * .pi / 180
        let h = sin(Δφ / 2) * sin(Δφ / 2) + cos(φ1) * cos(φ2) * sin(Δλ / 2) * sin(Δλ / 2)
        return 2 * Self.earthRadiusKm * asin(min(1, sqrt(h)))
    }

    /// The latitudes and longitudes that hold every point within `radiusKm` (longitudes widen
    /// towards the poles; near a pole or across ±180° the box takes every longitude).
    public func box(radiusKm: Double) -> (latitudes: ClosedRange<Double>, longitudes: ClosedRange<Double>) {
        let Δlatitude = radiusKm / Self.earthRadiusKm * 180 / .pi
        let latitudes = max(-90, latitude - Δlatitude)...min(90, latitude + Δlatitude)
        let widest = max(abs(latitudes.lowerBound), abs(latitudes.upperBound))
        guard widest < 89 else { return (latitudes, -180...180) }
        let Δlongitude = Δlatitude / cos(widest * .pi / 180)
        guard longitude - Δlongitude >= -180, longitude + Δlongitude <= 180 else { return (latitudes, -180...180) }
        return (latitudes, (longitude - Δlongitude)...(longitude + Δlongitude))
    }
}
