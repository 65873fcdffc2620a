import CommunicationReporting
import CovizoneCore
import Foundation
import Hummingbird

/// `GET /api/v1/reporting/forms` → `[{id, version, elements: [{id, name: {vi, en}, type}]}]`: the
/// forms units report on (public, like the questionnaires), with their channels and title.
struct ReportingFormsController: Sendable {
    let forms: [ReportingForm]

    struct FormItem: Encodable, Sendable {
        struct Element: Encodable, Sendable {
            var id: String
            var name: LocalizedText
            var type: String
        }

        var id: String
        var version: Int
        var title: LocalizedText
        var channels: [ReportingForm.Channel]
        var elements: [Element]
    }

    func addRoutes(to group: RouterGroup<AppRequestContext>) {
        group.get("reporting/forms") { _, _ -> Response in
            let items = forms.map { form in
                FormItem(
                    id: form.id, version: form.version, title: form.title, channels: form.channels,
                    elements: form.elements.map { FormItem.Element(id: $0.id, name: $0.name, type: $0.type) }
                )
            }
            // A JSON array at the top, as the contract writes it.
            return Response(
                status: .ok, headers: [.contentType: "application/json; charset=utf-8", .cacheControl: "public, max-age=300"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: try JSONEncoder().encode(items)))
            )
        }
    }
}
