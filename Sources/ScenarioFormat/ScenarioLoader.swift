import Foundation
import STCore
import Yams

/// Reads a scenario file and validates it, collecting every problem in one pass.
public enum ScenarioLoader {
    /// Scenario files above this size are refused before they are read.
    public static let maximumFileBytes = 5 * 1024 * 1024

    /// Loads and validates the scenario at `path`. A variant file (with `base:` or `variant:`, see
    /// ``ScenarioOverlay``) is merged into its base first; `base` overrides the variant's own `base:`.
    ///
    /// - Returns: the scenario and its warnings.
    /// - Throws: ``ScenarioError`` with every diagnostic when the file cannot be read or has an error.
    public static func load(path: String, base: String? = nil) throws(ScenarioError) -> (Scenario, [Diagnostic]) {
        try parse(data: read(path), file: path, base: base)
    }

    /// Reads a file's bytes (a variant's base), or throws the diagnostic saying why it cannot be read.
    static func read(_ path: String) throws(ScenarioError) -> Data {
        try check(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioError([Diagnostic(file: path, line: 0, path: "", message: "cannot be read (check its permissions)")], unreadable: true)
        }
        return data
    }

    /// The YAML document in `data`, or the diagnostic saying why there is none.
    static func compose(_ data: Data, file: String) throws(ScenarioError) -> Node {
        func fail(_ line: Int, _ message: String) -> ScenarioError {
            ScenarioError([Diagnostic(file: file, line: line, path: "", message: message)])
        }
        if data.isEmpty { throw fail(0, "the file is empty; a scenario needs at least scenario:, calendar:, units:, programs: and trainees:") }
        if isUTF16(data) { throw fail(0, "the file is UTF-16 text; save it as UTF-8") }
        if data.contains(0) { throw fail(0, "the file holds binary data (a NUL byte), not YAML text") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw fail(0, "the file is not UTF-8 text; save it as UTF-8")
        }
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let YamlError.duplicatedKeysInMapping(duplicates, context) {
            // Yams names the mapping; the line of the second key is the one to fix.
            let key = duplicates.sorted().first ?? ""
            let (first, second) = duplicateLines(of: key, in: text, from: context.mark.line)
            throw fail(second ?? context.mark.line,
                       "the key \(key) appears twice in one mapping\(first.map { " (first on line \($0))" } ?? ""); keep one of them")
        } catch let e as YamlError {
            throw fail(yamlLine(e), "not valid YAML: \(yamlProblem(e))")
        } catch {
            throw fail(0, "not valid YAML: \(error)")
        }
        guard let root else { throw fail(0, "the file holds no YAML document (only comments or blank lines)") }
        return root
    }

    /// Refuses a path that is missing, a directory or too large.
    static func check(_ path: String) throws(ScenarioError) {
        func unreadable(_ message: String) -> ScenarioError {
            ScenarioError([Diagnostic(file: path, line: 0, path: "", message: message)], unreadable: true)
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw unreadable("no such file; give the path of a scenario .yaml file")
        }
        if isDirectory.boolValue { throw unreadable("is a directory; give the path of a scenario .yaml file inside it") }
        // A pipe or a device is not read: a pipe would wait for ever, /dev/zero never ends.
        let attributes = (try? FileManager.default.attributesOfItem(atPath: URL(fileURLWithPath: path).resolvingSymlinksInPath().path)) ?? [:]
        if let type = attributes[.type] as? FileAttributeType, type != .typeRegular {
            throw unreadable("is not a regular file (a pipe, a socket or a device); give the path of a scenario .yaml file")
        }
        let size = (attributes[.size] as? NSNumber)?.intValue ?? 0
        if size > maximumFileBytes {
            throw unreadable("the file is \(size / 1_048_576) MB; scenario files over \(maximumFileBytes / 1_048_576) MB are refused (is this the right file?)")
        }
    }

    /// The line of field `path` (as diagnostics and explanations write it: `units[1].capacity`,
    /// `trainees[3].leave[0].from`) in scenario text, or of the nearest part of it that is there; nil when the text
    /// does not parse or not even the first key is in it.
    public static func line(of path: String, in data: Data) -> Int? {
        guard let root = try? compose(data, file: "scenario") else { return nil }
        var node = root
        var found: Int?
        var parts: [(key: String, index: Int?)] = []
        for piece in path.split(separator: ".") {
            var key = String(piece)
            var index: Int?
            if let open = key.firstIndex(of: "["), key.hasSuffix("]") {
                index = Int(key[key.index(after: open)..<key.index(before: key.endIndex)])
                key = String(key[..<open])
            }
            parts.append((key, index))
        }
        for part in parts {
            guard case .mapping(let m) = node, let pair = m.first(where: { $0.key.string == part.key }) else { break }
            found = pair.key.mark?.line
            node = pair.value
            if let i = part.index {
                guard case .sequence(let items) = node, i >= 0, i < items.count else { break }
                node = items[i]
                found = node.mark?.line ?? found
            }
        }
        return found
    }

