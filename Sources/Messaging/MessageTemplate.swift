import CovizoneCore

/// A campaign message with variables: `Kính gửi {name}, hãy cài Bluezone tại {link}`. Names are
/// lower-case letters, digits and `_`; `{{` and `}}` write a brace itself (braces are GSM
/// extension characters, so they may appear in a message).
public struct MessageTemplate: Sendable, Equatable {
    enum Piece: Sendable, Equatable {
        case text(String)
        case variable(String)
    }

    let pieces: [Piece]

    /// Why a template or its rendering is refused.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case unknownVariable(String)
        case unclosedBrace
        case invalidName(String)
        case missingValue(String)
        case tooManyParts(parts: Int, maximum: Int)

        public var description: String {
            switch self {
            case .unknownVariable(let name): "unknown variable {\(name)}"
            case .unclosedBrace: "a { is not closed (write {{ for a brace)"
            case .invalidName(let name): "\"\(name)\" is not a variable name (lower-case letters, digits and _)"
            case .missingValue(let name): "no value for {\(name)}"
            case .tooManyParts(let parts, let maximum): "the message takes \(parts) SMS parts; at most \(maximum) are allowed"
            }
        }
    }

    /// Reads `text`, allowing only `variables`.
    public init(_ text: String, variables: Set<String>) throws(Problem) {
        var pieces: [Piece] = []
        var literal = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == "{" || character == "}", next < text.endIndex, text[next] == character {
                literal.append(character)
                index = text.index(after: next)
                continue
            }
            guard character == "{" else {
                literal.append(character)
                index = next
                continue
            }
            guard let close = text[next...].firstIndex(of: "}") else { throw .unclosedBrace }
            let name = String(text[next..<close])
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "_") }) else { throw .invalidName(name) }
            guard variables.contains(name) else { throw .unknownVariable(name) }
            if !literal.isEmpty { pieces.append(.text(literal)) }
            literal = ""
            pieces.append(.variable(name))
            index = text.index(after: close)
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        self.pieces = pieces
    }

    /// The variables the template uses, in order of first use.
    public var variables: [String] {
        var seen: Set<String> = []
        return pieces.compactMap { if case .variable(let name) = $0, seen.insert(name).inserted { name } else { nil } }
    }

    /// The message for one recipient.
    public func render(_ values: [String: String]) throws(Problem) -> String {
        var text = ""
        for piece in pieces {
            switch piece {
            case .text(let literal): text += literal
            case .variable(let name):
                guard let value = values[name] else { throw .missingValue(name) }
                text += value
            }
        }
        return text
    }

    /// The SMS for `values` (the longest values an audience holds, for an estimate), refused when
    /// it takes more than `maximumParts` parts.
    public func message(_ values: [String: String], maximumParts: Int, withoutDiacritics: Bool = false) throws(Problem) -> SMSMessage {
        let text = try render(values)
        let message = SMSMessage(withoutDiacritics ? VietnameseText.withoutDiacritics(text) : text)
        guard message.partCount <= maximumParts else { throw .tooManyParts(parts: message.partCount, maximum: maximumParts) }
        return message
    }
}
