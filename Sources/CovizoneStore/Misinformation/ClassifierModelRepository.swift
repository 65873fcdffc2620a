import Foundation
import Misinformation
import SQLKit

/// A trained model of the desk's classifier, one version.
public struct ClassifierModelRecord: Sendable, Equatable {
    public var id: Int64
    public var samples: Int
    public var unreliable: Int
    public var evaluation: ModelEvaluation?
    public var trainedBy: String
    public var trainedAt: Date

    static let columns = ["id", "samples", "unreliable", "evaluation", "trained_by", "trained_at"]

    init(row: any SQLRow) throws {
        id = try row.decode(column: "id", as: Int64.self)
        samples = try row.decode(column: "samples", as: Int.self)
        unreliable = try row.decode(column: "unreliable", as: Int.self)
        evaluation = try StoredJSON.value(ModelEvaluation?.self, from: try row.decode(column: "evaluation", as: String.self))
        trainedBy = try row.decode(column: "trained_by", as: String.self)
        trainedAt = try row.date("trained_at")
    }
}

/// What the classifier learns from and what it learned: the desk's decided items as labelled
/// samples, the versioned models (the bytes of the newest few kept), and the scores of items
/// still to decide.
public struct ClassifierModelRepository: Sendable {
    let database: Database
    /// How many of the newest models keep their bytes (older ones keep their figures only).
    static let modelsKept = 3

    public init(database: Database) {
        self.database = database
    }

    /// A decided item: its post and 1 when its claim was found false or misleading, 0 when true.
    public struct Labelled: Sendable {
        public var sample: PostSample
        public var label: Int
        /// Items of one claim repeat each other: cross-validation keeps them in one fold.
        public var claimID: Int64
    }

    /// The items of decided claims (false, misleading: 1; true: 0), the newest `limit`.
    public func labelled(limit: Int) async throws -> [Labelled] {
        try await database.withConnection { sql in
            try await sql.select().columns(
                SQLColumn("text", table: "mis_items"), SQLColumn("likes", table: "mis_items"), SQLColumn("comments", table: "mis_items"),
                SQLColumn("shares", table: "mis_items"), SQLColumn("status", table: "mis_claims"), SQLColumn("claim_id", table: "mis_items")
            )
            .from("mis_items").join("mis_claims", on: SQLColumn("claim_id", table: "mis_items"), .equal, SQLColumn("id", table: "mis_claims"))
            .where(SQLColumn("status", table: "mis_claims"), .in, SQLBind.group([ClaimStatus.false, .misleading, .true].map(\.rawValue)))
            .orderBy(SQLColumn("id", table: "mis_items"), SQLDirection.descending).limit(limit).all()
            .map { row in
                Labelled(
                    sample: PostSample(
                        text: try row.decode(column: "text", as: String.self), likes: try row.decode(column: "likes", as: Int.self),
                        comments: try row.decode(column: "comments", as: Int.self), shares: try row.decode(column: "shares", as: Int.self)
                    ),
                    label: try row.value("status", as: ClaimStatus.self) == .true ? 0 : 1, claimID: try row.decode(column: "claim_id", as: Int64.self)
                )
            }
        }
    }

