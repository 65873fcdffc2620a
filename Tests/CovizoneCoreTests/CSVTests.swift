import CovizoneCore
import PropertyBased
import Testing

@Suite("CSV reading and writing")
struct CSVTests {
    @Test("quoted fields keep commas, doubled quotes and line breaks; records know their first line")
    func quoting() throws {
        let text = "\u{FEFF}name,address\r\n\"Chợ \"\"Lớn\"\"\",\"12, Hải Thượng\nLãn Ông\"\r\n\r\nplain,\"\"\n"
        let records = try CSVParser.records(in: text)
        #expect(records == [
            CSVRecord(line: 1, fields: ["name", "address"]),
            CSVRecord(line: 2, fields: ["Chợ \"Lớn\"", "12, Hải Thượng\nLãn Ông"]),
            CSVRecord(line: 5, fields: ["plain", ""]),
        ])
    }

    @Test("a file read in pieces gives the same records as read whole")
    func pieces() async throws {
        let text = "a,\"b\nc\",d\r\ne,f,\"g\"\"h\"\nlast,row"
        let whole = try CSVParser.records(in: text)
        await propertyCheck(input: Gen.int(in: 1...text.count)) { cut in
            var parser = CSVParser()
            var records = (try? parser.consume(text.prefix(cut))) ?? []
            records += (try? parser.consume(text.dropFirst(cut))) ?? []
            if let last = try? parser.finish() { records.append(last) }
            #expect(records == whole)
        }
    }

    @Test("bytes cut anywhere, even between CR and LF or before a combining mark, read as they do whole (found by the fuzzer)")
    func bytesCutAnywhere() throws {
        // A CRLF outside and inside quotes, a combining accent just after a separator and a quote.
        let text = "a,b\r\nc,\u{301}d\r\n\"q\r\nr\",\u{301}\r\nlast,\"\u{301}\""
        let expected = [
            CSVRecord(line: 1, fields: ["a", "b"]), CSVRecord(line: 2, fields: ["c", "\u{301}d"]),
            CSVRecord(line: 3, fields: ["q\r\nr", "\u{301}"]), CSVRecord(line: 5, fields: ["last", "\u{301}"]),
        ]
        let bytes = Array(text.utf8)
        for cut in 0...bytes.count {
            var decoder = StreamingUTF8Decoder()
            var parser = CSVParser()
            var records: [CSVRecord] = []
            for piece in [bytes[..<cut], bytes[cut...]] {
                let text = decoder.decode(piece)
                records += try parser.consume(try #require(text))
            }
            if let last = try parser.finish() { records.append(last) }
            #expect(records == expected, "cut at byte \(cut)")
        }
    }

    @Test("a quote that is never closed is an error naming its line; a stray quote is text")
    func malformed() throws {
        #expect(throws: CSVError.unterminatedQuote(line: 2)) { try CSVParser.records(in: "a,b\n\"open,c\nmore") }
        #expect(try CSVParser.records(in: "5\" screen,x") == [CSVRecord(line: 1, fields: ["5\" screen", "x"])])
    }

    @Test("a record past the bound is refused as it streams in, whatever its lines: memory holds one bounded record")
    func boundedRecords() throws {
        var parser = CSVParser(maximumRecordLength: 20)
        #expect(try parser.consume("0912345678,01\n0987654321,79\n").count == 2, "each line starts the count again")
        #expect(throws: CSVError.recordTooLong(line: 3, limit: 20)) { try parser.consume("\"a runaway quote\nthat goes on and on") }
        var oneLine = CSVParser(maximumRecordLength: 20)
        #expect(throws: CSVError.recordTooLong(line: 1, limit: 20)) { try oneLine.consume(String(repeating: "x", count: 21)) }
    }

    @Test("written rows read back the same, and formulas are defused but phone numbers are not")
    func roundTrip() async throws {
        #expect(CSVWriter.row(["=HYPERLINK(\"x\")", "+84912345678", "-1", "@sum", "+cmd"]) == "\"'=HYPERLINK(\"\"x\"\")\",+84912345678,-1,'@sum,'+cmd\r\n")
        await propertyCheck(input: Gen.oneOf(Gen.ascii.string(of: 0...8), Gen.always("a,\"b\"\nc")).array(of: 1...5)) { fields in
            let records = try? CSVParser.records(in: CSVWriter.row(fields))
            let expected = fields.map { field in
                guard let first = field.first, "=@\t\r".contains(first) || ("+-".contains(first) && !field.dropFirst().allSatisfy(\.isNumber)) else { return field }
                return "'" + field
            }
            if fields.allSatisfy(\.isEmpty) && fields.count == 1 {
                #expect(records == [])  // an empty line is no record
            } else {
                #expect(records?.first?.fields == expected)
            }
        }
    }
}
