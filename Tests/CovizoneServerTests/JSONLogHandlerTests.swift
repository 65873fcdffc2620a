import CovizoneServer
import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing

@Suite("JSON logs")
struct JSONLogHandlerTests {
    @Test("each event is one JSON line with level, message and dotted metadata keys")
    func oneLinePerEvent() throws {
        let lines = NIOLockedValueBox<[Data]>([])
        var logger = Logger(label: "covizone") { label in
            JSONLogHandler(label: label) { line in lines.withLockedValue { $0.append(line) } }
        }
        logger[metadataKey: "request.id"] = "r-42"
        logger.info("signed in", metadata: ["auth.username": "admin", "auth.roles": ["a", "b"]])
        logger.debug("below the level, dropped")
        let written = lines.withLockedValue { $0 }
        #expect(written.count == 1)
        let line = try #require(written.first)
        #expect(line.last == 0x0A)
        #expect(line.dropLast().contains(0x0A) == false, "one line")
        let object = try #require(try JSONSerialization.jsonObject(with: line) as? [String: Any])
        #expect(object["level"] as? String == "info")
        #expect(object["message"] as? String == "signed in")
        #expect(object["label"] as? String == "covizone")
        #expect(object["request.id"] as? String == "r-42")
        #expect(object["auth.username"] as? String == "admin")
        #expect(object["auth.roles"] as? [String] == ["a", "b"])
        #expect(object["time"] is String)
    }
}
