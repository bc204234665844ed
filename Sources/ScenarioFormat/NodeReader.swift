import STCore
import Yams

/// Walks a YAML node tree, turning what it finds into values and every problem into a ``Diagnostic``.
final class NodeReader {
    let file: String
    /// A variant file merged into `file`, and the key paths it wrote: diagnostics there belong to it.
    let overlayFile: String?
    let overlayPaths: Set<String>
    private(set) var diagnostics: [Diagnostic] = []
    /// Items of every list read so far, and whether their budget (``Bounds/itemsInAll``) was passed.
    private var itemsRead = 0
    /// The error that the lists of the file passed their budget: then nothing more is read or checked.
    private(set) var budgetError: Diagnostic?

    init(file: String, overlayFile: String? = nil, overlayPaths: Set<String> = []) {
        self.file = file
        self.overlayFile = overlayFile
        self.overlayPaths = overlayPaths
    }

    /// The file a diagnostic at `path` belongs to.
    func file(of path: String) -> String {
        guard let o = overlayFile, ScenarioOverlay.owns(overlayPaths, path) else { return file }
        return o
    }

    func error(_ node: Node?, _ path: String, _ message: String) {
        diagnostics.append(Diagnostic(.error, file: file(of: path), line: node?.mark?.line ?? 0, path: path, message: message))
    }

    func warning(_ node: Node?, _ path: String, _ message: String) {
        diagnostics.append(Diagnostic(.warning, file: file(of: path), line: node?.mark?.line ?? 0, path: path, message: message))
    }

    var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// A mapping's fields, checked against the keys allowed at `path`.
    func fields(_ node: Node, _ path: String, allowed: [String]) -> Fields? {
        guard case .mapping(let mapping) = node else {
            error(node, path, "expected a mapping of \(allowed.prefix(4).joined(separator: ", "))…, found \(describe(node))")
            return nil
        }
        var values: [String: Node] = [:]
        for (k, v) in mapping {
            guard case .scalar(let s) = k else {
                error(k, path, "a key must be a plain name, found \(describe(k))")
                continue
            }
            let key = s.string
            let p = path.isEmpty ? key : "\(path).\(key)"
            if !allowed.contains(key) {
                let hint = closest(key, in: allowed).map { "; did you mean \($0)?" } ?? "; allowed here: \(allowed.joined(separator: ", "))"
                error(k, p, "unknown key\(hint)")
                continue
            }
            if values[key] != nil {
                error(k, p, "the key appears twice; keep one")
                continue
            }
            values[key] = v
        }
        return Fields(reader: self, node: node, path: path, values: values)
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string.isEmpty ? "an empty value" : "\"\(s.string.prefix(40))\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    // MARK: Scalars

    /// Text of at most ``Bounds/textCharacters`` characters (names, titles): a longer one is refused, so that no
    /// report grows with it.
    func string(_ node: Node, _ path: String) -> String? { string(node, path, most: Bounds.textCharacters) }

    /// Text of at most `most` characters (a path, a description).
    func string(_ node: Node, _ path: String, most: Int) -> String? {
        guard case .scalar(let s) = node else {
            error(node, path, "expected text, found \(describe(node))")
            return nil
        }
        if s.string.count > most {
            error(node, path, "is \(s.string.count) characters long; write at most \(most)")
            return nil
        }
        return s.string
    }

    /// A file path or a paragraph: at most ``Bounds/longTextCharacters`` characters.
    func longString(_ node: Node, _ path: String) -> String? { string(node, path, most: Bounds.longTextCharacters) }

    /// An identifier: ASCII letters, digits, `-` and `_`, starting with a letter or digit.
    func identifier(_ node: Node, _ path: String) -> String? {
        guard let s = string(node, path) else { return nil }
        if !Identifier.isValid(s) {
            error(node, path, "\"\(s)\" is not an id: use 1–64 ASCII letters, digits, - and _ (put Swedish names in name:)")
            return nil
        }
        return s
    }

    /// A whole number in `min...max`. Every call names its bound (``Bounds``), so that no arithmetic downstream
    /// meets a number it can overflow on.
    func int(_ node: Node, _ path: String, min: Int = 0, max: Int) -> Int? {
        guard let s = string(node, path) else { return nil }
        let text = s.trimmingCharacters(in: .whitespaces)
        guard let v = Int(text) else {
            if !text.isEmpty, text.allSatisfy({ $0.isNumber || $0 == "-" || $0 == "+" }) {
                error(node, path, "\(text.prefix(40)) is out of range; use a whole number from \(min) to \(max)")
            } else {
                error(node, path, "\"\(s.prefix(40))\" is not a whole number")
            }
            return nil
        }
        if v < min {
            error(node, path, "\(v) is \(min == 0 ? "negative" : "below \(min)"); use a number of at least \(min)")
            return nil
        }
        if v > max {
            error(node, path, "\(v) is more than \(max); use a number from \(min) to \(max)")
            return nil
        }
        return v
    }

    /// A finite number in `min...max` (``Bounds``).
    func double(_ node: Node, _ path: String, min: Double? = 0, max: Double) -> Double? {
        guard let s = string(node, path) else { return nil }
        guard let v = Double(s.trimmingCharacters(in: .whitespaces)), v.isFinite else {
            error(node, path, "\"\(s)\" is not a number")
            return nil
        }
        if let m = min, v < m {
            error(node, path, "\(s) is \(m == 0 ? "negative" : "below \(m)"); use a number of at least \(m)")
            return nil
        }
        if v > max {
            let most = max == max.rounded() && abs(max) < 1e15 ? String(Int(max)) : String(max)
            error(node, path, "\(s.prefix(40)) is more than \(most); use a number of at most \(most)")
            return nil
        }
        return v
    }

    func bool(_ node: Node, _ path: String) -> Bool? {
        guard let s = string(node, path) else { return nil }
        switch s.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default:
            error(node, path, "\"\(s)\" is not true or false")
            return nil
        }
    }