    /// The `base:` a variant file names, as written, and its line; nil when the text is no variant file or does not
    /// parse. Read from the parsed document, so that every way YAML can write the key counts (quoted keys, block
    /// scalars, tags, flow mappings): the workbench checks it before any file is read.
    public static func declaredBase(data: Data) -> (path: String, line: Int)? {
        guard let root = try? compose(data, file: "scenario"), case .mapping(let m) = root else { return nil }
        for (key, value) in m where key.string == "base" {
            return (value.string ?? "", (value.mark?.line ?? 0))
        }
        return nil
    }

    /// Parses and validates scenario text (a variant file is merged into its base, read from disk).
    public static func parse(data: Data, file: String, base: String? = nil) throws(ScenarioError) -> (Scenario, [Diagnostic]) {
        let root = try compose(data, file: file)
        if ScenarioOverlay.isOverlay(root) || base != nil {
            return try variant(root, data: data, file: file, base: base)
        }
        var (scenario, diagnostics) = try build(root, reader: NodeReader(file: file))
        scenario.sourceHash = SHA256.hex(data)
        return (scenario, diagnostics)
    }

    /// Builds and validates a composed document with `reader` (which knows the files and the overlay's paths).
    static func build(_ root: Node, reader: NodeReader, own: [Diagnostic] = []) throws(ScenarioError) -> (Scenario, [Diagnostic]) {
        let scenario = ScenarioBuilder(reader: reader).build(root)
        // A file whose lists passed their budget is not checked further: that is the one thing to fix.
        if let budget = reader.budgetError { throw ScenarioError([budget]) }
        // Cross-references are checked even when some fields were wrong, so that one run lists every problem.
        if let scenario {
            ScenarioValidator(reader: reader, scenario: scenario, root: root).validate()
        }
        let diagnostics = (own + reader.diagnostics).sorted { ($0.file, $0.line, $0.path) < ($1.file, $1.line, $1.path) }
        guard let scenario, !reader.hasErrors, !own.contains(where: { $0.severity == .error }) else { throw ScenarioError(diagnostics) }
        return (scenario, diagnostics)
    }

    /// A variant file: its own keys read, its base loaded, the two merged and the result validated.
    static func variant(_ root: Node, data: Data, file: String, base explicit: String?) throws(ScenarioError) -> (Scenario, [Diagnostic]) {
        let own = NodeReader(file: file)
        guard let f = own.fields(root, "", allowed: ScenarioOverlay.ownKeys + ["scenario", "calendar", "units", "courses", "programs",
                                                                            "supervisors", "trainees", "weights"]) else {
            throw ScenarioError(own.diagnostics)
        }
        let name = f.optional("variant", own.string)
        let today = f.optional("today", own.date)
        _ = f.optional("description", own.longString)
        let dir = (file as NSString).deletingLastPathComponent
        let written = f.optional("base", own.longString).map { ($0 as NSString).isAbsolutePath ? $0 : (dir as NSString).appendingPathComponent($0) }
        guard let basePath = explicit ?? written else {
            own.error(root, "base", "is missing: a variant file names the scenario it changes, e.g. base: ../example.yaml")
            throw ScenarioError(own.diagnostics)
        }
        if let explicit, let written,
           URL(fileURLWithPath: explicit).standardizedFileURL.path != URL(fileURLWithPath: written).standardizedFileURL.path {
            own.warning(f.node("base"), "base", "names \(written), but \(explicit) is given as the base; the variant is applied to \(explicit)")
        }
        let baseData = try read(basePath)
        let baseRoot = try compose(baseData, file: basePath)
        if ScenarioOverlay.isOverlay(baseRoot) {
            throw ScenarioError([Diagnostic(file: basePath, line: 0, path: "", message: "is itself a variant file; a variant's base must be a whole scenario")])
        }
        let merged = ScenarioOverlay.merge(base: baseRoot, overlay: root)
        for p in merged.problems { own.error(p.node, p.path, p.message) }
        let reader = NodeReader(file: basePath, overlayFile: file, overlayPaths: merged.overlayPaths)
        var (scenario, diagnostics) = try build(merged.root, reader: reader, own: own.diagnostics)
        scenario.file = file
        scenario.variant = name ?? ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        scenario.today = today
        scenario.baseFile = basePath
        scenario.sourceHash = SHA256.hex(baseData + data)
        return (scenario, diagnostics)
    }

    /// Text in UTF-16: a byte-order mark, or ASCII with every other byte zero.
    static func isUTF16(_ data: Data) -> Bool {
        let head = [UInt8](data.prefix(64))
        if head.count >= 2, (head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF) { return true }
        guard head.count >= 8 else { return false }
        let even = stride(from: 0, to: head.count - 1, by: 2).map { head[$0] }, odd = stride(from: 1, to: head.count, by: 2).map { head[$0] }
        return (even.allSatisfy { $0 == 0 } && odd.allSatisfy { $0 != 0 }) || (odd.allSatisfy { $0 == 0 } && even.allSatisfy { $0 != 0 })
    }

