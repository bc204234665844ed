import Foundation
import ScenarioFormat

/// Something the workbench refuses, in words for the person at the browser (Swedish and English).
public struct WorkbenchError: Error, Sendable, CustomStringConvertible {
    /// The HTTP status the refusal is answered with.
    public var status: Int
    public var swedish: String
    public var english: String
    public init(status: Int = 400, _ swedish: String, english: String) {
        self.status = status
        self.swedish = swedish
        self.english = english
    }
    public func text(english: Bool) -> String { english ? self.english : swedish }
    public var description: String { swedish }
}

/// The folder the workbench serves: scenario files (`NAME.yaml`) at its top, and beside them in `.stplan/NAME/`
/// each scenario's plan history (`plans/001/`, …) and the backups of its earlier versions (`backups/`).
///
/// Every path the workbench reads or writes comes from here, so that nothing outside the folder is touched: names
/// are checked before they become paths (no `/`, no `..`, no absolute paths, no hidden files), and a path whose
/// symbolic links lead out of the folder is refused.
public struct Workspace: Sendable {
    /// The folder, with its symbolic links resolved.
    public let root: String
    /// The largest scenario file read or saved (bytes).
    public static let maxScenarioBytes = 2_000_000

    /// The folder at `path`, which must exist.
    public init(path: String) throws(WorkbenchError) {
        var isDirectory: ObjCBool = false
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw WorkbenchError("Arbetsmappen \(path) finns inte eller är ingen mapp; ange en mapp med scenariofiler (eller en tom mapp).",
                                 english: "The workspace \(path) does not exist or is not a folder; give a folder of scenario files (or an empty one).")
        }
        root = absolute
    }

    /// Whether `name` may name a scenario: letters (å, ä, ö too), digits, `-`, `_` and `.` inside, at most 80 characters,
    /// not starting with a dot.
    public static func isValidName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 80, !name.hasPrefix("."), !name.contains(".."), !name.hasSuffix(".") else { return false }
        return name.unicodeScalars.allSatisfy { c in
            CharacterSet.alphanumerics.contains(c) && c.isASCII || "åäöÅÄÖéÉüÜ".unicodeScalars.contains(c) || "-_.".unicodeScalars.contains(c)
        }
    }

    static func badName(_ name: String) -> WorkbenchError {
        WorkbenchError(status: 400, "Namnet ”\(name)” går inte att använda: använd bokstäver, siffror, -, _ och . (inte först eller sist; högst 80 tecken, inga snedstreck).",
                       english: "The name “\(name)” cannot be used: use letters, digits, -, _ and . (not first or last; at most 80 characters, no slashes).")
    }

    /// `relative` under the folder, refused when it would lead outside it (through `..`, an absolute path or a link).
    public func confined(_ relative: String) throws(WorkbenchError) -> String {
        let parts = relative.split(separator: "/", omittingEmptySubsequences: false)
        guard !relative.isEmpty, !relative.hasPrefix("/"), !parts.contains(where: { $0 == ".." || $0 == "." || $0.isEmpty }) else {
            throw WorkbenchError(status: 400, "Sökvägen ”\(relative)” pekar utanför arbetsmappen och vägras.",
                                 english: "The path “\(relative)” leads outside the workspace and is refused.")
        }
        let path = root + "/" + relative
        let resolved = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard resolved == root || resolved.hasPrefix(root + "/") else {
            throw WorkbenchError(status: 403, "”\(relative)” är en länk ut ur arbetsmappen och vägras.",
                                 english: "“\(relative)” is a link out of the workspace and is refused.")
        }
        return path
    }

    /// The scenario file of `name` (`NAME.yaml` at the top of the folder).
    public func scenarioPath(_ name: String) throws(WorkbenchError) -> String {
        guard Self.isValidName(name) else { throw Self.badName(name) }
        return try confined(name + ".yaml")
    }

    /// The scenarios in the folder, by name, sorted.
    public func scenarioNames() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }
            .map { String($0.dropLast(5)) }
            .filter { Self.isValidName($0) && (try? scenarioPath($0)) != nil }
            .sorted()
    }

    /// Whether the scenario `name` exists.
    public func exists(_ name: String) -> Bool {
        guard let path = try? scenarioPath(name) else { return false }
        return FileManager.default.fileExists(atPath: path)
    }

    /// The path of scenario `name`, which must exist: a bad name, a link out of the folder and a missing file are
    /// each refused in their own words.
    public func existing(_ name: String) throws(WorkbenchError) -> String {
        let path = try scenarioPath(name)
        guard FileManager.default.fileExists(atPath: path) else {
            throw WorkbenchError(status: 404, "Det finns inget scenario ”\(name)” i arbetsmappen.", english: "There is no scenario “\(name)” in the workspace.")
        }
        return path
    }

    /// The text of scenario `name`.
    public func read(_ name: String) throws(WorkbenchError) -> String {
        let path = try scenarioPath(name)
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else {
            throw WorkbenchError(status: 404, "Det finns inget scenario ”\(name)” i arbetsmappen.", english: "There is no scenario “\(name)” in the workspace.")
        }
        if let size = attributes[.size] as? Int, size > Self.maxScenarioBytes {
            throw Self.tooLarge(size)
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw WorkbenchError(status: 422, "Scenariot ”\(name)” kan inte läsas som UTF-8-text.", english: "The scenario “\(name)” cannot be read as UTF-8 text.")
        }
        return text
    }

    static func tooLarge(_ bytes: Int) -> WorkbenchError {
        WorkbenchError(status: 413, "Filen är \(bytes) byte; arbetsbänken tar emot högst \(maxScenarioBytes) byte.",
                       english: "The file is \(bytes) bytes; the workbench takes at most \(maxScenarioBytes) bytes.")
    }

    /// Saves `text` as scenario `name`: the old version goes to `.stplan/NAME/backups/` first, then the new text is
    /// written to a temporary file that is renamed over the old one, so that a reader never sees half a file.
    public func save(_ name: String, text: String, now: Date = Date()) throws(WorkbenchError) {
        let path = try scenarioPath(name)
        let data = Data(text.utf8)
        guard data.count <= Self.maxScenarioBytes else { throw Self.tooLarge(data.count) }
        let fm = FileManager.default
        do {
            if let old = fm.contents(atPath: path) {
                let backups = try confined(".stplan/\(name)/backups")
                try fm.createDirectory(atPath: backups, withIntermediateDirectories: true)
                try old.write(to: URL(fileURLWithPath: backups + "/" + Self.stamp(now) + ".yaml"), options: .atomic)
            }
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch let e as WorkbenchError {
            throw e
        } catch {
            throw WorkbenchError(status: 500, "Scenariot kunde inte sparas: \(error.localizedDescription)",
                                 english: "The scenario could not be saved: \(error.localizedDescription)")
        }
    }

    /// `2026-12-08T101500.123Z`, sortable and safe in a file name.
    static func stamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyy-MM-dd'T'HHmmss.SSS'Z'"
        return f.string(from: date)
    }

    /// The backups of scenario `name`, newest first.
    public func backups(_ name: String) -> [String] {
        guard let dir = try? confined(".stplan/\(name)/backups") else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted().reversed()
    }

    /// The two histories of a scenario: its plans (plan and replan runs) and its what-if comparisons.
    public enum Area: String, Sendable {
        case plans, whatif
    }

    /// The folder of run `number` of scenario `name` in `area` (`.stplan/NAME/plans/007`).
    public func planFolder(_ name: String, _ number: Int, area: Area = .plans) throws(WorkbenchError) -> String {
        guard Self.isValidName(name) else { throw Self.badName(name) }
        guard (1...999_999).contains(number) else {
            throw WorkbenchError(status: 404, "Det finns ingen plan nummer \(number).", english: "There is no plan number \(number).")
        }
        return try confined(".stplan/\(name)/\(area.rawValue)/" + String(format: "%03d", number))
    }

    /// The run numbers of scenario `name` in `area` that have a folder, oldest first.
    public func planNumbers(_ name: String, area: Area = .plans) -> [Int] {
        guard Self.isValidName(name), let dir = try? confined(".stplan/\(name)/\(area.rawValue)") else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).compactMap(Int.init).sorted()
    }

    /// A new run folder for scenario `name` in `area`, numbered one above the highest so far, created empty.
    /// Two requests at once (a double click) get two folders: the last part is made on its own, and a number that
    /// another request took first is passed over.
    public func newPlanFolder(_ name: String, area: Area = .plans) throws(WorkbenchError) -> (number: Int, path: String) {
        var number = (planNumbers(name, area: area).last ?? 0) + 1
        for _ in 0..<100 {
            let path = try planFolder(name, number, area: area)
            do {
                try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: false)
                return (number, path)
            } catch {
                if FileManager.default.fileExists(atPath: path) { number += 1; continue }
                throw WorkbenchError(status: 500, "Planmappen kunde inte skapas: \(error.localizedDescription)",
                                     english: "The plan folder could not be created: \(error.localizedDescription)")
            }
        }
        throw WorkbenchError(status: 500, "Ingen ny planmapp kunde skapas.", english: "No new plan folder could be made.")
    }

    /// The record of run `number` of `name` in `area`, when it has one.
    public func record(_ name: String, _ number: Int, area: Area = .plans) -> PlanRecord? {
        guard let folder = try? planFolder(name, number, area: area),
              let data = FileManager.default.contents(atPath: folder + "/" + PlanRecord.fileName) else { return nil }
        return try? JSONDecoder().decode(PlanRecord.self, from: data)
    }

    /// Writes `record` into run `number`'s folder (atomically).
    public func store(_ record: PlanRecord, _ name: String, _ number: Int, area: Area = .plans) throws(WorkbenchError) {
        let folder = try planFolder(name, number, area: area)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        do {
            try encoder.encode(record).write(to: URL(fileURLWithPath: folder + "/" + PlanRecord.fileName), options: .atomic)
        } catch {
            throw WorkbenchError(status: 500, "Planens uppgifter kunde inte sparas: \(error.localizedDescription)",
                                 english: "The plan's record could not be saved: \(error.localizedDescription)")
        }
    }

    /// The files of run `number` (relative paths, sorted), without the record and hidden files.
    public func planFiles(_ name: String, _ number: Int, area: Area = .plans) -> [String] {
        guard let folder = try? planFolder(name, number, area: area),
              let all = FileManager.default.enumerator(atPath: folder)?.allObjects as? [String] else { return [] }
        return all.filter { path in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory) && !isDirectory.boolValue
                && path != PlanRecord.fileName && !path.split(separator: "/").contains { $0.hasPrefix(".") }
        }.sorted()
    }

    /// The path of `relative` inside run `number` of `name`, refused outside it.
    public func planFile(_ name: String, _ number: Int, _ relative: String, area: Area = .plans) throws(WorkbenchError) -> String {
        _ = try planFolder(name, number, area: area)
        let path = try confined(".stplan/\(name)/\(area.rawValue)/" + String(format: "%03d", number) + "/" + relative)
        guard FileManager.default.fileExists(atPath: path) else {
            throw WorkbenchError(status: 404, "Planen har ingen fil ”\(relative)”.", english: "The plan has no file “\(relative)”.")
        }
        return path
    }

    // MARK: what-if variants

    /// The variant file `variant` of scenario `name` (`.stplan/NAME/variants/VARIANT.yaml`).
    public func variantPath(_ name: String, _ variant: String) throws(WorkbenchError) -> String {
        guard Self.isValidName(name) else { throw Self.badName(name) }
        guard Self.isValidName(variant) else { throw Self.badName(variant) }
        return try confined(".stplan/\(name)/variants/\(variant).yaml")
    }

    /// The variants of scenario `name`, by file name, sorted.
    public func variantNames(_ name: String) -> [String] {
        guard Self.isValidName(name), let dir = try? confined(".stplan/\(name)/variants") else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.hasSuffix(".yaml") }
            .map { String($0.dropLast(5)) }.filter { Self.isValidName($0) && (try? variantPath(name, $0)) != nil }.sorted()
    }

    /// Writes variant `variant` of `name` atomically (the folder is made when missing).
    public func saveVariant(_ name: String, _ variant: String, text: String) throws(WorkbenchError) {
        let path = try variantPath(name, variant)
        let data = Data(text.utf8)
        guard data.count <= Self.maxScenarioBytes else { throw Self.tooLarge(data.count) }
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try data.write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw WorkbenchError(status: 500, "Varianten kunde inte sparas: \(error.localizedDescription)",
                                 english: "The variant could not be saved: \(error.localizedDescription)")
        }
    }

    /// The text of variant `variant` of `name`.
    public func readVariant(_ name: String, _ variant: String) throws(WorkbenchError) -> String {
        let path = try variantPath(name, variant)
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw WorkbenchError(status: 404, "Det finns ingen variant ”\(variant)” av ”\(name)”.", english: "There is no variant “\(variant)” of “\(name)”.")
        }
        return text
    }
}

