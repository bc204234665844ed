import Foundation

/// Why an output set cannot be written: what is wrong with `--out` and what to do.
public struct OutputError: Error, Sendable, CustomStringConvertible {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// The files one command writes into its `--out` folder, written as one set (issue 17, item 3).
///
/// Every file is first written into a fresh staging folder inside `--out` (same file system, so each move is a
/// rename), and only when all are written are they moved into place, `plan.json` last, followed by the manifest
/// `.stplan-files` that lists the files stplan wrote there. Files that the previous manifest lists and this run
/// no longer writes (the calendar of a trainee who left the cohort) are removed; files stplan did not write are
/// never touched. A run that fails or is killed while writing leaves the previous set as it was (and its
/// staging folder, removed by the next run).
public enum OutputSet {
    /// The manifest's name inside `--out`.
    public static let manifestName = ".stplan-files"
    static let stagingPrefix = ".stplan-staging-"

    /// What is wrong with writing into `out` (nil if nothing): checked before any planning, so that a solve is
    /// not wasted on an output folder that cannot be written. `inputs` are the command's input files, which no
    /// output may replace.
    public static func problem(out: String, names: [String] = ["plan.json"], inputs: [String]) -> String? {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        if fm.fileExists(atPath: out, isDirectory: &isDirectory) {
            guard isDirectory.boolValue else { return "--out \(out) is a file, not a folder; give a folder (it is created if missing)" }
            guard fm.isWritableFile(atPath: out) else { return "--out \(out) is a folder stplan may not write in; check its permissions or give another" }
        } else {
            // The nearest folder that exists must be a folder stplan may write in.
            var parent = (out as NSString).deletingLastPathComponent
            if parent.isEmpty { parent = "." }
            while !fm.fileExists(atPath: parent, isDirectory: &isDirectory) {
                let up = (parent as NSString).deletingLastPathComponent
                if up.isEmpty || up == parent { parent = "."; break }
                parent = up
            }
            _ = fm.fileExists(atPath: parent, isDirectory: &isDirectory)
            guard isDirectory.boolValue else { return "--out \(out) lies under \(parent), which is a file, not a folder; give another --out" }
            guard fm.isWritableFile(atPath: parent) else { return "--out \(out) cannot be created in \(parent): stplan may not write there; give another --out" }
        }
        let inputsResolved = Set(inputs.map(resolved))
        for name in names {
            let target = (out as NSString).appendingPathComponent(name)
            if inputsResolved.contains(resolved(target)) {
                return "writing \(target) would overwrite the command's own input; give another --out"
            }
        }
        return nil
    }

