/// Why an outbreak cannot be shown.
enum OutbreakError: Error, Equatable {
    /// No such outbreak in the account's province (the two answer alike).
    case notFound(outbreakID: Int64?)
}
