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

    /// The anti-forgery cookie of the login form (double-submit: the form must carry the same value).
    func loginCSRF(_ value: String) -> Cookie {
        Cookie(name: LoginCSRF.cookieName, value: value, maxAge: 3600, path: "/login", secure: secure, httpOnly: true, sameSite: .strict)
    }

    /// A household's token on the web pages: never sent with requests from other sites.
    func household(_ value: String, maxAge: TimeInterval) -> Cookie {
        Cookie(name: HouseholdPagesController.cookieName, value: value, maxAge: Int(maxAge), path: "/households", secure: secure, httpOnly: true, sameSite: .strict)
    }

    func language(_ language: Language) -> Cookie {
        Cookie(name: Language.cookieName, value: language.rawValue, maxAge: 365 * 86400, path: "/", secure: secure, httpOnly: true, sameSite: .lax)
    }
}

/// Anti-forgery checks for forms. Signed-in forms carry the session's own token; the login form,
/// which has no session yet, carries a value that must equal its cookie.
enum LoginCSRF {
    static let cookieName = "covizone_login_csrf"
    static let fieldName = "_csrf"
}

extension AppRequestContext {
    /// Throws 403 unless the form carries the CSRF token of the signed-in session.
    func verifySessionCSRF(_ fields: [String: String]) throws {
        guard let expected = identity?.session.csrfToken, let sent = fields[LoginCSRF.fieldName],
            SecretToken.constantTimeEquals(expected, sent)
        else { throw APIError.forbidden("The form's anti-forgery token is missing or wrong.") }
    }
}
