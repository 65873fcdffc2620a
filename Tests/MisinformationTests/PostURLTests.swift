import Misinformation
import Testing

@Suite("A post's address written one way")
struct PostURLTests {
    @Test("the same post shared with tracking tags, another host spelling, a fragment or a trailing slash is one address", arguments: [
        "https://www.facebook.com/groups/123/posts/456/?fbclid=abc",
        "http://m.facebook.com/groups/123/posts/456#comments",
        "HTTPS://Facebook.com/groups/123/posts/456/?utm_source=zalo&utm_medium=share",
        "  https://facebook.com/groups/123/posts/456  ",
    ])
    func same(url: String) {
        #expect(PostURL.canonical(url) == "https://facebook.com/groups/123/posts/456")
    }

    @Test("parameters that name the post stay, in one order")
    func parameters() {
        #expect(PostURL.canonical("https://www.youtube.com/watch?v=dQw4&t=10&si=track") == "https://youtube.com/watch?t=10&v=dQw4")
        #expect(PostURL.canonical("https://youtube.com/watch?v=A") != PostURL.canonical("https://youtube.com/watch?v=B"))
    }

    @Test("what is not an http(s) address with a host is refused", arguments: ["javascript:alert(1)", "ftp://x.vn/a", "tin gia", "https://", ""])
    func refused(text: String) {
        #expect(PostURL.canonical(text) == nil)
    }
}