    /// How many items decided claims hold (what ``labelled(limit:)`` would read, counted without reading it).
    public func labelledCount() async throws -> Int {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "labelled")
                .from("mis_items").join("mis_claims", on: SQLColumn("claim_id", table: "mis_items"), .equal, SQLColumn("id", table: "mis_claims"))
                .where(SQLColumn("status", table: "mis_claims"), .in, SQLBind.group([ClaimStatus.false, .misleading, .true].map(\.rawValue)))
                .first()?.decode(column: "labelled", as: Int.self) ?? 0
        }
    }

    /// Stores a model; the bytes of models older than the newest few are let go.
    public func save(_ classifier: Data, samples: Int, unreliable: Int, evaluation: ModelEvaluation?, trainedBy: String, at now: Date) async throws -> ClassifierModelRecord {
        try await database.transaction { sql in
            guard let row = try await sql.insert(into: "mis_models").columns("samples", "unreliable", "evaluation", "classifier", "trained_by", "trained_at")
                .values(
                    SQLBind(samples), SQLBind(unreliable), SQLBind(try StoredJSON.text(evaluation)), SQLBind(classifier), SQLBind(trainedBy), SQLBind(now.unixSeconds)
                )
                .returning(ClassifierModelRecord.columns.map { SQLColumn($0) }).first()
            else { throw StoreError.notFound("the new model") }
            let model = try ClassifierModelRecord(row: row)
            try await sql.update("mis_models").set("classifier", to: SQLLiteral.null).where("id", .lessThanOrEqual, model.id - Int64(Self.modelsKept)).run()
            return model
        }
    }

    /// The newest model's id (0 when none was trained).
    public func latestID() async throws -> Int64 {
        try await database.withConnection { sql in
            try await sql.select().column(SQLFunction("MAX", args: SQLColumn("id")), as: "latest").from("mis_models").first()
                .flatMap { try $0.decodeNil(column: "latest") ? nil : try $0.decode(column: "latest", as: Int64.self) } ?? 0
        }
    }

    /// The newest model and its bytes.
    public func latest() async throws -> (model: ClassifierModelRecord, classifier: Data)? {
        try await database.withConnection { sql in
            guard let row = try await sql.select().columns(ClassifierModelRecord.columns + ["classifier"]).from("mis_models")
                .where("classifier", .isNot, SQLLiteral.null).orderBy("id", .descending).limit(1).first()
            else { return nil }
            return (try ClassifierModelRecord(row: row), try row.decode(column: "classifier", as: Data.self))
        }
    }

    /// The models, newest first.
    public func list(limit: Int) async throws -> [ClassifierModelRecord] {
        try await database.withConnection { sql in
            try await sql.select().columns(ClassifierModelRecord.columns).from("mis_models").orderBy("id", .descending).limit(limit).all()
                .map(ClassifierModelRecord.init(row:))
        }
    }

    /// Items of claims still to decide, after `afterID`, oldest first.
    public func undecided(afterID: Int64, limit: Int) async throws -> [(id: Int64, sample: PostSample)] {
        try await database.withConnection { sql in
            try await sql.select().columns(
                SQLColumn("id", table: "mis_items"), SQLColumn("text", table: "mis_items"), SQLColumn("likes", table: "mis_items"),
                SQLColumn("comments", table: "mis_items"), SQLColumn("shares", table: "mis_items")
            )
            .from("mis_items").join("mis_claims", on: SQLColumn("claim_id", table: "mis_items"), .equal, SQLColumn("id", table: "mis_claims"))
            .where(SQLColumn("status", table: "mis_claims"), .in, SQLBind.group([ClaimStatus.undetermined, .inProgress].map(\.rawValue)))
            .where(SQLColumn("id", table: "mis_items"), .greaterThan, SQLBind(afterID))
            .orderBy(SQLColumn("id", table: "mis_items"), SQLDirection.ascending).limit(limit).all()
            .map { row in
                (
                    try row.decode(column: "id", as: Int64.self),
                    PostSample(
                        text: try row.decode(column: "text", as: String.self), likes: try row.decode(column: "likes", as: Int.self),
                        comments: try row.decode(column: "comments", as: Int.self), shares: try row.decode(column: "shares", as: Int.self)
                    )
                )
            }
        }
    }

    /// Writes items' new scores and sets each undecided claim's score to its items' highest.
    public func rescore(_ scores: [(id: Int64, score: Double)]) async throws {
        try await database.transaction { sql in
            for (id, score) in scores { try await sql.update("mis_items").set("score", to: score).where("id", .equal, id).run() }
            try await sql.raw(
                """
                UPDATE mis_claims SET score = (SELECT MAX(i.score) FROM mis_items i WHERE i.claim_id = mis_claims.id)
                WHERE status IN (\(bind: ClaimStatus.undetermined.rawValue), \(bind: ClaimStatus.inProgress.rawValue))
                """
            ).run()
        }
    }
}
