import Foundation
@testable import Reports
import Testing

/// The one-pass escaping gives the text Foundation's chained `replacingOccurrences` gave before it.
@Suite("Report escaping")
struct EscapingTests {
    static let samples = [
        "", "plain", "Åsa Öberg", "IVA, Centrallasarettet", "SK-kurs A; akut", "a & b < c > d \"e\"", "&amp;",
        "back\\slash", "line\none", "crlf\r\nline", "pipe | cell", "🩺 emoji, ök; \"q\"", "2027-01-06",
    ]

    @Test("HTML, iCalendar, Markdown and CSV escaping", arguments: samples)
    func sameAsFoundation(_ s: String) {
        #expect(Escaping.html(s) == s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;"))
        #expect(ICSReport.escape(s) == s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;")
            .replacingOccurrences(of: ",", with: "\\,").replacingOccurrences(of: "\n", with: "\\n"))
        #expect(MarkdownReport.cell(s) == s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " "))
        // By scalar, not by Character: "\r\n" is one Character that equals neither "\r" nor "\n", and a field
        // holding it went out unquoted (RFC 4180 quotes any line break) until the CSV writer looked at bytes.
        let quoted = s.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        #expect(CSVReport.field(s, separator: ",") == (quoted ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s))
        // The Excel form separates by semicolons: a field holding one is quoted, a comma alone is not.
        let quotedExcel = s.unicodeScalars.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" })
        #expect(CSVReport.field(s, separator: ";") == (quotedExcel ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s))
    }
}
