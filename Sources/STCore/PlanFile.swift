import Foundation

/// A plan file that cannot be read.
public struct PlanFileError: Error, Sendable, CustomStringConvertible {
    public let message: String
    /// The file cannot be read at all (missing, a directory, a pipe, too large), as opposed to bad content.
    public let unreadable: Bool
    public init(_ message: String, unreadable: Bool = false) { self.message = message; self.unreadable = unreadable }
    public var description: String { message }
}

/// Reads and writes `plan.json` (format `stplan-plan/1`).
public enum PlanFile {
    /// The plan as deterministic JSON text (same plan, same bytes), ending in a newline.
    public static func encode(_ plan: Plan) -> String { json(plan).text() + "\n" }

    /// Reads a plan from JSON data (strict JSON; an object naming a key twice is refused) and checks it as untrusted
    /// input (``PlanValidator``): ids, texts, dates, numbers, one entry a calendar week, blocks that agree with their
    /// weeks, nothing listed twice.
    ///
    /// - Parameter file: the name messages begin with (the file's path).
    /// - Throws: ``PlanFileError`` naming the file and the field that is missing or wrong (`plan.json:
    ///   trainees[3].weeks[10].counts is missing`), the line of a syntax error, or the format mismatch.
    public static func decode(_ data: Data, file: String = "plan file") throws(PlanFileError) -> Plan {
        let root: JSONNode
        do { root = try JSONReader.parse([UInt8](data)) } catch {
            throw PlanFileError("\(file): \(error) (is this a plan.json written by stplan?)")
        }
        let plan = try PlanFileReader.plan(root, file: file)
        let problems = PlanValidator.problems(of: plan)
        if !problems.isEmpty {
            let more = problems.count >= PlanValidator.most ? "\n(the first \(PlanValidator.most) problems; there may be more)" : ""
            throw PlanFileError(problems.map { "\(file): \($0)" }.joined(separator: "\n") + more)
        }
        return plan
    }

    /// Reads a plan file from disk (see ``decode(_:file:)``); messages name `path`.
    public static func read(path: String) throws(PlanFileError) -> Plan {
        try decode(data(path: path), file: path)
    }

    /// A plan file's bytes (for its hash too), refused when it is missing, not a regular file or too large.
    public static func data(path: String) throws(PlanFileError) -> Data {
        try readable(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PlanFileError("cannot read plan file \(path): it does not exist or is not readable", unreadable: true)
        }
        return data
    }

    /// Plan files above this size are refused before they are read (2 000 trainees over 1 200 weeks are some 400 MB).
    public static let maximumFileBytes = 512 * 1024 * 1024

