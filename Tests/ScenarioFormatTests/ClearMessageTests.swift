import Foundation
import ScenarioFormat
import STCore
import Testing

/// Issue 17, item 7: messages that were unclear. Before, a duplicate key had no line and dumped the file as
/// "Context:"; /dev/null and a FIFO said "check its permissions" (a FIFO with no writer waited for ever); UTF-16
/// text was "binary data".
@Suite("Clear messages for odd inputs")
struct ClearMessageTests {
    @Test("a duplicate key is named at the line of its second occurrence, without the file's text")
    func duplicateKey() {
        let text = "scenario: x\ncalendar:\n  start: 2027-01-04\n  weeks: 300\n  # a comment\n  weeks: 310\nunits: []\n"
        let d = diagnostics(text).map(\.description)
        #expect(d == ["t.yaml:6: the key weeks appears twice in one mapping (first on line 4); keep one of them"], "\(d)")
        let flow = diagnostics("scenario: x\nunits: [ { id: a, name: A, id: b } ]\n").map(\.description)
        #expect(flow == ["t.yaml:2: the key id appears twice in one mapping (first on line 2); keep one of them"], "\(flow)")
        // The same key in a nested mapping between the two is not the duplicate (found in review).
        let nested = diagnostics("scenario: x\nprograms:\n  - id: p\n    name: A\n    goals: [ { id: g1, name: X } ]\n    name: B\n").map(\.description)
        #expect(nested == ["t.yaml:6: the key name appears twice in one mapping (first on line 4); keep one of them"], "\(nested)")
    }

    @Test("UTF-16 text is told to be saved as UTF-8", arguments: [true, false])
    func utf16(bom: Bool) {
        var data = Data(bom ? [0xFF, 0xFE] : [])
        for u in "scenario: x\n".utf16 { data.append(UInt8(u & 0xFF)); data.append(UInt8(u >> 8)) }
        do { _ = try ScenarioLoader.parse(data: data, file: "u.yaml"); Issue.record("read") } catch {
            #expect(error.description == "u.yaml: the file is UTF-16 text; save it as UTF-8", "\(error)")
        }
    }

    @Test("a FIFO and a device are refused before reading, a symlink to a file is read")
    func notRegular() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("stplan-odd-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/pipe.yaml"
        #expect(mkfifo(fifo, 0o600) == 0)
        for path in [fifo, "/dev/null", "/dev/zero"] {
            do { _ = try ScenarioLoader.load(path: path); Issue.record("read \(path)") } catch {
                #expect(error.unreadable)
                #expect(error.description.contains("is not a regular file (a pipe, a socket or a device)"), "\(error)")
            }
        }
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.yaml", withDestinationPath: FileManager.default.currentDirectoryPath + "/" + examplePath)
        #expect(throws: Never.self) { try ScenarioLoader.load(path: dir + "/link.yaml") }
        do { _ = try PlanFile.read(path: fifo); Issue.record("read the pipe") } catch {
            #expect(error.unreadable)
            #expect(error.description.contains("not a regular file"), "\(error)")
        }
    }
}

/// Found by `scripts/fuzz`: one list item anchored and repeated 2 000 times by aliases printed a line for every copy
/// (182 807 bytes on standard error).
@Suite("Long diagnostic lists")
struct LongDiagnosticListTests {
    @Test("at most 100 problems are printed, then how many more there are")
    func capped() throws {
        var text = try String(contentsOfFile: examplePath, encoding: .utf8)
        let line = "  - { id: erik, name: Erik Falk, program: internmedicin, start: 2027-02-01, supervisor: karin }"
        #expect(text.contains(line))
        text = text.replacingOccurrences(of: line, with: "  - &fz { id: erik, name: Erik Falk, program: internmedicin, start: 2027-02-01, supervisor: karin }\n"
                                                      + Array(repeating: "  - *fz", count: 1500).joined(separator: "\n"))
        do { _ = try ScenarioLoader.parse(data: Data(text.utf8), file: "t.yaml"); Issue.record("read") } catch {
            #expect(error.diagnostics.count >= 1500)
            let lines = error.description.components(separatedBy: "\n")
            #expect(lines.count == 101, "\(lines.count) lines")
            #expect(lines.last?.hasPrefix("… and \(error.diagnostics.count - 100) more problems (the first 100 are shown") == true, "\(lines.last ?? "")")
            #expect(error.description.utf8.count < 20_000)
        }
        // A long file path makes long lines: the text stops at 10 000 characters all the same (scripts/fuzz found
        // 22 271 bytes with its deep temporary folders).
        let deep = String(repeating: "d/", count: 80) + "t.yaml"
        do { _ = try ScenarioLoader.parse(data: Data(text.utf8), file: deep); Issue.record("read") } catch {
            let lines = error.description.components(separatedBy: "\n")
            #expect(error.description.count < 10_300, "\(error.description.count) characters")
            #expect(lines.count < 101 && lines.last?.contains("more problems (the first \(lines.count - 1) are shown") == true, "\(lines.last ?? "")")
        }
    }
}
