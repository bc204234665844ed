/// A problem in a scenario file, at a line and a key path.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    /// Whether the scenario can still be planned.
    public enum Severity: String, Sendable { case error, warning }
    public var severity: Severity
    /// The file's name as given.
    public var file: String
    /// 1-based line, or 0 when the problem is not at a line (an unreadable file).
    public var line: Int
    /// The key path, e.g. `trainees[2].leave[0].to`; empty for the whole file.
    public var path: String
    /// What is wrong and, where it helps, how to fix it.
    public var message: String

    public init(_ severity: Severity = .error, file: String, line: Int, path: String, message: String) {
        self.severity = severity
        self.file = file
        self.line = line
        self.path = path
        self.message = message
    }

    /// `example.yaml:57: trainees[2].leave[0].to: 2028-02-30 is not a date` (warnings say `warning:`).
    public var description: String {
        var s = file
        if line > 0 { s += ":\(line)" }
        s += ": "
        if severity == .warning { s += "warning: " }
        if !path.isEmpty { s += path + ": " }
        return s + message
    }
}

/// A scenario that cannot be planned, with every problem found in one pass.
public struct ScenarioError: Error, Sendable, CustomStringConvertible {
    /// Every diagnostic, errors and warnings, in file order.
    public var diagnostics: [Diagnostic]
    /// True when the file itself could not be read (missing, a directory, too large): exit 66, not 65.
    public var unreadable: Bool
    public init(_ diagnostics: [Diagnostic], unreadable: Bool = false) {
        self.diagnostics = diagnostics
        self.unreadable = unreadable
    }
    /// At most ``shown`` diagnostics, then how many more there are: a list item repeated by aliases 2 000 times
    /// would otherwise print a line for every copy.
    public var description: String { Self.text(diagnostics) }

    /// Diagnostics printed at most: the first ones in file order say what to fix.
    public static let shown = 100

    /// Characters printed at most (long file paths make long lines).
    public static let shownCharacters = 10_000

    /// `diagnostics`, one a line, at most ``shown`` of them and ``shownCharacters`` in all, and then a line saying
    /// how many were left out.
    public static func text(_ diagnostics: [Diagnostic]) -> String {
        var head: [String] = []
        var characters = 0
        for d in diagnostics.prefix(shown) {
            let line = d.description
            if !head.isEmpty && characters + line.count > shownCharacters { break }
            head.append(line)
            characters += line.count + 1
        }
        let more = diagnostics.count - head.count
        return (head + (more > 0 ? ["… and \(more) more problem\(more == 1 ? "" : "s") (the first \(head.count) are shown; fix these and validate again)"] : []))
            .joined(separator: "\n")
    }
}
