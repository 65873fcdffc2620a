import AsyncHTTPClient
import Foundation
import NIOCore

/// A small W3C WebDriver client for chromedriver: enough to sign in, click, read text and take
/// screenshots of real pages in a real headless Chromium.
struct WebDriver: Sendable {
    let endpoint: URL
    let sessionID: String

    /// The chromedriver binary named by `COVIZONE_TEST_CHROMEDRIVER`, if it exists.
    static var driverPath: String? {
        ProcessInfo.processInfo.environment["COVIZONE_TEST_CHROMEDRIVER"].flatMap {
            FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil
        }
    }

    /// Starts a headless Chromium session on a running chromedriver.
    static func start(endpoint: URL) async throws -> WebDriver {
        var options: [String: Any] = [
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900", "--lang=vi"]
        ]
        if let binary = ProcessInfo.processInfo.environment["COVIZONE_TEST_CHROMIUM"], !binary.isEmpty {
            options["binary"] = binary
        }
        let capabilities: [String: Any] = ["capabilities": ["alwaysMatch": ["browserName": "chrome", "goog:chromeOptions": options]]]
        let value = try await call(endpoint.appendingPathComponent("session"), method: "POST", body: capabilities)
        guard let object = value as? [String: Any], let id = object["sessionId"] as? String else {
            throw WebDriverError.unexpected("no session id in \(String(describing: value))")
        }
        return WebDriver(endpoint: endpoint, sessionID: id)
    }

    func navigate(to url: String) async throws {
        _ = try await command("url", method: "POST", body: ["url": url])
    }