    /// The lines (1-based) of the first two occurrences of `key:` at or after line `from` in one mapping: as a
    /// block key at the first one's column, or twice in one flow mapping on a line.
    static func duplicateLines(of key: String, in text: String, from: Int) -> (Int?, Int?) {
        var first: (line: Int, column: Int)?
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where i + 1 >= from {
            let l = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? ""
            var columns: [Int] = []
            var rest = Substring(l)
            while let r = rest.range(of: key + ":") ?? rest.range(of: key + " :") {
                let before = rest[..<r.lowerBound].last
                if before == nil || before == " " || before == "{" || before == "," || before == "-" || before == "\t" {
                    columns.append(l.distance(from: l.startIndex, to: r.lowerBound))
                }
                rest = rest[r.upperBound...]
            }
            guard let c = columns.first else { continue }
            if let f = first {
                if columns.contains(f.column) || columns.count >= 2 { return (f.line, i + 1) }
            } else if columns.count >= 2 {
                return (i + 1, i + 1)
            } else {
                first = (i + 1, c)
            }
        }
        return (first?.line, nil)
    }

    static func yamlLine(_ e: YamlError) -> Int {
        switch e {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _): return mark.line
        default: return 0
        }
    }

    static func yamlProblem(_ e: YamlError) -> String {
        switch e {
        case .scanner(let ctx, let problem, _, _), .parser(let ctx, let problem, _, _), .composer(let ctx, let problem, _, _):
            return [ctx.map { "\($0.text)" }, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
        case .reader(let problem, _, _, _): return problem
        default: return "\(e)"
        }
    }
}

/// Builds the typed scenario from the node tree, field by field.
struct ScenarioBuilder {
    let reader: NodeReader

    func build(_ root: Node) -> Scenario? {
        guard let f = reader.fields(root, "", allowed: ["scenario", "calendar", "units", "courses", "programs", "supervisors", "trainees", "weights"]) else {
            return nil
        }
        let title = f.required("scenario", reader.string)
        let calendar = f.required("calendar", calendarSpec)
        let units = f.required("units") { n, p in reader.list(n, p)?.compactMap { unit($0.0, $0.1) } } ?? []
        let courses = f.items("courses", course)
        let programs = f.required("programs") { n, p in reader.list(n, p)?.compactMap { program($0.0, $0.1) } } ?? []
        let supervisors = f.items("supervisors", supervisor)
        let traineeNodes = f.required("trainees") { n, p in reader.list(n, p, max: Bounds.trainees) }
        let trainees = traineeNodes?.compactMap { trainee($0.0, $0.1) } ?? []
        let leaves = trainees.reduce(0) { $0 + $1.leave.count }
        if leaves > Bounds.leaveTotal {
            reader.error(f.node("trainees"), "trainees", "has \(leaves) leave periods in all; a scenario may have at most \(Bounds.leaveTotal): plan the cohort in parts")
        }
        if let nodes = traineeNodes, nodes.isEmpty {
            reader.error(f.node("trainees"), "trainees", "the list is empty; a scenario needs at least one trainee")
        }
        let weights = f.optional("weights", weightsSpec) ?? Weights()
        guard let title, let calendar else { return nil }
        return Scenario(title: title, calendar: calendar, units: units, courses: courses, programs: programs,
                        supervisors: supervisors, trainees: trainees, weights: weights, file: reader.file)
    }

    func calendarSpec(_ n: Node, _ p: String) -> CalendarSpec? {
        guard let f = reader.fields(n, p, allowed: ["start", "weeks", "periods"]) else { return nil }
        let start = f.required("start", reader.date)
        let weeks = f.required("weeks") { reader.int($0, $1, min: 1, max: Bounds.horizonWeeks) }
        let periods = f.optional("periods") { reader.enumeration($0, $1, PeriodKind.self, allowed: [.term, .quarter]) } ?? .term
        if let start, !start.isMonday {
            reader.error(f.node("start"), f.key("start"), "\(start) is not a Monday; the grid's weeks start on Mondays (try \(start.monday))")
        }
        if let weeks, weeks > 1200 {
            reader.error(f.node("weeks"), f.key("weeks"), "\(weeks) weeks is more than 1200 (23 years); plan a shorter horizon")
        }
        guard let start, let weeks else { return nil }
        return CalendarSpec(start: start, weeks: weeks, periods: periods)
    }

    func range(_ n: Node, _ p: String, extra: [String] = []) -> (DateRange, Fields)? {
        guard let f = reader.fields(n, p, allowed: ["from", "to"] + extra) else { return nil }
        let from = f.required("from", reader.date)
        let to = f.required("to", reader.date)
        guard let from, let to else { return nil }
        if to < from {
            reader.error(f.node("to"), f.key("to"), "\(to) is before from: \(from); swap them")
            return nil
        }
        return (DateRange(from: from, to: to), f)
    }

    func window(_ n: Node, _ p: String) -> YearlyWindow? {
        guard let f = reader.fields(n, p, allowed: ["from", "to"]) else { return nil }
        func monthDay(_ n: Node, _ p: String) -> (Int, Int)? {
            guard let s = reader.string(n, p) else { return nil }
            let parts = s.split(separator: "-")
            if parts.count == 2, let m = Int(parts[0]), let d = Int(parts[1]), CivilDate(year: 2000, month: m, day: d) != nil {
                return (m, d)
            }
            reader.error(n, p, "\"\(s)\" is not a day of the year; write MM-DD in quotes, e.g. \"03-01\"")
            return nil
        }
        let a = f.required("from", monthDay)
        let b = f.required("to", monthDay)
        guard let a, let b else { return nil }
        return YearlyWindow(fromMonth: a.0, fromDay: a.1, toMonth: b.0, toDay: b.1)
    }