/// What the workbench keeps of one run (`job.json` in its plan folder): what was asked, when, and how it ended.
public struct PlanRecord: Codable, Sendable, Equatable {
    public static let fileName = "job.json"
    /// What made the plan.
    public enum Kind: String, Codable, Sendable {
        /// `stplan plan` of the scenario.
        case plan
        /// `stplan replan` of an earlier plan after a change.
        case replan
        /// `stplan whatif` of the scenario and some of its variants.
        case whatif
    }
    public var kind: Kind
    /// When the run started (ISO 8601, UTC).
    public var started: String
    /// The plan it replans, for a replan (its number in the same history).
    public var parent: Int?
    /// The change a replan was made for, in plain words.
    public var change: String?
    /// The day from which a replan could change the plan.
    public var today: String?
    /// The time limit asked for (seconds).
    public var timeLimit: Double
    /// The command's exit code (0 a plan, 2 no plan, …); nil while it runs or when it never ended (a crash).
    public var exitCode: Int32?
    /// Whether the run was stopped from the browser (the best plan so far is kept).
    public var cancelled: Bool
    /// What the command printed: the summary, and the explanation or error.
    public var output: String
    public var messages: String
    /// A replan's changes so far, its own and those of the replans before it, as overlay entries (`trainees:`,
    /// `units:` and `courses:` list items): a replan of this plan carries them on.
    public var traineeEntries: String?
    public var unitEntries: String?
    public var courseEntries: String?
    /// The variants a what-if run compares (their file names).
    public var variants: [String]?
    /// What `stplan check` said of the plan, and whether it passed; nil when there is no plan to check.
    public var checkPassed: Bool?
    public var checkText: String?

    public init(kind: Kind, started: String, parent: Int? = nil, change: String? = nil, today: String? = nil, timeLimit: Double,
                exitCode: Int32? = nil, cancelled: Bool = false, output: String = "", messages: String = "", variants: [String]? = nil) {
        self.kind = kind; self.started = started; self.parent = parent; self.change = change; self.today = today; self.variants = variants
        self.timeLimit = timeLimit; self.exitCode = exitCode; self.cancelled = cancelled; self.output = output; self.messages = messages
    }
}
