extension ReceiptError: HTTPProblemConvertible {
    var problem: APIError {
        switch self {
        case .unknownProvider(let name): .notFound("No HTTP provider \(name) takes callbacks here.")
        case .wrongToken: APIError(.unauthorized, "Send the provider's callback token in X-Covizone-Callback-Token.")
        case .unknownMessage(let key): .notFound("No message was sent with the key \(key).")
        }
    }
}
