import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Workbench

/// A workspace folder of its own for one test, removed at the end.
final class TempWorkspace: Sendable {
    let path: String
    init(copying files: [String] = []) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("stplan-workbench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        for f in files {
            try FileManager.default.copyItem(atPath: Self.root + "/" + f, toPath: path + "/" + (f as NSString).lastPathComponent)
        }
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// The package's folder.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// The stplan that the jobs run: the release build `scripts/test` makes, or the debug build beside the tests.
    static var binary: String {
        if let release = ProcessInfo.processInfo.environment["STPLAN_RELEASE_BINARY"], FileManager.default.isExecutableFile(atPath: release) {
            return release
        }
        return root + "/.build/debug/stplan"
    }

    /// A workspace with the workbench's small template as `liten.yaml`.
    static func small() throws -> TempWorkspace {
        let ws = try TempWorkspace()
        try ws.write("liten.yaml", Templates.small)
        return ws
    }

    func write(_ name: String, _ text: String) throws {
        try Data(text.utf8).write(to: URL(fileURLWithPath: path + "/" + name))
    }
    func read(_ relative: String) -> String? { try? String(contentsOfFile: path + "/" + relative, encoding: .utf8) }
    func exists(_ relative: String) -> Bool { FileManager.default.fileExists(atPath: path + "/" + relative) }
}

extension TestResponse {
    /// The body as text.
    var text: String { String(buffer: body) }
}

/// The pieces of the workbench's pages that tests look for.
enum Scrape {
    /// The CSRF token of the first form of `html`.
    static func csrf(_ html: String) -> String? { first(#"name="csrf" value="([0-9a-f]+)""#, in: html) }

    /// The first capture of `pattern` in `text`.
    static func first(_ pattern: String, in text: String) -> String? {
        guard let re = try? NSRegularExpression(pattern: pattern),
              let m = re.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)), m.numberOfRanges > 1,
              let r = Range(m.range(at: 1), in: text) else { return nil }
        return String(text[r])
    }

    /// `fields` as a form body.
    static func form(_ fields: [(String, String)]) -> ByteBuffer {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        let text = fields.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
        return ByteBuffer(string: text)
    }
}

extension TestClientProtocol {
    /// GET `uri`.
    func get(_ uri: String, headers: HTTPFields = [:]) async throws -> TestResponse {
        try await execute(uri: uri, method: .get, headers: headers)
    }

    /// POST `fields` as a form to `uri`.
    func post(_ uri: String, _ fields: [(String, String)]) async throws -> TestResponse {
        try await execute(uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: Scrape.form(fields))
    }

    /// The CSRF token, read from the workspace page as a browser would.
    func csrf() async throws -> String {
        try #require(Scrape.csrf(try await get("/").text))
    }

    /// Polls `/jobs/ID/status` until the run has ended; its last status.
    func waitForJob(_ id: Int, seconds: Double = 120) async throws -> [String: Any] {
        let end = Date().addingTimeInterval(seconds)
        while Date() < end {
            let response = try await get("/jobs/\(id)/status")
            let status = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            if let state = status["state"] as? String, ["finished", "failed", "cancelled"].contains(state) { return status }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("job \(id) did not end within \(seconds) s")
        return [:]
    }

    /// Plans `liten` for 2 s and waits for it: plan 1, for the tests that start from a plan.
    func planFirst(_ csrf: String) async throws {
        let status = try await waitForJob(try jobID(try await post("/s/liten/plan", [("csrf", csrf), ("time_limit", "2")])))
        #expect(status["state"] as? String == "finished")
    }

    /// The job number a POST redirected to (`/jobs/ID`).
    func jobID(_ response: TestResponse) throws -> Int {
        let location = try #require(response.headers[.location], "expected a redirect to the job, got \(response.status): \(response.text.prefix(600))")
        return try #require(Scrape.first(#"/jobs/(\d+)"#, in: location).flatMap(Int.init))
    }
}
