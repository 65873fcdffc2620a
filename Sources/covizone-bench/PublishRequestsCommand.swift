import ArgumentParser
import CovizoneCore
import CovizoneServer
import ExposureNotification
import Foundation
import Logging

/// Writes publish request bodies for `scripts/bench-http`, one JSON object per line, each with 14
/// fresh keys and its own certificate signed with the store's certificate key (so each one can be
/// published once, as in production).
struct PublishRequestsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish-requests", abstract: "Write N publish bodies with valid, single-use certificates for a load test."
    )

    @Option(help: "Folder of the server's SQLite store.") var data: String
    @Option(help: "How many bodies.") var count = 50_000
    @Option(help: "File to write.") var output: String

    func run() async throws {
        var configuration = ServerConfiguration()
        configuration.dataDirectory = data
        var logger = Logger(label: "bench")
        logger.logLevel = .warning
        let database = try await openMigratedDatabase(configuration: configuration, logger: logger)
        let signer = try await ExposureKeyring(database: database, exportKeyID: configuration.exposure.exportKeyID).certificateSigningKey()
        try await database.shutdown()

        let settings = configuration.exposure
        let now = Date()
        var generator = SystemRandomNumberGenerator()
        var lines = Data()
        for index in 0..<count {
            let keys = (1...14).map { day in TemporaryExposureKey.generate(for: now - TimeInterval(day) * 86_400, using: &generator) }
            let secret = Data.random(count: 32, using: &generator)
            let hmac = ExposureKeyHMAC.authenticationCode(keys.map { ExposureKeyHMAC.Entry(key: $0) }, secret: secret)
            let claims = VerificationClaims(
                issuer: settings.certificateIssuer, audience: settings.certificateAudience, issuedAt: now.unixSeconds,
                notBefore: now.unixSeconds, expiresAt: now.unixSeconds + 3600, certificateID: "bench-\(index)-\(UUID().uuidString)",
                reportType: .confirmed, symptomOnsetInterval: nil, testDateInterval: nil, keysHMAC: hmac.base64EncodedString()
            )
            let body = PublishRequest(
                temporaryExposureKeys: keys.map {
                    PublishRequest.Key(key: $0.keyData.base64EncodedString(), rollingStartNumber: Int64($0.rollingStartIntervalNumber.rawValue), rollingPeriod: 144)
                },
                healthAuthorityID: settings.healthAuthorityID,
                verificationPayload: try VerificationCertificate.sign(claims, keyID: signer.keyID, key: signer.key),
                hmacKey: secret.base64EncodedString()
            )
            lines.append(try JSONEncoder().encode(body))
            lines.append(0x0A)
        }
        try lines.write(to: URL(fileURLWithPath: output))
        print("wrote \(count) publish bodies to \(output)")
    }
}
