import Foundation
import Testing

/// Compares `text` with `Golden/NAME` beside this file; with STPLAN_RECORD_GOLDEN=1 it writes the file first.
func expectGolden(_ name: String, _ text: String) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    if ProcessInfo.processInfo.environment["STPLAN_RECORD_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    let expected = try String(contentsOf: url, encoding: .utf8)
    #expect(text == expected, "\(name) differs from its golden file; re-record with STPLAN_RECORD_GOLDEN=1 if the change is intended")
}
