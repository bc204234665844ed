import Foundation
import Testing

/// The module boundaries the README's layout promises, read from the sources (run from the package root, as
/// the end-to-end tests are).
@Suite struct LayoutTests {
    /// The `import` lines of every Swift file under `Sources/`, by path.
    static func imports() throws -> [(path: String, modules: Set<String>)] {
        let root = URL(fileURLWithPath: "Sources")
        guard let walk = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        var out: [(String, Set<String>)] = []
        for case let url as URL in walk where url.pathExtension == "swift" {
            let text = try String(contentsOf: url, encoding: .utf8)
            let modules = text.split(separator: "\n").compactMap { line -> String? in
                let words = line.split(separator: " ")
                // `import X`, `@testable import X`, and Swift 6's access levels: `public import X`.
                let modifiers: Set<Substring> = ["public", "package", "internal", "fileprivate", "private"]
                guard let i = words.firstIndex(of: "import"), i + 1 < words.count,
                      words[..<i].allSatisfy({ $0.hasPrefix("@") || modifiers.contains($0) }) else { return nil }
                return String(words[i + 1])
            }
            out.append((url.path.replacingOccurrences(of: root.path + "/", with: ""), Set(modules)))
        }
        return out.sorted { $0.0 < $1.0 }
    }

    /// The one C boundary (only the GLPK backend sees `glpk.h`), argument parsing in the command line alone,
    /// report writers that read a `Plan` and nothing of the planner, and the command line's stages in `Pipeline`.
    @Test("only the GLPK backend imports glpk.h's module; only the command line parses arguments; reports read no planner")
    func boundaries() throws {
        let files = try Self.imports()
        #expect(files.count > 50, "the sources were not found from \(FileManager.default.currentDirectoryPath)")
        for (path, modules) in files {
            if modules.contains("CGLPK") { #expect(path.hasPrefix("GLPKBackend/"), "\(path) imports CGLPK") }
            if modules.contains("ArgumentParser") { #expect(path.hasPrefix("STPlanCLI/"), "\(path) parses arguments") }
            // The web server is the workbench's alone, and the workbench neither solves nor builds models itself:
            // it runs `stplan` (a process per run) and reads what it wrote.
            if modules.contains(where: { $0.hasPrefix("Hummingbird") || $0.hasPrefix("NIO") }) {
                #expect(path.hasPrefix("Workbench/"), "\(path) imports the web server")
            }
            if path.hasPrefix("Workbench/") { #expect(modules.isDisjoint(with: ["GLPKBackend", "LinearModel", "CGLPK"]), "\(path): \(modules)") }
            if path.hasPrefix("Reports/") { #expect(modules.isDisjoint(with: ["Planning", "GLPKBackend", "LinearModel"]), "\(path): \(modules)") }
        }
        // The command line keeps argument parsing and exit codes: its stages live in Pipeline.
        let cli = files.filter { $0.path.hasPrefix("STPlanCLI/") }.map(\.path)
        #expect(cli == ["STPlanCLI/Commands.swift"], "\(cli)")
        #expect(files.contains { $0.path == "Pipeline/Workflows.swift" })
    }
}
