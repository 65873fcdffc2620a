import CovizoneCore

/// When two records are one person: the same identifier (system and value, whatever the
/// system), or the same phone, name and birth date (the name compared without diacritics, case or
/// extra spaces). The keys are what the store indexes (hashed where views do not need them).
public enum PersonMatch {
    /// The keys of a person; any shared key makes two records one person.
    public static func keys(identifiers: [PersonIdentifier], name: String, birthDate: String?, phone: String?) -> Set<String> {
        var keys = Set(identifiers.map { "id|\($0.system)|\($0.value)" })
        if let phone, let birthDate, !birthDate.isEmpty {
            let folded = VietnameseText.withoutDiacritics(name).lowercased().split(whereSeparator: \.isWhitespace).joined(separator: " ")
            if !folded.isEmpty { keys.insert("person|\(phone)|\(folded)|\(birthDate)") }
        }
        return keys
    }
}
