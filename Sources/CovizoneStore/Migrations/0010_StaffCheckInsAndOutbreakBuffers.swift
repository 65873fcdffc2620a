import SQLKit

/// Staff-assisted check-ins keep the name and document number read from a personal QR (for
/// people without a phone); outbreaks keep the buffer they were declared with, so the tracer
/// view and late check-ins find the same exposed visits; visits get the time indexes that the
/// retention purge and the per-province dashboard read.
struct StaffCheckInsAndOutbreakBuffers: Migration {
    let version = 10
    let name = "staff check-ins, outbreak buffers, visit time indexes"

    func prepare(on sql: any SQLDatabase) async throws {
        try await sql.alter(table: "visits").column("person_name", type: .text).run()
        try await sql.alter(table: "visits").column("id_number", type: .text).run()
        try await sql.alter(table: "outbreaks").column("buffer_seconds", type: .bigint, .notNull, .default(0)).run()
        try await sql.create(index: "visits_time").on("visits").column("checked_in_at").run()
        try await sql.create(index: "visits_province_time").on("visits").column("province_code").column("checked_in_at").run()
    }
}
