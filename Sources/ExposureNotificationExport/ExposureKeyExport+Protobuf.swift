import ExposureNotification
import Foundation
import SwiftProtobuf

/// Conversion between the domain types and the generated protobuf messages.
extension ExposureKeyExport {
    /// `export.bin`: the header followed by the serialized `TemporaryExposureKeyExport`.
    public func serialized() throws -> Data {
        guard keys.count + revisedKeys.count <= Self.maximumKeys else {
            throw ExportError.invalidExport("more than \(Self.maximumKeys) keys in one file")
        }
        var message = GAENTemporaryExposureKeyExport()
        message.startTimestamp = UInt64(max(0, startTimestamp.timeIntervalSince1970))
        message.endTimestamp = UInt64(max(0, endTimestamp.timeIntervalSince1970))
        message.region = region
        message.batchNum = Int32(clamping: batchNumber)
        message.batchSize = Int32(clamping: batchSize)
        message.signatureInfos = signatureInfos.map(\.message)
        message.keys = keys.map(Self.message)
        message.revisedKeys = revisedKeys.map(Self.message)
        return Self.header + (try message.serializedData())
    }

    /// Reads `export.bin`; throws on a wrong header, unparsable protobuf or invalid keys.
    public init(serialized data: Data) throws {
        guard data.count >= Self.header.count, data.prefix(Self.header.count) == Self.header else { throw ExportError.wrongHeader }
        let message: GAENTemporaryExposureKeyExport
        do {
            message = try GAENTemporaryExposureKeyExport(serializedBytes: data.dropFirst(Self.header.count))
        } catch {
            throw ExportError.malformedContent("\(error)")
        }
        self.init(
            startTimestamp: Date(timeIntervalSince1970: TimeInterval(message.startTimestamp)),
            endTimestamp: Date(timeIntervalSince1970: TimeInterval(message.endTimestamp)),
            region: message.region,
            batchNumber: Int(message.batchNum),
            batchSize: Int(message.batchSize),
            signatureInfos: message.signatureInfos.map(ExportSignatureInfo.init(message:)),
            keys: try message.keys.map(Self.diagnosisKey),
            revisedKeys: try message.revisedKeys.map(Self.diagnosisKey)
        )
    }

    static func message(_ key: DiagnosisKey) -> GAENTemporaryExposureKey {
        var message = GAENTemporaryExposureKey()
        message.keyData = key.key.keyData
        message.transmissionRiskLevel = Int32(clamping: key.transmissionRiskLevel)
        message.rollingStartIntervalNumber = Int32(bitPattern: key.key.rollingStartIntervalNumber.rawValue)
        message.rollingPeriod = Int32(key.key.rollingPeriod)
        if key.reportType != .unknown {
            message.reportType = GAENTemporaryExposureKey.ReportType(rawValue: key.reportType.rawValue) ?? .unknown
        }
        if let days = key.daysSinceOnsetOfSymptoms {
            message.daysSinceOnsetOfSymptoms = Int32(clamping: days)
        }
        return message
    }

    static func diagnosisKey(_ message: GAENTemporaryExposureKey) throws -> DiagnosisKey {
        do {
            let key = try TemporaryExposureKey(
                keyData: message.keyData,
                rollingStartIntervalNumber: ENIntervalNumber(rawValue: UInt32(bitPattern: message.rollingStartIntervalNumber)),
                rollingPeriod: UInt32(clamping: message.rollingPeriod)
            )
            return DiagnosisKey(
                key: key,
                reportType: message.hasReportType ? ReportType(rawValue: message.reportType.rawValue) ?? .unknown : .unknown,
                daysSinceOnsetOfSymptoms: message.hasDaysSinceOnsetOfSymptoms ? Int(message.daysSinceOnsetOfSymptoms) : nil,
                transmissionRiskLevel: Int(message.transmissionRiskLevel)
            )
        } catch let error as ExposureNotificationError {
            throw ExportError.malformedContent(error.description)
        }
    }
}

extension ExportSignatureInfo {
    var message: GAENSignatureInfo {
        var message = GAENSignatureInfo()
        message.verificationKeyID = keyID
        message.verificationKeyVersion = keyVersion
        message.signatureAlgorithm = algorithm
        return message
    }

    init(message: GAENSignatureInfo) {
        self.init(keyID: message.verificationKeyID, keyVersion: message.verificationKeyVersion, algorithm: message.signatureAlgorithm)
    }
}
