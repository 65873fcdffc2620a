/// Why a key export file could not be written or read.
public enum ExportError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The zip is unreadable, lacks `export.bin` or `export.sig`, or an entry is too large.
    case malformedArchive(String)
    /// `export.bin` does not start with the `EK Export v1` header.
    case wrongHeader
    /// The protobuf content cannot be parsed, or a key in it is invalid.
    case malformedContent(String)
    /// No signature in `export.sig` verifies with the given public keys.
    case signatureInvalid
    /// The export to write is not valid (keys out of order, too many keys, …).
    case invalidExport(String)

    public var description: String {
        switch self {
        case .malformedArchive(let reason): "the export archive is malformed: \(reason)"
        case .wrongHeader: "export.bin does not start with the \"EK Export v1\" header"
        case .malformedContent(let reason): "the export content is malformed: \(reason)"
        case .signatureInvalid: "no signature of the export verifies with the given keys"
        case .invalidExport(let reason): "cannot write the export: \(reason)"
        }
    }
}
