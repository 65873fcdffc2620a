@testable import CovizoneServer
import Testing

@Suite("Form encoding and redirects")
struct FormEncodingTests {
    @Test("fields decode like browsers send them")
    func decode() {
        #expect(FormEncoding.decode("a=1&b=x+y&c=%C4%91%26&d=&e") == ["a": "1", "b": "x y", "c": "đ&", "d": "", "e": ""])
        #expect(FormEncoding.decode("a=1&a=2") == ["a": "1"], "the first value wins")
        #expect(FormEncoding.decode("raw=a b\"#") == ["raw": "a b\"#"])
        #expect(FormEncoding.decode("bad=%zz") == nil)
        #expect(FormEncoding.decode("") == [:])
    }

    @Test("repeated names keep every value in order (check boxes, multiple selections)")
    func decodeAll() {
        #expect(FormEncoding.decodeAll("s=fever&s=cough&x=1&s=") == ["s": ["fever", "cough", ""], "x": ["1"]])
        #expect(FormEncoding.decodeAll("s=%") == nil)
    }

    @Test("only paths on this site are followed", arguments: [
        ("/", "/"), ("/admin/audit?x=1", "/admin/audit?x=1"), ("//evil.example", "/"), ("/\t/evil.example", "/"),
        ("/\\evil", "/"), ("https://evil.example", "/"), ("evil", "/"), ("/a b", "/"),
    ])
    func redirects(next: String, expected: String) {
        #expect(safeRedirectPath(next) == expected)
    }
}
