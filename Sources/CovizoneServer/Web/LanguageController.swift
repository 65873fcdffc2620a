import Hummingbird

/// `GET /language/{code}?next=/path`: remembers the chosen language in a cookie and goes back.
struct LanguageController: Sendable {
    let cookies: CookieFactory

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("language/{code}", use: switchLanguage)
    }

    @Sendable func switchLanguage(_ request: Request, context: AppRequestContext) async throws -> Response {
        guard let language = Language(rawValue: try context.parameters.require("code")) else {
            throw APIError.notFound("No such language.")
        }
        let next = safeRedirectPath(request.uri.queryParameters["next"].map(String.init))
        var response = Response(status: .seeOther, headers: [.location: next])
        response.setCookie(cookies.language(language))
        return response
    }
}
