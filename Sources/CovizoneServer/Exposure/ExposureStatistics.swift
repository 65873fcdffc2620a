import Foundation

/// What health authorities see of exposure notification over the last days: uploads per day
/// (hidden below ``minimumShownUploads``, so that a day's few uploads do not point at anyone),
/// upload codes issued and used per day in their province, and the recent export batches.
struct ExposureStatistics: Encodable, Sendable {
    static let minimumShownUploads = 10
    static let days = 14

    struct UploadDay: Encodable, Sendable {
        var day: String
        /// nil when fewer than ``minimumShownUploads``.
        var uploads: Int?
        var keys: Int?
    }

    struct CodesDay: Encodable, Sendable {
        var day: String
        var issued: Int
        var used: Int
    }

    struct Batch: Encodable, Sendable {
        var start: Date
        var end: Date
        var keys: Int
        var revisedKeys: Int
        var files: Int
    }

    var uploads: [UploadDay]
    var codes: [CodesDay]
    var batches: [Batch]
}
