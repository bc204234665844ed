import Foundation
@testable import STCore
import Testing

/// The hand-written plan reader (issue 14, item 7: `stplan check` of a 160-trainee plan spent 1.35 s of 1.44 in
/// JSONDecoder). Foundation's decoder is the independent oracle here: both must read the same plans the same.
@Suite("Plan file reader")
struct PlanReaderTests {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ReportsTests/Golden/plan.json")

    @Test("the golden plan reads the same as with JSONDecoder, and writes back byte for byte")
    func sameAsFoundation() throws {
        let data = try Data(contentsOf: Self.golden)
        let ours = try PlanFile.decode(data)
        let theirs = try JSONDecoder().decode(Plan.self, from: data)
        #expect(ours == theirs)
        #expect(PlanFile.encode(ours) == String(decoding: data, as: UTF8.self))
    }

    @Test("JSON values: numbers, escapes, nesting, empty containers")
    func values() throws {
        let text = #"{"a": [1, -2.5, 0.1, 1e3, 12345678901234567890, -0], "s": "x\"\\\/\n\u00e4\ud83d\ude00", "e": {}, "l": [], "t": true, "n": null}"#
        guard case .object(let pairs) = try JSONReader.parse(Array(text.utf8)) else { Issue.record("not an object"); return }
        #expect(pairs.map(\.0) == ["a", "s", "e", "l", "t", "n"])
        guard case .array(let nums) = pairs[0].1 else { Issue.record("a"); return }
        let values = nums.compactMap { n -> Double? in if case .number(let v, _) = n { return v } else { return nil } }
        #expect(values == [1, -2.5, 0.1, 1000, 12345678901234567890, 0])
        if case .number(_, let i) = nums[0] { #expect(i == 1) }
        if case .number(_, let i) = nums[1] { #expect(i == nil) }
        if case .number(_, let i) = nums[4] { #expect(i == nil, "beyond 2^53 is no exact integer") }
        #expect({ if case .string(let s) = pairs[1].1 { return s } else { return "" } }() == "x\"\\/\nä😀")
    }

    @Test("bad JSON is refused with its line, as JSONDecoder refuses it", arguments: [
        ("{\"a\": 1,}", "expected a key"), ("[1 2]", "expected ','"), ("{\"a\": 01}", "may not start with 0"),
        ("\"abc", "missing closing quote"), ("{\"a\":\n \"x\ty\"}", "line 2: a control character"), ("[1] x", "text after the end"),
        ("\"\\ud800\"", "lone UTF-16 surrogate"), ("[tru]", "where true was expected"), ("", "ends where a value"),
        ("{\"a\": 1, \"a\": 2}", "appears twice"), (String(repeating: "[", count: 300), "nested deeper"),
    ])
    func refused(_ text: String, _ message: String) {
        do {
            _ = try JSONReader.parse(Array(text.utf8))
            Issue.record("\(text) was read")
        } catch {
            #expect(error.description.contains(message), "\(error)")
        }
    }

    @Test("invalid UTF-8 inside text is refused")
    func invalidUTF8() {
        #expect(throws: JSONSyntaxError.self) { try JSONReader.parse([0x22, 0xC3, 0x28, 0x22]) }
    }

    @Test("a missing or wrong field is named by its path in the file")
    func paths() throws {
        let text = try String(contentsOf: Self.golden, encoding: .utf8)
        func message(_ edited: String) -> String {
            do { _ = try PlanFile.decode(Data(edited.utf8)); return "read" } catch { return error.description }
        }
        let noCounts = text.replacingOccurrences(of: "\"counts\": ", with: "\"kounts\": ")
        #expect(message(noCounts) == "plan file: trainees[0].weeks[0].counts is missing")
        let wrongWeeks = text.replacingOccurrences(of: "\"requiredWeeks\": 4,", with: "\"requiredWeeks\": 4.5,")
        #expect(message(wrongWeeks).hasPrefix("plan file: trainees[0].requiredWeeks has the wrong type: expected a whole number"), "\(message(wrongWeeks))")
        let badDate = text.replacingOccurrences(of: "\"start\": \"2027-01-04\"", with: "\"start\": \"2027-13-04\"")
        #expect(message(badDate).contains("is not a date"), "\(message(badDate))")
        #expect(message("{\"format\": \"other/9\"}").contains("this stplan reads stplan-plan/1"))
    }
}
