import Foundation
import Yams

/// A variant file: a small YAML overlay that changes a base scenario (`stplan whatif`, `stplan replan`).
///
/// Its own keys are `variant:` (a name for tables), `base:` (the base scenario's path, relative to the overlay),
/// `today:` (the replan date for `stplan replan` when `--today` is not given) and `description:`. Every other key
/// is a scenario key and is merged into the base:
/// - mappings merge key by key; a scalar replaces the base's value;
/// - lists of things with an id (`units`, `courses`, `programs`, `supervisors`, `trainees`, `rotations`) merge
///   element by element on `id`, and `sessions` on `start`: an element with a known key merges into it, a new key
///   is appended, and `remove: true` removes the element;
/// - every other list (`leave`, `closed`, `done`, …) is replaced, unless its key ends in `+` (`leave+:`), which
///   appends to the base's list.
///
/// Diagnostics for anything the overlay wrote point at the overlay's file and line.
enum ScenarioOverlay {
    /// The key each id-keyed list merges on.
    static let listKeys: [String: String] = ["units": "id", "courses": "id", "programs": "id", "supervisors": "id",
                                             "trainees": "id", "rotations": "id", "sessions": "start"]
    /// The overlay's own top-level keys.
    static let ownKeys = ["variant", "base", "today", "description"]

    /// What a merge gives: the merged tree and the key paths the overlay wrote (diagnostics below them belong to
    /// the overlay's file).
    struct Merged {
        var root: Node
        var overlayPaths: Set<String> = []
        var problems: [(node: Node?, path: String, message: String)] = []
    }

    /// True when the document is an overlay (a mapping with `base:` or `variant:`).
    static func isOverlay(_ root: Node) -> Bool {
        guard case .mapping(let m) = root else { return false }
        return m.contains { $0.key.string == "base" || $0.key.string == "variant" }
    }

    /// `overlay` merged into `base` (both whole documents); the overlay's own keys are left out.
    static func merge(base: Node, overlay: Node) -> Merged {
        var out = Merged(root: base)
        guard case .mapping(let o) = overlay else {
            out.problems.append((overlay, "", "a variant file is a mapping of scenario keys"))
            return out
        }
        let pairs = o.filter { !ownKeys.contains($0.key.string ?? "") }.map { ($0.key, $0.value) }
        out.root = mergeMapping(base, pairs, path: "", into: &out)
        return out
    }

    static func key(_ path: String, _ k: String) -> String { path.isEmpty ? k : "\(path).\(k)" }

    static func mergeMapping(_ base: Node, _ overlay: [(Node, Node)], path: String, into out: inout Merged) -> Node {
        guard case .mapping(let b) = base else {
            out.problems.append((base, path, "the base has no mapping here to change"))
            return base
        }
        var pairs = b.map { ($0.key, $0.value) }
        for (k, v) in overlay {
            guard var name = k.string else {
                out.problems.append((k, path, "a key must be a plain name"))
                continue
            }
            let append = name.hasSuffix("+")
            if append { name.removeLast() }
            let p = key(path, name)
            let index = pairs.firstIndex { $0.0.string == name }
            let old = index.map { pairs[$0].1 }
            let merged: Node
            if append {
                guard case .sequence(let add) = v else {
                    out.problems.append((v, p + "+", "\(name)+: appends a list; give a list"))
                    continue
                }
                var items: [Node] = []
                if let old, case .sequence(let s) = old { items = Array(s) }
                for i in 0..<add.count { out.overlayPaths.insert("\(p)[\(items.count + i)]") }
                items += Array(add)
                merged = .sequence(Node.Sequence(items, .implicit, .any, old?.sequence?.mark ?? add.mark))
            } else if let mergeKey = listKeys[name], case .sequence(let add) = v, let old, case .sequence(let s) = old {
                merged = mergeList(Array(s), Array(add), on: mergeKey, path: p, mark: s.mark, into: &out)
            } else if case .mapping(let m) = v, let old, case .mapping = old {
                merged = mergeMapping(old, m.map { ($0.key, $0.value) }, path: p, into: &out)
            } else {
                out.overlayPaths.insert(p)
                merged = v
            }
            if let index { pairs[index] = (pairs[index].0, merged) } else { pairs.append((Node(name), merged)) }
        }
        return .mapping(Node.Mapping(pairs, b.tag, b.style, b.mark))
    }

    static func mergeList(_ base: [Node], _ overlay: [Node], on mergeKey: String, path: String, mark: Mark?, into out: inout Merged) -> Node {
        var items = base
        var removed = Set<Int>()
        for element in overlay {
            guard case .mapping(let m) = element, let value = m[mergeKey]?.string else {
                out.problems.append((element, path, "each element needs \(mergeKey): to say which one it changes (or adds)"))
                continue
            }
            let remove = m["remove"]?.string.map { ["true", "yes"].contains($0.lowercased()) } ?? false
            let rest = m.filter { $0.key.string != "remove" }.map { ($0.key, $0.value) }
            if let i = items.firstIndex(where: { $0.mapping?[mergeKey]?.string == value }) {
                if remove { removed.insert(i); continue }
                items[i] = mergeMapping(items[i], rest, path: "\(path)[\(i)]", into: &out)
            } else if remove {
                out.problems.append((element, path, "\(mergeKey) \(value) is not in the base, so it cannot be removed"))
            } else {
                out.overlayPaths.insert("\(path)[\(items.count)]")
                items.append(.mapping(Node.Mapping(rest, m.tag, m.style, m.mark)))
            }
        }
        guard !removed.isEmpty else { return .sequence(Node.Sequence(items, .implicit, .any, mark)) }
        // Removing shifts later indices: re-key the overlay's paths under this list.
        let kept = items.indices.filter { !removed.contains($0) }
        var moved = Set<String>()
        for p in out.overlayPaths {
            guard p.hasPrefix(path + "["), let close = p.dropFirst(path.count + 1).firstIndex(of: "]"),
                  let old = Int(p[p.index(p.startIndex, offsetBy: path.count + 1)..<close]) else { moved.insert(p); continue }
            guard let now = kept.firstIndex(of: old) else { continue }
            moved.insert("\(path)[\(now)]" + p[p.index(after: close)...])
        }
        out.overlayPaths = moved
        return .sequence(Node.Sequence(kept.map { items[$0] }, .implicit, .any, mark))
    }

    /// The longest path in `paths` that is `path` or a parent of it (`a.b` is a parent of `a.b.c` and `a.b[2]`).
    static func owns(_ paths: Set<String>, _ path: String) -> Bool {
        if paths.contains(path) { return true }
        var p = Substring(path)
        while let cut = p.lastIndex(where: { $0 == "." || $0 == "[" }) {
            p = p[..<cut]
            if paths.contains(String(p)) { return true }
        }
        return false
    }
}