    /// Refuses a path that is a directory, a pipe or a device (a pipe would wait for ever), or too large.
    public static func readable(_ path: String) throws(PlanFileError) {
        let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: real) else { return }
        if let type = attributes[.type] as? FileAttributeType, type != .typeRegular {
            throw PlanFileError("cannot read plan file \(path): it is \(type == .typeDirectory ? "a directory" : "not a regular file (a pipe, a socket or a device)"); give the path of a plan.json", unreadable: true)
        }
        if let size = (attributes[.size] as? NSNumber)?.intValue, size > maximumFileBytes {
            throw PlanFileError("cannot read plan file \(path): it is \(size / 1_048_576) MB; plan files over \(maximumFileBytes / 1_048_576) MB are refused", unreadable: true)
        }
    }

    static func json(_ p: Plan) -> JSONValue {
        var solve: [(String, JSONValue)] = [
            ("status", .string(p.solve.status)),
            ("objective", .optional(p.solve.objective, JSONValue.double)),
            ("bound", .optional(p.solve.bound, JSONValue.double)),
            ("gap", .optional(p.solve.gap, JSONValue.double)),
            ("seconds", .double(p.solve.seconds)),
        ]
        if let terms = p.solve.terms {
            solve.append(("terms", .object(terms.sorted { $0.key < $1.key }.map { ($0.key, .double($0.value)) })))
        }
        return .object([
            ("format", .string(p.format)),
            ("scenario", .string(p.scenario)),
            ("calendar", .object([("start", .string(p.calendar.start.description)), ("weeks", .int(p.calendar.weeks))]
                                 + (p.calendar.periods.map { [("periods", JSONValue.string($0))] } ?? []))),
            ("solve", .object(solve)),
            ("trainees", .array(p.trainees.map(trainee))),
            ("units", .array(p.units.map { u in
                var pairs: [(String, JSONValue)] = [("id", .string(u.id)), ("load", .array(u.load.map(JSONValue.int)))]
                if let c = u.capacity { pairs.append(("capacity", .array(c.map(JSONValue.int)))) }
                return .object(pairs)
            })),
            ("staffing", .array(p.staffing.map { s in
                var pairs: [(String, JSONValue)] = [
                    ("unit", .string(s.unit)),
                    ("present", .array(s.present.map(JSONValue.double))),
                    ("min", .array(s.min.map(JSONValue.int))),
                ]
                if let t = s.target { pairs.append(("target", .array(t.map(JSONValue.int)))) }
                pairs.append(("shortage", .array(s.shortage.map(JSONValue.double))))
                return .object(pairs)
            })),
        ] + (p.catalog.map { [("catalog", catalog($0))] } ?? []) + (p.history.map { [("history", history($0))] } ?? []))
    }

    static func history(_ h: Plan.History) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("scenarioHash", .string(h.scenarioHash))]
        if let f = h.scenarioFile { pairs.append(("scenarioFile", .string(f))) }
        pairs.append(("replans", .array(h.replans.map { r in
            var step: [(String, JSONValue)] = [("today", .string(r.today.description)), ("fromPlanHash", .string(r.fromPlanHash))]
            if let s = r.fromScenarioHash { step.append(("fromScenarioHash", .string(s))) }
            step += [("stability", .string(r.stability)), ("changedTrainees", .array(r.changedTrainees.map(JSONValue.string))),
                     ("changedWeeks", .int(r.changedWeeks)), ("movedBlocks", .int(r.movedBlocks))]
            if let b = r.booked {
                step.append(("booked", .array(b.map {
                    .object([("trainee", .string($0.trainee)), ("rotation", .string($0.rotation)), ("unit", .string($0.unit)),
                             ("start", .string($0.start.description))])
                })))
            }
            return .object(step)
        })))
        return .object(pairs)
    }

    static func catalog(_ c: Plan.Catalog) -> JSONValue {
        func named(_ xs: [Plan.Catalog.Named]) -> JSONValue { .array(xs.map { .object([("id", .string($0.id)), ("name", .string($0.name))]) }) }
        return .object([
            ("units", named(c.units)),
            ("courses", .array(c.courses.map { k in
                .object([("id", .string(k.id)), ("name", .string(k.name)), ("kind", .string(k.kind)),
                         ("sessions", .array(k.sessions.map { .object([("start", .string($0.start.description)), ("days", .int($0.days))]) }))])
            })),
            ("rotations", named(c.rotations)),
            ("supervisors", .array(c.supervisors.map {
                .object([("id", .string($0.id)), ("name", .string($0.name)), ("hoursPerMonth", .double($0.hoursPerMonth))])
            })),
            ("selfStudy", .object(c.selfStudy.sorted { $0.key < $1.key }.map { ($0.key, .double($0.value)) })),
        ] + (c.programs.map { [("programs", named($0))] } ?? []) + (c.goals.map { gs in
            [("goals", .array(gs.map { .object([("id", .string($0.id)), ("name", .string($0.name)), ("program", .string($0.program))]) }))]
        } ?? []))
    }

    static func event(_ e: Plan.Event) -> JSONValue {
        var pairs: [(String, JSONValue)] = [("kind", .string(e.kind.rawValue)), ("date", .string(e.date.description))]
        if let s = e.subject { pairs.append(("subject", .string(s))) }
        if let w = e.with { pairs.append(("with", .string(w))) }
        if let h = e.hours { pairs.append(("hours", .double(h))) }
        return .object(pairs)
    }

    static func trainee(_ t: Plan.TraineePlan) -> JSONValue {
        var head: [(String, JSONValue)] = [("id", .string(t.id))]
        if let n = t.name { head.append(("name", .string(n))) }
        if let s = t.supervisor { head.append(("supervisor", .string(s))) }
        return .object(head + [
            ("program", .string(t.program)),
            ("start", .string(t.start.description)),
            ("requiredWeeks", .int(t.requiredWeeks)),
        ] + (t.creditedWeeks.map { [("creditedWeeks", .int($0))] } ?? []) + [
            ("countedWeeks", .double(t.countedWeeks)),
            ("completion", .optional(t.completion) { .string($0.description) }),
            ("extensionWeeks", .int(t.extensionWeeks)),
            ("weeks", .array(t.weeks.map { w in
                var pairs: [(String, JSONValue)] = [
                    ("week", .string(w.week.description)),
                    ("activity", .string(w.activity.rawValue)),
                ]
                if let u = w.unit { pairs.append(("unit", .string(u))) }
                if let r = w.rotation { pairs.append(("rotation", .string(r))) }
                if let l = w.leave { pairs.append(("leave", .string(l))) }
                pairs += [
                    ("counts", .double(w.counts)),
                    ("courses", .array(w.courses.map(JSONValue.string))),
                    ("research", .double(w.research)),
                    ("quality", .double(w.quality)),
                ]
                if w.selfStudyHours != 0 { pairs.append(("selfStudyHours", .int(w.selfStudyHours))) }
                if w.supervisionHours != 0 { pairs.append(("supervisionHours", .double(w.supervisionHours))) }
                if !w.events.isEmpty { pairs.append(("events", .array(w.events.map(event)))) }
                if !w.goals.isEmpty { pairs.append(("goals", .array(w.goals.map(JSONValue.string)))) }
                return .object(pairs)
            })),
            ("blocks", .array(t.blocks.map { b in
                var pairs: [(String, JSONValue)] = [("activity", .string(b.activity.rawValue))]
                if let u = b.unit { pairs.append(("unit", .string(u))) }
                if let r = b.rotation { pairs.append(("rotation", .string(r))) }
                if let l = b.leave { pairs.append(("leave", .string(l))) }
                pairs += [("from", .string(b.from.description)), ("to", .string(b.to.description)), ("weeks", .int(b.weeks))]
                return .object(pairs)
            })),
        ])
    }
}
