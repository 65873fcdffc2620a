/// Why an upload code cannot be issued.
enum UploadCodeError: Error, Equatable {
    /// The officer issued the most codes an hour allows.
    case tooManyCodes(limit: Int)
    /// Every code drawn was live already (vanishingly rare).
    case noFreeCode
}