    /// The element matching a CSS selector, waiting up to `timeout` seconds for it to appear
    /// (30 by default: in the full suite, two cores also build three demo worlds meanwhile).
    func element(_ selector: String, timeout: Double = 30) async throws -> String {
        let deadline = Date() + timeout
        while true {
            do {
                let value = try await command("element", method: "POST", body: ["using": "css selector", "value": selector])
                if let object = value as? [String: Any], let id = object.values.first as? String { return id }
            } catch WebDriverError.failed(let error) where error == "no such element" && Date() < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    /// Runs `action` on the element matching `selector`, found again when the page it was found
    /// on went away meanwhile (a form sent by the last click may still be loading its answer).
    private func onElement<R>(_ selector: String, _ action: (String) async throws -> R) async throws -> R {
        let deadline = Date() + 10
        while true {
            do {
                return try await action(try await element(selector))
            } catch WebDriverError.failed(let error) where error == "stale element reference" && Date() < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
        }
    }

    func type(_ text: String, into selector: String) async throws {
        try await onElement(selector) { id in _ = try await command("element/\(id)/value", method: "POST", body: ["text": text]) }
    }

    func click(_ selector: String) async throws {
        try await onElement(selector) { id in _ = try await command("element/\(id)/click", method: "POST", body: [:]) }
    }

    /// Picks an option of a `<select>` (for a multiple selection, adds it).
    func select(_ value: String, in selector: String) async throws {
        try await click("\(selector) option[value=\"\(value)\"]")
    }

    /// Sets an input's value with a script, as a date picker would (date widgets differ by locale).
    func setValue(_ value: String, of selector: String) async throws {
        try await onElement(selector) { id in
            let element = ["element-6066-11e4-a52e-4f735466cecf": id]
            _ = try await command(
                "execute/sync", method: "POST",
                body: ["script": "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change', {bubbles: true}));", "args": [element, value]]
            )
        }
    }

    /// Whether the element is shown.
    func isDisplayed(_ selector: String) async throws -> Bool {
        try await onElement(selector) { id in try await command("element/\(id)/displayed", method: "GET") as? Bool ?? false }
    }

    /// The current value of a form field.
    func value(of selector: String) async throws -> String {
        try await onElement(selector) { id in try await command("element/\(id)/property/value", method: "GET") as? String ?? "" }
    }

    func text(of selector: String) async throws -> String {
        try await onElement(selector) { id in try await command("element/\(id)/text", method: "GET") as? String ?? "" }
    }

    /// Waits until `selector`'s text is `expected` (up to 30 s: a loaded CI machine answers slowly,
    /// and speed is for the benchmarks), returning the last text seen. A wait that
    /// times out leaves a screenshot of the page and its console in the test artifacts.
    func waitForText(_ selector: String, toBe expected: String, timeout: Double = 30) async throws -> String {
        let deadline = Date() + timeout
        var last = ""
        while Date() < deadline {
            last = (try? await text(of: selector)) ?? ""
            if last == expected { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        let name = "timeout-" + selector.filter { $0.isLetter || $0.isNumber } + "-\(UUID().uuidString.prefix(6))"
        if let page = try? await screenshot() { try? BrowserTests().save(page, as: name + ".png") }
        if let html = try? await command("source", method: "GET") as? String { try? BrowserTests().save(Data(html.utf8), as: name + ".html") }
        return last
    }

    func currentURL() async throws -> String {
        try await command("url", method: "GET") as? String ?? ""
    }

    /// A PNG of the viewport.
    func screenshot() async throws -> Data {
        guard let base64 = try await command("screenshot", method: "GET") as? String, let data = Data(base64Encoded: base64) else {
            throw WebDriverError.unexpected("no screenshot")
        }
        return data
    }

    /// Resizes the browser window (for pages taller than the default window).
    func setWindowSize(width: Int, height: Int) async throws {
        _ = try await command("window/rect", method: "POST", body: ["width": width, "height": height])
    }

    /// A PNG of one element (scrolled into view), matched by a CSS selector.
    func screenshot(of selector: String) async throws -> Data {
        let element = try await element(selector)
        guard let base64 = try await command("element/\(element)/screenshot", method: "GET") as? String, let data = Data(base64Encoded: base64) else {
            throw WebDriverError.unexpected("no screenshot of \(selector)")
        }
        return data
    }

    func quit() async {
        _ = try? await Self.call(endpoint.appendingPathComponent("session/\(sessionID)"), method: "DELETE", body: nil)
    }

    private func command(_ path: String, method: String, body: [String: Any]? = nil) async throws -> Any? {
        try await Self.call(endpoint.appendingPathComponent("session/\(sessionID)/\(path)"), method: method, body: body)
    }

    private static func call(_ url: URL, method: String, body: [String: Any]?) async throws -> Any? {
        var request = HTTPClientRequest(url: url.absoluteString)
        request.method = .init(rawValue: method)
        if let body {
            request.body = .bytes(ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
            request.headers.add(name: "Content-Type", value: "application/json")
        }
        let response = try await HTTPClient.shared.execute(request, timeout: .seconds(60))
        let data = Data(buffer: try await response.body.collect(upTo: 32 << 20))
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let value = object?["value"]
        if let failure = value as? [String: Any], let error = failure["error"] as? String {
            throw WebDriverError.failed(error)
        }
        return value
    }
}

enum WebDriverError: Error {
    case failed(String)
    case unexpected(String)
}

/// A chromedriver process on a free port, stopped when the test ends.
final class ChromeDriverProcess: Sendable {
    let endpoint: URL
    private let process: Process

    /// A chromedriver answering on a port below Linux's ephemeral range (32768 and up), where
    /// the servers and SMSCs of other tests, bound to port 0, never are (and apart from the
    /// `serve` of the command-line test); another port is tried when the first is taken.
    static func start(path: String) async throws -> ChromeDriverProcess {
        for _ in 0..<5 {
            let driver = try ChromeDriverProcess(path: path, port: Int.random(in: 20_000...26_000))
            if try await driver.becameReady() { return driver }
            driver.stop()
        }
        throw WebDriverError.unexpected("chromedriver did not start")
    }

    private init(path: String, port: Int) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["--port=\(port)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        self.process = process
        self.endpoint = URL(string: "http://127.0.0.1:\(port)")!
    }

    /// Whether chromedriver answers `/status` within 10 s (false at once when it exited: its port was taken).
    private func becameReady() async throws -> Bool {
        for _ in 0..<100 where process.isRunning {
            let request = HTTPClientRequest(url: endpoint.appendingPathComponent("status").absoluteString)
            if let response = try? await HTTPClient.shared.execute(request, timeout: .seconds(1)), response.status == .ok { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return false
    }

    /// Stops chromedriver once its browsers have quit. It is killed: it inherits the test
    /// process's blocked SIGTERM, so `terminate()` left every chromedriver of a run behind.
    /// Foundation reaps the process; `waitUntilExit` is avoided because it can stall a Swift
    /// concurrency thread.
    func stop() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}
