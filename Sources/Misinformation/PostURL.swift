import Foundation

/// A post's address written one way, so that the same post imported twice (or shared with a
/// tracking tag) is known as one: scheme and host in lower case, `www.` and `m.` dropped, no
/// fragment, no trailing slash, and without the parameters that only track the click
/// (`utm_*`, `fbclid`, `gclid`, `igshid`, `si`).
public enum PostURL {
    /// The written form of `text`; nil unless it is an http(s) URL with a host, at most 2,000 characters.
    public static func canonical(_ text: String) -> String? {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard trimmed.count <= 2_000, var parts = URLComponents(string: trimmed), let scheme = parts.scheme?.lowercased(),
            scheme == "http" || scheme == "https", var host = parts.host?.lowercased(), !host.isEmpty
        else { return nil }
        for prefix in ["www.", "m.", "mobile."] where host.hasPrefix(prefix) { host.removeFirst(prefix.count) }
        parts.scheme = "https"
        parts.host = host
        parts.fragment = nil
        parts.user = nil
        parts.password = nil
        if parts.port == 443 || parts.port == 80 { parts.port = nil }
        let kept = (parts.queryItems ?? []).filter { item in
            let name = item.name.lowercased()
            return !name.hasPrefix("utm_") && !["fbclid", "gclid", "igshid", "si", "ref"].contains(name)
        }
        parts.queryItems = kept.isEmpty ? nil : kept.sorted { $0.name < $1.name }
        while parts.path.count > 1 && parts.path.hasSuffix("/") { parts.path.removeLast() }
        if parts.path == "/" { parts.path = "" }
        return parts.string
    }
}