    func unit(_ n: Node, _ p: String) -> UnitSpec? {
        guard let f = reader.fields(n, p, allowed: ["id", "name", "home", "staffing", "staffing_overrides", "capacity", "closed",
                                                      "start_windows", "lead_weeks", "local_supervisor", "capacity_overrides"]) else { return nil }
        let id = f.required("id", reader.identifier)
        let name = f.optional("name", reader.string)
        let home = f.optional("home", reader.bool) ?? false
        var minimum = 0
        var target: Int?
        if let s = f.node("staffing"), let sf = reader.fields(s, f.key("staffing"), allowed: ["min", "target"]) {
            minimum = sf.optional("min") { reader.int($0, $1, max: Bounds.places) } ?? 0
            target = sf.optional("target") { reader.int($0, $1, max: Bounds.places) }
            if let t = target, t < minimum {
                reader.error(sf.node("target"), sf.key("target"), "target \(t) is below min \(minimum); the target must be at least the minimum")
            }
        }
        let overrides: [StaffingOverride] = f.items("staffing_overrides") { n, p in
            guard let (r, of) = range(n, p, extra: ["min", "target"]) else { return nil }
            let mn = of.optional("min") { reader.int($0, $1, max: Bounds.places) }
            let tg = of.optional("target") { reader.int($0, $1, max: Bounds.places) }
            if mn == nil && tg == nil { reader.error(n, p, "an override needs min: or target:") }
            if let a = mn, let b = tg, b < a { reader.error(of.node("target"), of.key("target"), "target \(b) is below min \(a)") }
            return StaffingOverride(range: r, min: mn, target: tg)
        }
        let capacity = f.optional("capacity") { reader.int($0, $1, max: Bounds.places) }
        let capacityOverrides: [CapacityOverride] = f.items("capacity_overrides") { n, p in
            guard let (r, of) = range(n, p, extra: ["capacity"]) else { return nil }
            guard let c = of.required("capacity", { reader.int($0, $1, max: Bounds.places) }) else { return nil }
            return CapacityOverride(range: r, capacity: c)
        }
        if !capacityOverrides.isEmpty && capacity == nil {
            reader.error(f.node("capacity_overrides"), f.key("capacity_overrides"), "a unit without capacity: has unlimited places; give capacity: as well")
        }
        let closed = f.items("closed") { range($0, $1)?.0 }
        let windows = f.items("start_windows", window)
        let lead = f.optional("lead_weeks") { reader.int($0, $1, max: Bounds.leadWeeks) } ?? 12
        let local = f.optional("local_supervisor", reader.string)
        if home && capacity != nil {
            reader.error(f.node("capacity"), f.key("capacity"), "the home clinic has staffing:, not capacity:; remove capacity")
        }
        if !home && f.has("staffing") {
            reader.error(f.node("staffing"), f.key("staffing"), "only the home clinic (home: true) has staffing needs")
        }
        guard let id else { return nil }
        return UnitSpec(id: id, name: name ?? id, home: home, staffingMin: minimum, staffingTarget: target, staffingOverrides: overrides,
                        capacity: capacity, closed: closed, startWindows: windows, leadWeeks: lead, localSupervisor: local,
                        capacityOverrides: capacityOverrides)
    }

    func course(_ n: Node, _ p: String) -> CourseSpec? {
        guard let f = reader.fields(n, p, allowed: ["id", "name", "sessions", "kind", "goals"]) else { return nil }
        let id = f.required("id", reader.identifier)
        let name = f.optional("name", reader.string)
        let kind = f.optional("kind") { reader.enumeration($0, $1, CourseKind.self, allowed: [.sk, .local]) } ?? .local
        let goals = f.optional("goals", reader.identifiers) ?? []
        let sessions: [CourseSession] = f.required("sessions") { n, p in
            reader.list(n, p)?.compactMap { (sn, sp) -> CourseSession? in
                guard let sf = reader.fields(sn, sp, allowed: ["start", "days", "seats", "application_deadline", "cancelled"]) else { return nil }
                let start = sf.required("start", reader.date)
                let days = sf.required("days") { reader.int($0, $1, min: 1, max: Bounds.courseDays) }
                let seats = sf.optional("seats") { reader.int($0, $1, max: Bounds.places) }
                let deadline = sf.optional("application_deadline", reader.date)
                let cancelled = sf.optional("cancelled", reader.bool) ?? false
                if let start, start.weekday >= 6 {
                    reader.error(sf.node("start"), sf.key("start"), "\(start) is a \(start.weekday == 6 ? "Saturday" : "Sunday"); courses start on working days")
                }
                if let days, days > 60 { reader.error(sf.node("days"), sf.key("days"), "\(days) days is longer than a course can be (60)") }
                if let d = deadline, let s = start, d > s {
                    reader.error(sf.node("application_deadline"), sf.key("application_deadline"), "\(d) is after the session starts (\(s))")
                }
                guard let start, let days else { return nil }
                return CourseSession(start: start, days: days, seats: seats, applicationDeadline: deadline, cancelled: cancelled)
            }
        } ?? []
        if f.has("sessions"), sessions.isEmpty, let sn = f.node("sessions"), case .sequence(let s) = sn, s.isEmpty {
            reader.error(sn, f.key("sessions"), "a course needs at least one session")
        }
        guard let id else { return nil }
        return CourseSpec(id: id, name: name ?? id, sessions: sessions, kind: kind, goals: goals)
    }

