import CovizoneCore
import ExposureNotification
import ExposureNotificationExport
import Foundation

/// How the simulated phones and health authority reach a Covizone server: plain HTTP requests.
public protocol HTTPTransport: Sendable {
    /// Sends `body` (JSON) to `path`; returns the status and body of the answer.
    func send(_ method: String, _ path: String, body: Data?, bearer: String?) async throws -> (status: Int, body: Data)
}

/// A request that did not get the expected answer.
public struct SimulationFailure: Error, CustomStringConvertible {
    public var description: String
}

/// The calls an exposure notification app and a health authority make, over ``HTTPTransport``.
public struct DeviceAPIClient: Sendable {
    let transport: any HTTPTransport
    let healthAuthorityID: String

    public init(transport: any HTTPTransport, healthAuthorityID: String = "vn.covizone") {
        self.transport = transport
        self.healthAuthorityID = healthAuthorityID
    }

    /// Signs a health authority in and returns its API token.
    public func signIn(username: String, password: String) async throws -> String {
        let answer: [String: String] = try await call("POST", "/api/v1/auth/token", ["username": username, "password": password], expect: 201)
        guard let token = answer["token"] else { throw SimulationFailure(description: "no token in the sign-in answer") }
        return token
    }

    /// Issues an upload code as the officer with `token`; dates are `YYYY-MM-DD`.
    public func issueCode(officerToken token: String, testType: TestType, symptomDate: String?) async throws -> String {
        var body = ["testType": testType.rawValue]
        body["symptomDate"] = symptomDate
        let answer: [String: String] = try await call("POST", "/api/v1/exposure/codes", body, bearer: token, expect: 201)
        guard let code = answer["code"] else { throw SimulationFailure(description: "no code in the answer") }
        return code
    }

    /// What a phone does after the user typed `code`: verify it, get a certificate for `keys`,
    /// publish them. Returns how many keys the server stored.
    public func publish(keys: [TemporaryExposureKey], code: String) async throws -> Int {
        struct Verified: Decodable { var token: String }
        struct Certified: Decodable { var certificate: String }
        struct Published: Decodable { var insertedExposures: Int? }
        struct VerifyBody: Encodable { var code: String; var accept = ["confirmed", "likely"] }
        let verified: Verified = try await call("POST", "/api/v1/exposure/verify", VerifyBody(code: code))
        var generator = SystemRandomNumberGenerator()
        let secret = Data.random(count: 32, using: &generator)
        let hmac = ExposureKeyHMAC.authenticationCode(keys.map { ExposureKeyHMAC.Entry(key: $0) }, secret: secret)
        let certified: Certified = try await call(
            "POST", "/api/v1/exposure/certificate", ["token": verified.token, "ekeyhmac": hmac.base64EncodedString()]
        )
        let request = PublishRequest(
            temporaryExposureKeys: keys.map {
                PublishRequest.Key(
                    key: $0.keyData.base64EncodedString(), rollingStartNumber: Int64($0.rollingStartIntervalNumber.rawValue),
                    rollingPeriod: Int64($0.rollingPeriod)
                )
            },
            healthAuthorityID: healthAuthorityID, verificationPayload: certified.certificate, hmacKey: secret.base64EncodedString()
        )
        let published: Published = try await call("POST", "/api/v1/exposure/publish", request)
        return published.insertedExposures ?? 0
    }

    /// The risk configuration phones score their exposure windows with.
    public func riskConfiguration() async throws -> RiskConfiguration {
        try await call("GET", "/api/v1/exposure/risk-configuration", nil as [String: String]?)
    }

    /// Every export file of `region`, each checked against the server's published signing keys.
    public func downloadExports(region: String) async throws -> [ExposureKeyExport] {
        struct Keys: Decodable {
            struct Key: Decodable { var keyID: String; var keyVersion: String; var publicKey: String }
            var keys: [Key]
        }
        let listed: Keys = try await call("GET", "/api/v1/exposure/signing-keys", nil as [String: String]?)
        let verificationKeys = try listed.keys.map { try ExportVerificationKey(keyID: $0.keyID, keyVersion: $0.keyVersion, encoded: $0.publicKey) }
        let index = try await fetch("/exposure/v1/\(region)/index.txt")
        var exports: [ExposureKeyExport] = []
        for line in String(decoding: index, as: UTF8.self).split(separator: "\n") {
            let zip = try await fetch("/exposure/v1/\(line)")
            exports.append(try ExportArchive(zip: zip).verifiedExport(with: verificationKeys))
        }
        return exports
    }

    /// How many export files the server lists for `region`.
    public func exportFileCount(region: String) async throws -> Int {
        String(decoding: try await fetch("/exposure/v1/\(region)/index.txt"), as: UTF8.self).split(separator: "\n").count
    }

    private func fetch(_ path: String) async throws -> Data {
        let answer = try await transport.send("GET", path, body: nil, bearer: nil)
        guard answer.status == 200 else { throw SimulationFailure(description: "GET \(path) answered \(answer.status)") }
        return answer.body
    }

    private func call<Body: Encodable, Answer: Decodable>(
        _ method: String, _ path: String, _ body: Body?, bearer: String? = nil, expect: Int = 200
    ) async throws -> Answer {
        let answer = try await transport.send(method, path, body: try body.map { try JSONEncoder().encode($0) }, bearer: bearer)
        guard answer.status == expect else {
            throw SimulationFailure(description: "\(method) \(path) answered \(answer.status): \(String(decoding: answer.body.prefix(300), as: UTF8.self))")
        }
        return try JSONDecoder().decode(Answer.self, from: answer.body)
    }
}
