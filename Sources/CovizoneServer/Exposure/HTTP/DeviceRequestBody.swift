import Foundation
import Hummingbird

/// Reading a device API body: at most 64 KiB of JSON, every failure a message for the phone.
enum DeviceRequestBody {
    static let maximumSize = 64 * 1024

    enum Failure: Error {
        case tooLarge
        case unparsable(String)
    }

    static func decode<T: Decodable>(_ type: T.Type, from request: Request) async throws(Failure) -> T {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: maximumSize)
        } catch {
            throw .tooLarge
        }
        do {
            return try JSONDecoder().decode(T.self, from: Data(buffer: buffer))
        } catch let error as DecodingError {
            throw .unparsable(describe(error))
        } catch {
            throw .unparsable("the body is not valid JSON")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        let path = DecodingError.fieldPath
        return switch error {
        case .keyNotFound(let key, let context): "\(path(context.codingPath + [key])) is required"
        case .typeMismatch(_, let context) where !context.codingPath.isEmpty: "\(path(context.codingPath)) has the wrong type"
        case .valueNotFound(_, let context) where !context.codingPath.isEmpty: "\(path(context.codingPath)) must not be null"
        case .dataCorrupted(let context) where !context.codingPath.isEmpty: "\(path(context.codingPath)) has an invalid value"
        default: "the body is not a JSON object of the expected shape"
        }
    }
}