    /// The research's `weeks:`: a number, or `{min, max, preferred?}` (preferred within the range, default max).
    func researchLength(_ f: Fields) -> (min: Int, max: Int, preferred: Int)? {
        length(f, monthsKey: nil).map { ($0.0, $0.1, $0.2 ?? $0.1) }
    }

    /// A rotation's (or the research's) `weeks:` or `months:` in weeks: `weeks: 13`, `months: 3`, or
    /// `{min, max, preferred?}` of either (preferred within the range) → (min, max, preferred).
    func length(_ f: Fields, weeksKey: String = "weeks", monthsKey: String? = "months") -> (Int, Int, Int?)? {
        func parse(_ n: Node, _ p: String, months: Bool) -> (Int, Int, Int?)? {
            func one(_ n: Node, _ p: String) -> Int? {
                if months {
                    guard let m = reader.double(n, p, max: Bounds.months) else { return nil }
                    return STTime.wholeWeeks(months: m)
                }
                return reader.int(n, p, max: Bounds.horizonWeeks)
            }
            if case .mapping = n {
                guard let rf = reader.fields(n, p, allowed: ["min", "max", "preferred"]) else { return nil }
                let a = rf.required("min", one)
                let b = rf.required("max", one)
                let c = rf.optional("preferred", one)
                guard let a, let b else { return nil }
                if a > b {
                    reader.error(rf.node("min"), rf.key("min"), "min \(a) is above max \(b)")
                    return nil
                }
                if let c, c < a || c > b {
                    reader.error(rf.node("preferred"), rf.key("preferred"), "\(c) weeks is outside \(a)–\(b); give a preferred length within the range")
                    return nil
                }
                return (a, b, c)
            }
            guard let v = one(n, p) else { return nil }
            return (v, v, nil)
        }
        let w = f.optional(weeksKey) { parse($0, $1, months: false) }
        let m = monthsKey.flatMap { k in f.optional(k) { parse($0, $1, months: true) } }
        if f.has(weeksKey), let mk = monthsKey, f.has(mk) {
            reader.error(f.node(mk), f.key(mk), "give either \(weeksKey): or \(mk):, not both")
            return nil
        }
        return w ?? m
    }

    /// `vacation_in_rotation: counts | forbidden | extends` of `f`.
    func vacationInRotation(_ f: Fields) -> VacationInRotation? {
        f.optional("vacation_in_rotation") { n, p -> VacationInRotation? in
            return reader.enumeration(n, p, VacationInRotation.self, allowed: VacationInRotation.allCases)
        }
    }

    func rotation(_ n: Node, _ p: String, vacation programVacation: VacationInRotation, maxVacation programMax: Int?) -> RotationSpec? {
        guard let f = reader.fields(n, p, allowed: ["id", "unit", "units", "weeks", "months", "split_max", "min_block_weeks",
                                                      "before_month", "after_month", "after", "goals", "vacation_in_rotation",
                                                      "max_vacation_weeks_in_block"]) else { return nil }
        let own = vacationInRotation(f)
        var vacation = own ?? programVacation
        let maxVacation = f.optional("max_vacation_weeks_in_block") { reader.int($0, $1, min: 0, max: Bounds.yearWeeks) } ?? programMax
        let id = f.required("id", reader.identifier)
        var units: [String] = []
        if let u = f.optional("unit", reader.identifier) { units = [u] }
        if let us = f.optional("units", reader.identifiers) {
            if f.has("unit") { reader.error(f.node("units"), f.key("units"), "give either unit: or units:, not both") }
            units = us
            if us.isEmpty { reader.error(f.node("units"), f.key("units"), "the list of alternative units is empty") }
        }
        if !f.has("unit") && !f.has("units") { reader.error(n, f.key("unit"), "is missing (or units: [a, b] for alternatives)") }
        let len = length(f)
        if !f.has("weeks") && !f.has("months") { reader.error(n, f.key("weeks"), "is missing (or months:)") }
        if let l = len, l.0 == 0 { reader.error(f.node("weeks") ?? f.node("months"), f.key("weeks"), "a rotation must last at least one week") }
        let split = f.optional("split_max") { reader.int($0, $1, min: 1, max: Bounds.count) } ?? 1
        let minBlock = f.optional("min_block_weeks") { reader.int($0, $1, min: 1, max: Bounds.horizonWeeks) }
        let before = f.optional("before_month") { reader.double($0, $1, min: 1, max: 66) }
        let after = f.optional("after_month") { reader.double($0, $1, min: 0, max: 66) }
        if let a = after, let b = before, a >= b {
            reader.error(f.node("after_month"), f.key("after_month"), "after_month \(a) is not before before_month \(b)")
        }
        let order = f.optional("after", reader.identifiers) ?? []
        let goals = f.optional("goals", reader.identifiers) ?? []
        if let l = len, let mb = minBlock, mb > l.1 {
            reader.error(f.node("min_block_weeks"), f.key("min_block_weeks"), "min_block_weeks \(mb) is longer than the rotation (\(l.1) weeks)")
        }
        guard let id, let len else { return nil }
        // extends is for a rotation in one block: a split rotation under a program's extends counts its vacation.
        if vacation == .extends, split > 1 {
            if own == .extends {
                reader.error(f.node("vacation_in_rotation")!, f.key("vacation_in_rotation"),
                             "extends is for a rotation in one block; this one may be split (split_max \(split)): write counts or forbidden")
            }
            vacation = .counts
        }
        if let c = len.2, c > len.0, split > 1 {
            reader.error(f.node("weeks") ?? f.node("months"), f.key("weeks"),
                         "a preferred length is for a rotation in one block; this one may be split (split_max \(split)): drop preferred or split_max")
        }
        return RotationSpec(id: id, units: units, minWeeks: len.0, maxWeeks: len.1, splitMax: split, minBlockWeeks: minBlock,
                            beforeMonth: before, afterMonth: after, after: order, goals: goals, vacation: vacation,
                            preferredWeeks: split > 1 ? len.0 : (len.2 ?? len.0), maxVacationWeeksInBlock: maxVacation)
    }

