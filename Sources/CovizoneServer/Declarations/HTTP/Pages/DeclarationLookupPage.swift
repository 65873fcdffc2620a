/// The model of the officers' look-up form: the code typed, and whether it was not found.
struct DeclarationLookupPage: Sendable {
    var code: String
    var notFound: Bool
}

/// The model of an entry declaration's receipt: the code to show at the border, and its QR.
struct DeclarationReceiptPage: Sendable {
    var displayCode: String
    var qrSVG: String
}