    /// Writes `files` (paths relative to `out`, in the order given) as one set and returns their full paths.
    ///
    /// - Parameters:
    ///   - owned: which files of the previous manifest this command answers for: those it no longer writes are
    ///     removed (`report` answers for the reports, not for the `plan.json` it may be reading).
    ///   - inputs: the command's input files; no output may replace one.
    public static func write(_ files: [(path: String, text: String)], to out: String, owned: (String) -> Bool = { _ in true },
                             inputs: [String]) throws(OutputError) -> [String] {
        let fm = FileManager.default
        for f in files where !safe(f.path) {
            throw OutputError("refusing to write \(f.path): an output path must stay inside --out")
        }
        if let p = problem(out: out, names: files.map(\.path), inputs: inputs) { throw OutputError(p) }
        do { try fm.createDirectory(atPath: out, withIntermediateDirectories: true) } catch {
            throw OutputError("cannot create --out \(out): \(reason(error))")
        }
        // Staging folders of runs that were killed (their process is gone); another run's, still at work, stays.
        for name in (try? fm.contentsOfDirectory(atPath: out)) ?? [] where name.hasPrefix(stagingPrefix) {
            let pid = Int32(name.dropFirst(stagingPrefix.count).prefix { $0 != "-" }) ?? 0
            if pid <= 0 || (kill(pid, 0) != 0 && errno == ESRCH) {
                try? fm.removeItem(atPath: (out as NSString).appendingPathComponent(name))
            }
        }
        let staging = (out as NSString).appendingPathComponent("\(stagingPrefix)\(getpid())-\(UUID().uuidString)")
        defer { try? fm.removeItem(atPath: staging) }
        // 1. Everything into the staging folder; a failure here leaves the previous set untouched.
        for f in files {
            let full = (staging as NSString).appendingPathComponent(f.path)
            do {
                try fm.createDirectory(atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(f.text.utf8).write(to: URL(fileURLWithPath: full))
            } catch {
                throw OutputError("cannot write \(f.path) in \(out): \(reason(error))")
            }
        }
        // 2. Moved into place, plan.json last: each move replaces one file at once. The file a move replaces is
        //    kept in the staging folder until every move is done, so a move that fails (a folder where a file
        //    goes, another file system under --out) puts the previous set back as it was.
        let order = files.filter { $0.path != "plan.json" } + files.filter { $0.path == "plan.json" }
        let previousFiles = (staging as NSString).appendingPathComponent(".previous")
        var moved: [(target: String, kept: String?)] = []
        func rollBack() {
            for m in moved.reversed() {
                if let kept = m.kept { _ = rename(kept, m.target) } else { try? fm.removeItem(atPath: m.target) }
            }
        }
        for (k, f) in order.enumerated() {
            let target = (out as NSString).appendingPathComponent(f.path)
            var isDirectory: ObjCBool = false
            var kept: String?
            do {
                try fm.createDirectory(atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                if fm.fileExists(atPath: target, isDirectory: &isDirectory) {
                    guard !isDirectory.boolValue else {
                        throw OutputError("cannot write \(target): a folder of that name is in the way; move it and run again")
                    }
                    try fm.createDirectory(atPath: previousFiles, withIntermediateDirectories: true)
                    let aside = (previousFiles as NSString).appendingPathComponent(String(k))
                    guard rename(target, aside) == 0 else { throw OutputError(String(cString: strerror(errno))) }
                    kept = aside
                }
            } catch let e as OutputError {
                rollBack()
                throw e.message.hasPrefix("cannot write") ? e : OutputError("cannot write \(target): \(e.message)")
            } catch {
                rollBack()
                throw OutputError("cannot create the folder of \(target): \(reason(error))")
            }
            if rename((staging as NSString).appendingPathComponent(f.path), target) != 0 {
                let why = String(cString: strerror(errno))
                if let kept { _ = rename(kept, target) }
                rollBack()
                throw OutputError("cannot write \(target): \(why); the previous files are as they were")
            }
            moved.append((target, kept))
        }
        let written = order.map { (out as NSString).appendingPathComponent($0.path) }
        // 3. Files of earlier runs that this one no longer writes, then the manifest.
        let manifestPath = (out as NSString).appendingPathComponent(manifestName)
        let previous = ((try? String(contentsOfFile: manifestPath, encoding: .utf8)) ?? "")
            .split(separator: "\n").map(String.init).filter(safe)
        let now = Set(files.map(\.path))
        let inputsResolved = Set(inputs.map(resolved))
        var kept = Set<String>()
        for old in previous where !now.contains(old) {
            let full = (out as NSString).appendingPathComponent(old)
            if owned(old), !inputsResolved.contains(resolved(full)) {
                try? fm.removeItem(atPath: full)
                removeEmptyFolders(of: old, in: out)
            } else if fm.fileExists(atPath: full) {
                kept.insert(old)
            }
        }
        let manifest = kept.union(now).sorted().joined(separator: "\n") + "\n"
        let staged = (staging as NSString).appendingPathComponent(manifestName)
        do { try Data(manifest.utf8).write(to: URL(fileURLWithPath: staged)) } catch {
            throw OutputError("cannot write \(manifestPath): \(reason(error))")
        }
        if rename(staged, manifestPath) != 0 {
            throw OutputError("cannot write \(manifestPath): \(String(cString: strerror(errno)))")
        }
        // plan.json first in what is reported, then the files in the order given.
        return written.suffix(1).filter { $0.hasSuffix("/plan.json") } + written.filter { !$0.hasSuffix("/plan.json") }
    }

    /// A relative path of plain names (no `..`, `.`, empty parts or a leading `/`), so it stays inside `--out`.
    static func safe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { !$0.isEmpty && $0 != "." && $0 != ".." }
    }

    /// The folders `calendar/` and `iup/` are removed when the last file of an earlier run in them is.
    private static func removeEmptyFolders(of path: String, in out: String) {
        var dir = (path as NSString).deletingLastPathComponent
        while !dir.isEmpty {
            let full = (out as NSString).appendingPathComponent(dir)
            guard (try? FileManager.default.contentsOfDirectory(atPath: full))?.isEmpty == true else { return }
            try? FileManager.default.removeItem(atPath: full)
            dir = (dir as NSString).deletingLastPathComponent
        }
    }

    static func resolved(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// An error's reason in plain words (not "NSCocoaErrorDomain error 512").
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let posix = ns.userInfo[NSUnderlyingErrorKey] as? NSError, posix.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(posix.code)))
        }
        switch ns.code {
        case NSFileWriteNoPermissionError: return "permission denied"
        case NSFileWriteOutOfSpaceError: return "the disk is full"
        case NSFileWriteFileExistsError: return "a file of that name is in the way"
        default: return ns.localizedDescription
        }
    }
}