    func program(_ n: Node, _ p: String) -> ProgramSpec? {
        guard let f = reader.fields(n, p, allowed: ["id", "name", "regulation", "rotations", "courses", "max_courses_per_term", "research",
                                                      "quality", "self_study", "supervision", "vacation_weeks_per_year",
                                                      "completion_buffer_weeks", "bt", "home", "introduction_weeks",
                                                      "vacation_earning_leave", "goals", "vacation_in_rotation",
                                                      "max_vacation_weeks_in_block"]) else { return nil }
        let id = f.required("id", reader.identifier)
        let home = f.optional("home", reader.identifier)
        let name = f.optional("name", reader.string)
        let regulation = f.optional("regulation") { reader.enumeration($0, $1, Regulation.self, allowed: [.sosfs2015, .hslf2021]) } ?? .sosfs2015
        let programVacation = vacationInRotation(f) ?? .counts
        let programMax = f.optional("max_vacation_weeks_in_block") { reader.int($0, $1, min: 0, max: Bounds.yearWeeks) }
        let rotations = f.items("rotations") { rotation($0, $1, vacation: programVacation, maxVacation: programMax) }
        let courses: [CourseRequirement] = f.items("courses") { n, p in
            guard let cf = reader.fields(n, p, allowed: ["course", "before_month", "before"]) else { return nil }
            let c = cf.required("course", reader.identifier)
            let bm = cf.optional("before_month") { reader.double($0, $1, min: 1, max: 66) }
            let before = cf.optional("before") { n, p -> Bool? in
                guard let s = reader.string(n, p) else { return nil }
                if s == "research" { return true }
                reader.error(n, p, "\"\(s)\" is not understood; before: takes research")
                return nil
            } ?? false
            guard let c else { return nil }
            return CourseRequirement(course: c, beforeMonth: bm, beforeResearch: before)
        }
        let maxPerTerm = f.optional("max_courses_per_term") { reader.int($0, $1, min: 1, max: Bounds.count) }
        let research = f.optional("research") { n, p -> ResearchSpec? in
            guard let rf = reader.fields(n, p, allowed: ["weeks", "start_before_month", "mode", "share"]) else { return nil }
            let w = researchLength(rf)
            if !rf.has("weeks") { reader.error(n, rf.key("weeks"), "is missing") }
            let sb = rf.optional("start_before_month") { reader.double($0, $1, min: 1, max: 66) }
            let mode = rf.optional("mode") { reader.enumeration($0, $1, WorkMode.self, allowed: [.block, .spread]) } ?? .block
            let share = rf.optional("share") { reader.double($0, $1, min: 0.05, max: 1) }
            guard let w else { return nil }
            return ResearchSpec(minWeeks: w.min, maxWeeks: w.max, preferredWeeks: w.preferred, startBeforeMonth: sb, mode: mode, share: share)
        }
        let quality = f.optional("quality") { n, p -> QualitySpec? in
            guard let qf = reader.fields(n, p, allowed: ["weeks", "mode", "share"]) else { return nil }
            let w = qf.required("weeks") { reader.int($0, $1, min: 1, max: Bounds.horizonWeeks) }
            let mode = qf.optional("mode") { reader.enumeration($0, $1, WorkMode.self, allowed: [.block, .spread, .integrated]) } ?? .block
            let share = qf.optional("share") { reader.double($0, $1, min: 0.05, max: 1) }
            guard let w else { return nil }
            return QualitySpec(weeks: w, mode: mode, share: share)
        }
        let selfStudy = f.optional("self_study") { n, p -> SelfStudySpec? in
            guard let sf = reader.fields(n, p, allowed: ["hours_per_week", "full_days", "max_hours_per_week"]) else { return nil }
            let h = sf.required("hours_per_week") { reader.double($0, $1, max: Bounds.weekHours) }
            let full = sf.optional("full_days", reader.bool) ?? false
            let most = sf.optional("max_hours_per_week") { reader.int($0, $1, min: 1, max: Int(Bounds.weekHours)) } ?? 8
            guard let h else { return nil }
            if Double(most) < h {
                reader.error(sf.node("max_hours_per_week"), sf.key("max_hours_per_week"), "\(most) is below hours_per_week (\(JSONValue.format(h))); raise it")
            }
            if full && most < 8 {
                reader.error(sf.node("max_hours_per_week"), sf.key("max_hours_per_week"), "full_days needs at least 8 hours a week; raise it to 8 or more")
            }
            return SelfStudySpec(hoursPerWeek: h, fullDays: full, maxHoursPerWeek: most)
        }
        let supervision = f.optional("supervision") { n, p -> SupervisionSpec? in
            guard let sf = reader.fields(n, p, allowed: ["hours", "every_weeks_first_year", "every_weeks_after"]) else { return nil }
            let h = sf.required("hours") { reader.double($0, $1, max: Bounds.weekHours) }
            let a = sf.required("every_weeks_first_year") { reader.int($0, $1, min: 1, max: Bounds.yearWeeks) }
            let b = sf.required("every_weeks_after") { reader.int($0, $1, min: 1, max: Bounds.yearWeeks) }
            guard let h, let a, let b else { return nil }
            return SupervisionSpec(hours: h, everyWeeksFirstYear: a, everyWeeksAfter: b)
        }
        let vacation = f.optional("vacation_weeks_per_year") { reader.int($0, $1, max: Bounds.yearWeeks) }
        if let v = vacation, v > 10 { reader.error(f.node("vacation_weeks_per_year"), f.key("vacation_weeks_per_year"), "\(v) weeks of vacation a year is more than 10") }
        let buffer = f.optional("completion_buffer_weeks") { reader.int($0, $1, max: Bounds.bufferWeeks) } ?? 0
        let introduction = f.optional("introduction_weeks") { reader.int($0, $1, max: Bounds.yearWeeks) } ?? 4
        let goals = f.optional("goals") { n, p in
            reader.list(n, p)?.compactMap { (gn, gp) -> GoalSpec? in
                guard let gf = reader.fields(gn, gp, allowed: ["id", "name"]) else { return nil }
                guard let id = gf.required("id", reader.identifier) else { return nil }
                return GoalSpec(id: id, name: gf.optional("name", reader.string) ?? id)
            }
        } ?? []
        let earning = f.optional("vacation_earning_leave") { n, p -> VacationEarningLeave? in
            guard let ef = reader.fields(n, p, allowed: ["sick_days", "parental_days"]) else { return nil }
            let sick = ef.optional("sick_days") { reader.int($0, $1, max: Bounds.yearDays) } ?? VacationEarningLeave.semesterlagen.sickDays
            let parental = ef.optional("parental_days") { reader.int($0, $1, max: Bounds.yearDays) } ?? VacationEarningLeave.semesterlagen.parentalDays
            for (key, v) in [("sick_days", sick), ("parental_days", parental)] where v > 366 {
                reader.error(ef.node(key), ef.key(key), "\(v) days is more than a year; write the days of leave a year that earn vacation (Semesterlagen: 180 sick, 120 parental)")
            }
            return VacationEarningLeave(sickDays: sick, parentalDays: parental)
        } ?? .semesterlagen
        if introduction > 26 {
            reader.error(f.node("introduction_weeks"), f.key("introduction_weeks"), "\(introduction) weeks of introduction is more than 26 (half a year); the introduction is the first weeks of the ST")
        }
        let bt = f.optional("bt") { n, p -> BTSpec? in
            guard let bf = reader.fields(n, p, allowed: ["weeks", "rotations", "count_credited"]) else { return nil }
            let w = bf.required("weeks") { reader.int($0, $1, min: 1, max: Bounds.horizonWeeks) }
            let r = bf.optional("rotations", reader.identifiers) ?? []
            let credited = bf.optional("count_credited") { reader.bool($0, $1) } ?? false
            guard let w else { return nil }
            return BTSpec(weeks: w, rotations: r, countCredited: credited)
        }
        if bt != nil && regulation != .hslf2021 {
            reader.error(f.node("bt"), f.key("bt"), "a BT block belongs to HSLF-FS 2021:8 programs; set regulation: HSLF-FS 2021:8 or remove bt")
        }
        guard let id else { return nil }
        return ProgramSpec(id: id, name: name ?? id, regulation: regulation, rotations: rotations, courses: courses, maxCoursesPerTerm: maxPerTerm,
                           research: research, quality: quality, selfStudy: selfStudy, supervision: supervision,
                           vacationWeeksPerYear: vacation, completionBufferWeeks: buffer, bt: bt, introductionWeeks: introduction,
                           goals: goals, vacationEarningLeave: earning, home: home)
    }

