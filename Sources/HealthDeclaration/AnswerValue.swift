/// One answer as JSON carries it: a string (text, date `YYYY-MM-DD`, choice, country, phone,
/// e-mail), a list of strings (multi-choice, several countries), a boolean (yes/no), or a place
/// in Vietnam (`{"province": "01", "ward": "00070"}`).
public enum AnswerValue: Codable, Sendable, Equatable, Hashable {
    case text(String)
    case list([String])
    case flag(Bool)
    case place(province: String, ward: String)

    private enum PlaceKeys: String, CodingKey {
        case province, ward
    }

    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        if let flag = try? single.decode(Bool.self) {
            self = .flag(flag)
        } else if let text = try? single.decode(String.self) {
            self = .text(text)
        } else if let list = try? single.decode([String].self) {
            self = .list(list)
        } else if let place = try? decoder.container(keyedBy: PlaceKeys.self) {
            self = .place(province: try place.decode(String.self, forKey: .province), ward: try place.decode(String.self, forKey: .ward))
        } else {
            throw DecodingError.dataCorruptedError(
                in: single, debugDescription: "an answer is a string, a list of strings, true or false, or {province, ward}"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .text(let text):
            var single = encoder.singleValueContainer()
            try single.encode(text)
        case .list(let list):
            var single = encoder.singleValueContainer()
            try single.encode(list)
        case .flag(let flag):
            var single = encoder.singleValueContainer()
            try single.encode(flag)
        case .place(let province, let ward):
            var place = encoder.container(keyedBy: PlaceKeys.self)
            try place.encode(province, forKey: .province)
            try place.encode(ward, forKey: .ward)
        }
    }

    /// The strings this answer holds (a text, or a list), for conditions that look for values.
    var strings: [String] {
        switch self {
        case .text(let text): [text]
        case .list(let list): list
        case .flag, .place: []
        }
    }
}
