import Foundation
import SQLKit

/// Entry declarations found by the traveller's phone (a confirmed case leads its health authority
/// to them): the SHA-256 of the answers' phone, indexed, so that the store finds them without
/// holding the number again in the clear. Existing declarations get theirs here.
struct DeclarationPhoneDigests: Migration {
    let version = 29
    let name = "declaration phone digests"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.alter(table: "declarations").column("phone_digest", type: .text).run()
        try await sql.create(index: "declarations_phone_digest").on("declarations").column("phone_digest").column("id").run()
        var afterID: Int64 = 0
        while true {
            let rows = try await sql.select().columns("id", "answers").from("declarations").where("id", .greaterThan, afterID).orderBy("id").limit(1_000).all()
            guard let last = rows.last else { return }
            for row in rows {
                let digest = DeclarationRepository.phoneDigest(ofAnswers: try row.decode(column: "answers", as: String.self))
                guard let digest else { continue }
                try await sql.update("declarations").set("phone_digest", to: digest).where("id", .equal, try row.decode(column: "id", as: Int64.self)).run()
            }
            afterID = try last.decode(column: "id", as: Int64.self)
        }
    }
}