    func supervisor(_ n: Node, _ p: String) -> SupervisorSpec? {
        guard let f = reader.fields(n, p, allowed: ["id", "name", "hours_per_month"]) else { return nil }
        let id = f.required("id", reader.identifier)
        let name = f.optional("name", reader.string)
        let hours = f.optional("hours_per_month") { reader.double($0, $1, max: 5 * Bounds.weekHours) } ?? 4
        guard let id else { return nil }
        return SupervisorSpec(id: id, name: name ?? id, hoursPerMonth: hours)
    }

    func trainee(_ n: Node, _ p: String) -> TraineeSpec? {
        guard let f = reader.fields(n, p, allowed: ["id", "name", "program", "start", "supervisor", "employment", "leave", "credited_weeks",
                                                      "done", "preferences", "extension_weeks", "pins", "forbidden"]) else { return nil }
        let id = f.required("id", reader.identifier)
        let name = f.optional("name", reader.string)
        let program = f.required("program", reader.identifier)
        let start = f.required("start", reader.date)
        let supervisor = f.optional("supervisor", reader.identifier)
        let employment = f.optional("employment") { n, p -> Double? in
            guard let e = reader.double(n, p, min: 0, max: 1) else { return nil }
            if e < 0.5 { reader.error(n, p, "\(e) is below 0.5; ST part time is at least 50 %"); return nil }
            return e
        } ?? 1
        let leave: [LeaveSpec] = f.items("leave", max: Bounds.leavePerTrainee) { n, p in
            guard let (r, lf) = range(n, p, extra: ["kind"]) else { return nil }
            let kind = lf.optional("kind") { reader.enumeration($0, $1, LeaveKind.self, allowed: [.parental, .sick, .other]) } ?? .other
            return LeaveSpec(range: r, kind: kind)
        }
        let credited = f.optional("credited_weeks") { reader.int($0, $1, max: Bounds.horizonWeeks) } ?? 0
        let done = f.optional("done", reader.identifiers) ?? []
        let preferences: [PreferenceSpec] = f.items("preferences") { n, p in
            guard let pf = reader.fields(n, p, allowed: ["rotation", "not_before", "not_after", "unit"]) else { return nil }
            let r = pf.required("rotation", reader.identifier)
            let nb = pf.optional("not_before", reader.date)
            let na = pf.optional("not_after", reader.date)
            let u = pf.optional("unit", reader.identifier)
            if let a = nb, let b = na, b < a { reader.error(pf.node("not_after"), pf.key("not_after"), "\(b) is before not_before \(a)") }
            if nb == nil && na == nil && u == nil { reader.error(n, p, "a preference needs not_before:, not_after: or unit:") }
            guard let r else { return nil }
            return PreferenceSpec(rotation: r, notBefore: nb, notAfter: na, unit: u)
        }
        let extension_ = f.optional("extension_weeks") { reader.int($0, $1, max: Bounds.horizonWeeks) } ?? 0
        let pins: [PinSpec] = f.items("pins") { n, p in
            guard let pf = reader.fields(n, p, allowed: ["rotation", "start", "unit"]) else { return nil }
            let r = pf.required("rotation", reader.identifier)
            let s = pf.required("start", reader.date)
            let u = pf.optional("unit", reader.identifier)
            guard let r, let s else { return nil }
            return PinSpec(rotation: r, start: s, unit: u)
        }
        let forbidden: [ForbiddenSpec] = f.items("forbidden") { n, p in
            guard let (r, ff) = range(n, p, extra: ["unit"]) else { return nil }
            guard let u = ff.required("unit", reader.identifier) else { return nil }
            return ForbiddenSpec(unit: u, range: r)
        }
        guard let id, let program, let start else { return nil }
        return TraineeSpec(id: id, name: name ?? id, program: program, start: start, supervisor: supervisor, employment: employment,
                           leave: leave, creditedWeeks: credited, done: done, preferences: preferences, extensionWeeks: extension_,
                           pins: pins, forbidden: forbidden)
    }

    func weightsSpec(_ n: Node, _ p: String) -> Weights? {
        guard let f = reader.fields(n, p, allowed: ["extension_week", "staffing_shortage", "staffing_below_target", "preference",
                                                    "research_short_week", "rotation_short_week"]) else { return nil }
        var w = Weights()
        if let v = f.optional("extension_week", { reader.double($0, $1, max: Bounds.weight) }) { w.extensionWeek = v }
        if let v = f.optional("staffing_shortage", { reader.double($0, $1, max: Bounds.weight) }) { w.staffingShortage = v }
        if let v = f.optional("staffing_below_target", { reader.double($0, $1, max: Bounds.weight) }) { w.staffingBelowTarget = v }
        if let v = f.optional("preference", { reader.double($0, $1, max: Bounds.weight) }) { w.preference = v }
        if let v = f.optional("research_short_week", { reader.double($0, $1, max: Bounds.weight) }) { w.researchShortWeek = v }
        if let v = f.optional("rotation_short_week", { reader.double($0, $1, max: Bounds.weight) }) { w.rotationShortWeek = v }
        return w
    }
}
