import Foundation
import Testing

/// Compares `text` byte for byte with `Golden/NAME` beside this file; with STPLAN_RECORD_GOLDEN=1 it writes the file first.
func expectGolden(_ name: String, _ text: String) throws {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden/\(name)")
    if ProcessInfo.processInfo.environment["STPLAN_RECORD_GOLDEN"] == "1" {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }
    // Bytes, not strings: reading a file as a String drops a leading byte-order mark, which the Excel CSV must have.
    let expected = try Data(contentsOf: url)
    #expect(Data(text.utf8) == expected, "\(name) differs from its golden file; re-record with STPLAN_RECORD_GOLDEN=1 if the change is intended")
}
