/// What a health facility in the directory offers citizens.
public enum HealthService: String, CaseIterable, Codable, Sendable {
    case testing
    case vaccination
    case treatment
    case isolation
    case pharmacy

    /// Its bit in a facility's stored set of services.
    public var bit: Int {
        switch self {
        case .testing: 1
        case .vaccination: 2
        case .treatment: 4
        case .isolation: 8
        case .pharmacy: 16
        }
    }

    /// The services of a stored set.
    public static func services(in bits: Int) -> [HealthService] {
        allCases.filter { bits & $0.bit != 0 }
    }

    /// The stored set of `services`.
    public static func bits(of services: [HealthService]) -> Int {
        services.reduce(0) { $0 | $1.bit }
    }
}
