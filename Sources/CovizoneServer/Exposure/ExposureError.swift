/// Why an exposure notification request is refused.
enum ExposureError: Error, Equatable {
    /// The risk configuration is national: only national accounts may change it.
    case nationalOnly
    /// The version of a new risk configuration must be greater than the current one's.
    case staleVersion(current: Int)
    case unknownRegion(String)
    case exportFileNotFound(String)
}
