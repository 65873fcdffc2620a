import CovizoneCore

/// Why a venue import file is refused as a whole (bad rows are reported one by one instead).
enum VenueImportError: Error, Equatable {
    case notUTF8
    case notCSV(reason: String)
    case empty
    case tooManyRows(limit: Int)
    /// The header row misses a required column or names an unknown one.
    case invalidHeader([FieldError])
    /// Imports belong to a province officer's province.
    case noProvince
}