    func date(_ node: Node, _ path: String) -> CivilDate? {
        guard let s = string(node, path) else { return nil }
        guard let d = CivilDate(iso: s.trimmingCharacters(in: .whitespaces)) else {
            error(node, path, "\(s.prefix(40)) is not a date (write YYYY-MM-DD, a day that exists)")
            return nil
        }
        guard Bounds.years.contains(d.year) else {
            error(node, path, "\(s) lies outside the years \(Bounds.years.lowerBound)–\(Bounds.years.upperBound) that a plan can span")
            return nil
        }
        return d
    }

    /// The items of a list of at most `max` items (``Bounds/listItems`` unless the key has its own bound): a longer
    /// list is refused before any of its items is read.
    func list(_ node: Node, _ path: String, max: Int = Bounds.listItems) -> [(Node, String)]? {
        guard case .sequence(let seq) = node else {
            error(node, path, "expected a list, found \(describe(node))")
            return nil
        }
        if seq.count > max {
            error(node, path, "has \(seq.count) items; a scenario may have at most \(max) here")
            return nil
        }
        // Aliases can repeat a long list under every item of another: all lists together are bounded too.
        itemsRead += seq.count
        if itemsRead > Bounds.itemsInAll {
            if budgetError == nil {
                error(node, path, "the file's lists hold more than \(Bounds.itemsInAll) items in all (aliases repeating long lists?); plan the cohort in parts")
                budgetError = diagnostics.last
            }
            return nil
        }
        return seq.enumerated().map { ($0.element, "\(path)[\($0.offset)]") }
    }

    func identifiers(_ node: Node, _ path: String) -> [String]? {
        guard let items = list(node, path) else { return nil }
        return items.compactMap { identifier($0.0, $0.1) }
    }

    func enumeration<E: RawRepresentable>(_ node: Node, _ path: String, _: E.Type, allowed: [E]) -> E? where E.RawValue == String {
        guard let s = string(node, path) else { return nil }
        guard let v = E(rawValue: s) else {
            error(node, path, "\"\(s)\" is not one of: \(allowed.map(\.rawValue).joined(separator: ", "))")
            return nil
        }
        return v
    }

    private func closest(_ key: String, in allowed: [String]) -> String? {
        func distance(_ a: String, _ b: String) -> Int {
            let a = Array(a), b = Array(b)
            var prev = Array(0...b.count)
            for i in 1...max(a.count, 1) where !a.isEmpty {
                var cur = [i] + Array(repeating: 0, count: b.count)
                for j in 1...max(b.count, 1) where !b.isEmpty {
                    cur[j] = Swift.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                }
                prev = cur
            }
            return prev[b.count]
        }
        let best = allowed.map { ($0, distance(key, $0)) }.min { $0.1 < $1.1 }
        guard let (name, d) = best, d <= max(2, key.count / 3) else { return nil }
        return name
    }
}

/// The fields of one mapping, with the reader that reports on them.
struct Fields {
    let reader: NodeReader
    let node: Node
    let path: String
    let values: [String: Node]

    func key(_ k: String) -> String { path.isEmpty ? k : "\(path).\(k)" }
    func has(_ k: String) -> Bool { values[k] != nil }
    func node(_ k: String) -> Node? { values[k] }

    /// A required field: reports it missing at the mapping's line.
    func required<T>(_ k: String, _ read: (Node, String) -> T?) -> T? {
        guard let n = values[k] else {
            reader.error(node, key(k), "is missing")
            return nil
        }
        return read(n, key(k))
    }

    /// An optional field.
    func optional<T>(_ k: String, _ read: (Node, String) -> T?) -> T? {
        guard let n = values[k] else { return nil }
        return read(n, key(k))
    }

    /// An optional list of items.
    func items<T>(_ k: String, max: Int = Bounds.listItems, _ read: (Node, String) -> T?) -> [T] {
        guard let n = values[k], let list = reader.list(n, key(k), max: max) else { return [] }
        return list.compactMap { read($0.0, $0.1) }
    }
}
