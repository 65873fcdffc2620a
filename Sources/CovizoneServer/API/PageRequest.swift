import CovizoneCore
import Foundation
import Hummingbird

/// `limit` and `cursor` query parameters of a paginated list.
struct PageRequest: Sendable {
    static let defaultLimit = 50
    static let maximumLimit = 200

    var limit: Int
    /// The id the cursor points at: lists continue after (or before) it.
    var cursorID: Int64?

    init(limit: Int = PageRequest.defaultLimit, cursorID: Int64? = nil) {
        self.limit = limit
        self.cursorID = cursorID
    }

    /// Reads and checks the parameters of `request`.
    init(request: Request) throws {
        var errors: [FieldError] = []
        let query = request.uri.queryParameters
        limit = Self.defaultLimit
        if let text = query["limit"] {
            if let value = Int(text), (1...Self.maximumLimit).contains(value) {
                limit = value
            } else {
                errors.append(FieldError(field: "limit", message: "must be a whole number from 1 to \(Self.maximumLimit)"))
            }
        }
        cursorID = nil
        if let text = query["cursor"] {
            if let id = Self.decodeCursor(String(text)) {
                cursorID = id
            } else {
                errors.append(FieldError(field: "cursor", message: "is not a cursor returned by this list"))
            }
        }
        if !errors.isEmpty { throw APIError.invalid(errors) }
    }

    /// An opaque cursor for `id`.
    static func encodeCursor(_ id: Int64) -> String {
        Data("id:\(id)".utf8).base64URLEncodedString
    }

    static func decodeCursor(_ cursor: String) -> Int64? {
        guard let data = Data(base64URLEncoded: cursor), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("id:"), let id = Int64(text.dropFirst(3)), id > 0
        else { return nil }
        return id
    }
}

/// One page of a list and the cursor of the next page (`null` on the last page).
struct Page<Item: Encodable & Sendable>: ResponseEncodable, Sendable {
    var items: [Item]
    var nextCursor: String?

    /// A page of `items` read with `limit + 1` rows: the extra row only tells that more exist.
    init(fetched: [Item], limit: Int, id: (Item) -> Int64) {
        self.init(fetched: fetched, limit: limit, id: id, item: { $0 })
    }

    /// As ``init(fetched:limit:id:)`` for rows that become items: the cursor is the last row's id.
    init<Row>(fetched rows: [Row], limit: Int, id: (Row) -> Int64, item: (Row) -> Item) {
        let shown = rows.prefix(limit)
        items = shown.map(item)
        nextCursor = rows.count > limit ? shown.last.map { PageRequest.encodeCursor(id($0)) } : nil
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor)  // explicit null on the last page
    }

    private enum CodingKeys: String, CodingKey {
        case items, nextCursor
    }
}
