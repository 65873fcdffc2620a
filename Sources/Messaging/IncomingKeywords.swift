import CovizoneCore
import Foundation

/// The keywords that start a text from a phone and what each asks for: stopping campaigns
/// (`STOP`, `HUY`, `TU CHOI`), a question for official information (`HOI …`) or a tip for the
/// misinformation desk (`TINGIA …`). Read in any case, with or without diacritics or extra
/// spaces; the words are settings (`optout=STOP|HUY|TU CHOI,question=HOI,tip=TINGIA`).
public struct IncomingKeywords: Sendable, Equatable {
    /// What a text asks for, with what follows its keyword as written.
    public enum Command: Sendable, Equatable {
        case optOut
        case question(String)
        case tip(String)
        /// No keyword starts the text.
        case unknown
    }

    public var optOut: [String]
    public var question: [String]
    public var tip: [String]

    public init(optOut: [String] = ["STOP", "HUY", "TU CHOI"], question: [String] = ["HOI"], tip: [String] = ["TINGIA"]) {
        self.optOut = optOut
        self.question = question
        self.tip = tip
    }

    /// Reads `optout=STOP|HUY,question=HOI,tip=TINGIA` (any of them; the others keep their
    /// defaults); nil when a part is not `KIND=WORDS`, a keyword has no letters, or two kinds share one.
    public static func parse(_ text: String) -> IncomingKeywords? {
        var keywords = IncomingKeywords()
        for part in text.split(separator: ",") {
            let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard pair.count == 2 else { return nil }
            let words = pair[1].split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard !words.isEmpty, words.allSatisfy({ !Self.words(of: $0).isEmpty }) else { return nil }
            switch pair[0] {
            case "optout": keywords.optOut = words
            case "question": keywords.question = words
            case "tip": keywords.tip = words
            default: return nil
            }
        }
        let all = [keywords.optOut, keywords.question, keywords.tip].flatMap { $0.map(Self.words) }
        return Set(all).count == all.count ? keywords : nil
    }

    /// What `text` asks for; the longest keyword wins when one starts another.
    public func route(_ text: String) -> Command {
        let spans = Self.wordSpans(of: text)
        let words = spans.map { Self.words(of: String(text[$0])).first ?? "" }
        let kinds: [([String], (String) -> Command)] = [(optOut, { _ in .optOut }), (question, Command.question), (tip, Command.tip)]
        var best: (length: Int, command: Command)?
        for (keywords, command) in kinds {
            for keyword in keywords.map(Self.words) where words.starts(with: keyword) && keyword.count > (best?.length ?? 0) {
                let rest = keyword.count < spans.count ? String(text[spans[keyword.count].lowerBound...]) : ""
                best = (keyword.count, command(rest.trimmingCharacters(in: .whitespacesAndNewlines)))
            }
        }
        return best?.command ?? .unknown
    }

    /// The words of `text` in capitals without diacritics.
    static func words(of text: String) -> [String] {
        VietnameseText.withoutDiacritics(text).uppercased().split { !($0.isLetter || $0.isNumber) }.map(String.init)
    }

    /// Where each word of `text` is.
    static func wordSpans(of text: String) -> [Range<String.Index>] {
        var spans: [Range<String.Index>] = []
        var start: String.Index?
        for index in text.indices {
            let isWord = text[index].isLetter || text[index].isNumber
            if isWord, start == nil { start = index }
            if !isWord, let begun = start {
                spans.append(begun..<index)
                start = nil
            }
        }
        if let start { spans.append(start..<text.endIndex) }
        return spans
    }
}
