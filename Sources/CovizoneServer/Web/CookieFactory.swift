import Foundation
import Hummingbird

/// Cookies with the same protective attributes everywhere: HttpOnly, SameSite, Secure unless
/// the operator turned that off for a plain-HTTP network.
struct CookieFactory: Sendable {
    let secure: Bool

    func session(_ value: String, maxAge: Duration) -> Cookie {
        Cookie(name: SessionCookieAuthenticator.cookieName, value: value, maxAge: Int(maxAge.components.seconds), path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    func expiredSession() -> Cookie {
        Cookie(name: SessionCookieAuthenticator.cookieName, value: "", maxAge: 0, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }

    /// The anti-forgery cookie of a form posted before any session (double-submit: the form must
    /// carry the same value).
    func formCSRF(_ value: String, for form: PreSessionCSRF) -> Cookie {
        Cookie(name: form.cookieName, value: value, maxAge: 3600, path: form.path, secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// A household's token on the web pages: never sent with requests from other sites.
    func household(_ value: String, maxAge: TimeInterval) -> Cookie {
        Cookie(name: HouseholdPagesController.cookieName, value: value, maxAge: Int(maxAge), path: "/households", secure: secure, httpOnly: true, sameSite: .strict)
    }

    func language(_ language: Language) -> Cookie {
        Cookie(name: Language.cookieName, value: language.rawValue, maxAge: 365 * 86400, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// Anti-forgery checks for forms posted before any session: the staff login and the household
/// sign-in (whose forms also text a code). The page puts one random value in the form and in a
/// `SameSite=Strict` cookie of its path; a post is taken only when both agree, which a page of
/// another site cannot arrange. Signed-in forms carry their session's own token instead.
struct PreSessionCSRF: Sendable {
    let cookieName: String
    let path: String

    static let login = PreSessionCSRF(cookieName: "covizone_login_csrf", path: "/login")
    static let household = PreSessionCSRF(cookieName: "covizone_household_csrf", path: "/households")
    static let invitation = PreSessionCSRF(cookieName: "covizone_invitation_csrf", path: "/invitation")
    /// The form field that carries the value, on every form.
    static let fieldName = "_csrf"

    /// True when the form carries the value of its cookie.
    func matches(_ request: Request, fields: [String: String]) -> Bool {
        guard let cookie = request.cookies[cookieName]?.value, let sent = fields[Self.fieldName], !cookie.isEmpty else { return false }
        return SecretToken.constantTimeEquals(cookie, sent)
    }
}

extension AppRequestContext {
    /// Throws 403 unless the form carries the CSRF token of the signed-in session.
    func verifySessionCSRF(_ fields: [String: String]) throws {
        guard let expected = identity?.session.csrfToken, let sent = fields[PreSessionCSRF.fieldName],
            SecretToken.constantTimeEquals(expected, sent)
        else { throw APIError.forbidden("The form's anti-forgery token is missing or wrong.") }
    }
}
