import CovizoneCore
import Foundation

/// An Atom feed (RFC 4287) of announcements, for news sites, official accounts and apps to relay:
/// the feed's id, title, author, update time and self link, and each entry's id, title, update
/// time, text content, link and tags.
public struct AtomFeed: Sendable {
    public struct Entry: Sendable {
        /// A permanent IRI (the announcement's page).
        public var id: String
        public var title: String
        public var updated: Date
        public var published: Date
        /// Plain text.
        public var content: String
        /// The page that shows the entry.
        public var link: String
        public var categories: [String]

        public init(id: String, title: String, updated: Date, published: Date, content: String, link: String, categories: [String]) {
            self.id = id
            self.title = title
            self.updated = updated
            self.published = published
            self.content = content
            self.link = link
            self.categories = categories
        }
    }

    public var id: String
    public var title: String
    public var subtitle: String
    /// Where the feed itself is read.
    public var selfLink: String
    /// The page that shows the same announcements.
    public var alternateLink: String
    public var author: String
    /// `vi` or `en`.
    public var language: String
    /// Newest first.
    public var entries: [Entry]
    /// When nothing is in the feed: the time the feed last changed otherwise.
    public var emptyUpdated: Date

    public init(
        id: String, title: String, subtitle: String, selfLink: String, alternateLink: String, author: String, language: String, entries: [Entry],
        emptyUpdated: Date
    ) {
        self.id = id
        self.title = title
        self.subtitle = subtitle
        self.selfLink = selfLink
        self.alternateLink = alternateLink
        self.author = author
        self.language = language
        self.entries = entries
        self.emptyUpdated = emptyUpdated
    }

    /// The feed as `application/atom+xml`.
    public var xml: String {
        let updated = entries.map(\.updated).max() ?? emptyUpdated
        var lines = [
            #"<?xml version="1.0" encoding="utf-8"?>"#,
            #"<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="\#(XMLText.escaped(language))">"#,
            "  <id>\(XMLText.escaped(id))</id>",
            "  <title>\(XMLText.escaped(title))</title>",
            "  <subtitle>\(XMLText.escaped(subtitle))</subtitle>",
            "  <updated>\(Self.timestamp(updated))</updated>",
            #"  <link rel="self" type="application/atom+xml" href="\#(XMLText.escaped(selfLink))"/>"#,
            #"  <link rel="alternate" type="text/html" href="\#(XMLText.escaped(alternateLink))"/>"#,
            "  <author><name>\(XMLText.escaped(author))</name></author>",
        ]
        for entry in entries {
            lines.append("  <entry>")
            lines.append("    <id>\(XMLText.escaped(entry.id))</id>")
            lines.append("    <title>\(XMLText.escaped(entry.title))</title>")
            lines.append("    <updated>\(Self.timestamp(entry.updated))</updated>")
            lines.append("    <published>\(Self.timestamp(entry.published))</published>")
            lines.append(#"    <link rel="alternate" type="text/html" href="\#(XMLText.escaped(entry.link))"/>"#)
            for category in entry.categories { lines.append(#"    <category term="\#(XMLText.escaped(category))"/>"#) }
            lines.append(#"    <content type="text">\#(XMLText.escaped(entry.content))</content>"#)
            lines.append("  </entry>")
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// RFC 3339 in UTC, to the second.
    static func timestamp(_ date: Date) -> String {
        Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)).formatted(.iso8601)
    }
}
