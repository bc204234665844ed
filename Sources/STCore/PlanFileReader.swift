// plan.json into a `Plan` by hand, from the tree JSONReader gives: the field paths of the messages are the
// file's own (`trainees[3].weeks[10].counts is missing`), and it is several times faster than JSONDecoder.

/// Builds a ``Plan`` from a parsed plan file, naming the path of the first field that is missing or wrong.
struct PlanFileReader {
    /// The path to the value being read, as components (kept as a stack so that no path text is made unless
    /// there is an error to report).
    private enum Step { case key(String), index(Int) }
    private var path: [Step] = []
    /// The file named in messages (its path, or "plan file").
    private let file: String

    static func plan(_ root: JSONNode, file: String) throws(PlanFileError) -> Plan {
        var r = PlanFileReader(file: file)
        return try r.plan(root)
    }

    private func where_(_ key: String? = nil) -> String {
        var out = ""
        for s in path + (key.map { [Step.key($0)] } ?? []) {
            switch s {
            case .key(let k): out += out.isEmpty ? k : "." + k
            case .index(let i): out += "[\(i)]"
            }
        }
        return out.isEmpty ? "the top level" : out
    }

    private func missing(_ key: String) -> PlanFileError { PlanFileError("\(file): \(where_(key)) is missing") }
    private func wrong(_ key: String?, _ expected: String, _ found: JSONNode) -> PlanFileError {
        PlanFileError("\(file): \(where_(key)) has the wrong type: expected \(expected), found \(found.kindName)")
    }

    // MARK: scalars, by key of an object

    private typealias Fields = [(String, JSONNode)]

    private func node(_ f: Fields, _ key: String) -> JSONNode? {
        for p in f where p.0 == key { return p.1 }
        return nil
    }

    private func fields(_ n: JSONNode, _ key: String?) throws(PlanFileError) -> Fields {
        guard case .object(let f) = n else { throw wrong(key, "an object", n) }
        return f
    }

    private func string(_ n: JSONNode, _ key: String?) throws(PlanFileError) -> String {
        guard case .string(let s) = n else { throw wrong(key, "text", n) }
        return s
    }
    private func string(_ f: Fields, _ key: String) throws(PlanFileError) -> String {
        guard let n = node(f, key) else { throw missing(key) }
        return try string(n, key)
    }
    private func optionalString(_ f: Fields, _ key: String) throws(PlanFileError) -> String? {
        guard let n = node(f, key) else { return nil }
        if case .null = n { return nil }
        return try string(n, key)
    }

    private func double(_ n: JSONNode, _ key: String?) throws(PlanFileError) -> Double {
        guard case .number(let v, _) = n else { throw wrong(key, "a number", n) }
        return v
    }
    private func double(_ f: Fields, _ key: String) throws(PlanFileError) -> Double {
        guard let n = node(f, key) else { throw missing(key) }
        return try double(n, key)
    }
    private func optionalDouble(_ f: Fields, _ key: String) throws(PlanFileError) -> Double? {
        guard let n = node(f, key) else { return nil }
        if case .null = n { return nil }
        return try double(n, key)
    }

    private func int(_ n: JSONNode, _ key: String?) throws(PlanFileError) -> Int {
        if case .number(let v, nil) = n, v.isFinite, v == v.rounded(.towardZero), abs(v) >= 9e15 {
            throw PlanFileError("\(file): \(where_(key)): \(JSONValue.format(v)) is too large a whole number for a plan")
        }
        guard case .number(_, let i?) = n else { throw wrong(key, "a whole number", n) }
        return i
    }
    private func int(_ f: Fields, _ key: String) throws(PlanFileError) -> Int {
        guard let n = node(f, key) else { throw missing(key) }
        return try int(n, key)
    }
    private func optionalInt(_ f: Fields, _ key: String) throws(PlanFileError) -> Int? {
        guard let n = node(f, key) else { return nil }
        if case .null = n { return nil }
        return try int(n, key)
    }

    private func date(_ n: JSONNode, _ key: String?) throws(PlanFileError) -> CivilDate {
        let s = try string(n, key)
        guard let d = CivilDate(iso: s) else { throw PlanFileError("\(file): \(where_(key)): \"\(s)\" is not a date (YYYY-MM-DD)") }
        return d
    }
    private func date(_ f: Fields, _ key: String) throws(PlanFileError) -> CivilDate {
        guard let n = node(f, key) else { throw missing(key) }
        return try date(n, key)
    }
    private func optionalDate(_ f: Fields, _ key: String) throws(PlanFileError) -> CivilDate? {
        guard let n = node(f, key) else { return nil }
        if case .null = n { return nil }
        return try date(n, key)
    }

    private func raw<T: RawRepresentable>(_ f: Fields, _ key: String, _: T.Type) throws(PlanFileError) -> T where T.RawValue == String {
        let s = try string(f, key)
        guard let v = T(rawValue: s) else { throw PlanFileError("\(file): \(where_(key)): \"\(s)\" is not a known value") }
        return v
    }

    private func list(_ f: Fields, _ key: String) throws(PlanFileError) -> [JSONNode] {
        guard let n = node(f, key) else { throw missing(key) }
        guard case .array(let items) = n else { throw wrong(key, "a list", n) }
        return items
    }
    private func optionalList(_ f: Fields, _ key: String) throws(PlanFileError) -> [JSONNode]? {
        guard let n = node(f, key) else { return nil }
        if case .null = n { return nil }
        guard case .array(let items) = n else { throw wrong(key, "a list", n) }
        return items
    }

    /// Each item of the list at `key`, read by `item` with the path pointing at it.
    private mutating func each<T>(_ items: [JSONNode], _ key: String,
                                  _ item: (inout PlanFileReader, JSONNode) throws(PlanFileError) -> T) throws(PlanFileError) -> [T] {
        path.append(.key(key))
        defer { path.removeLast() }
        var out: [T] = []
        out.reserveCapacity(items.count)
        for (k, n) in items.enumerated() {
            path.append(.index(k))
            out.append(try item(&self, n))
            path.removeLast()
        }
        return out
    }
    private mutating func within<T>(_ key: String, _ body: (inout PlanFileReader) throws(PlanFileError) -> T) throws(PlanFileError) -> T {
        path.append(.key(key))
        defer { path.removeLast() }
        return try body(&self)
    }
    private mutating func ints(_ f: Fields, _ key: String) throws(PlanFileError) -> [Int] {
        try each(try list(f, key), key) { r, n throws(PlanFileError) in try r.int(n, nil) }
    }
    private mutating func doubles(_ f: Fields, _ key: String) throws(PlanFileError) -> [Double] {
        try each(try list(f, key), key) { r, n throws(PlanFileError) in try r.double(n, nil) }
    }
    private mutating func strings(_ f: Fields, _ key: String) throws(PlanFileError) -> [String] {
        try each(try list(f, key), key) { r, n throws(PlanFileError) in try r.string(n, nil) }
    }
    private func numberMap(_ n: JSONNode, _ key: String) throws(PlanFileError) -> [String: Double] {
        let f = try fields(n, key)
        var out: [String: Double] = [:]
        for (k, v) in f { out[k] = try double(v, key + "." + k) }
        return out
    }

    // MARK: the plan

    private mutating func plan(_ root: JSONNode) throws(PlanFileError) -> Plan {
        let f = try fields(root, nil)
        let format = try string(f, "format")
        guard format == Plan.formatName else {
            throw PlanFileError("\(file) has format \"\(format)\"; this stplan reads \(Plan.formatName)")
        }
        let scenario = try string(f, "scenario")
        guard let cn = node(f, "calendar") else { throw missing("calendar") }
        let calendar = try within("calendar") { r throws(PlanFileError) in
            let c = try r.fields(cn, nil)
            return Plan.CalendarInfo(start: try r.date(c, "start"), weeks: try r.int(c, "weeks"), periods: try r.optionalString(c, "periods"))
        }
        guard let sn = node(f, "solve") else { throw missing("solve") }
        let solve = try within("solve") { r throws(PlanFileError) in
            let s = try r.fields(sn, nil)
            return Plan.SolveInfo(status: try r.string(s, "status"), objective: try r.optionalDouble(s, "objective"),
                                  bound: try r.optionalDouble(s, "bound"), gap: try r.optionalDouble(s, "gap"),
                                  seconds: try r.double(s, "seconds"), terms: try r.node(s, "terms").map { n throws(PlanFileError) in try r.numberMap(n, "terms") })
        }
        let trainees = try each(try list(f, "trainees"), "trainees") { r, n throws(PlanFileError) in try r.trainee(n) }
        let units = try each(try list(f, "units"), "units") { r, n throws(PlanFileError) in
            let u = try r.fields(n, nil)
            let capacity: [Int]? = r.node(u, "capacity") == nil ? nil : try r.ints(u, "capacity")
            return Plan.UnitLoad(id: try r.string(u, "id"), load: try r.ints(u, "load"), capacity: capacity)
        }
        let staffing = try each(try list(f, "staffing"), "staffing") { r, n throws(PlanFileError) in
            let s = try r.fields(n, nil)
            let target: [Int]? = r.node(s, "target") == nil ? nil : try r.ints(s, "target")
            return Plan.Staffing(unit: try r.string(s, "unit"), present: try r.doubles(s, "present"), min: try r.ints(s, "min"),
                                 target: target, shortage: try r.doubles(s, "shortage"))
        }
        var plan = Plan(scenario: scenario, calendar: calendar, solve: solve, trainees: trainees, units: units, staffing: staffing)
        plan.format = format
        if let cn = node(f, "catalog") { plan.catalog = try within("catalog") { r throws(PlanFileError) in try r.catalog(cn) } }
        if let hn = node(f, "history") { plan.history = try within("history") { r throws(PlanFileError) in try r.history(hn) } }
        return plan
    }

    private mutating func trainee(_ n: JSONNode) throws(PlanFileError) -> Plan.TraineePlan {
        let f = try fields(n, nil)
        let weeks = try each(try list(f, "weeks"), "weeks") { r, n throws(PlanFileError) in try r.week(n) }
        let blocks = try each(try list(f, "blocks"), "blocks") { r, n throws(PlanFileError) in
            let b = try r.fields(n, nil)
            return Plan.Block(activity: try r.raw(b, "activity", Activity.self), unit: try r.optionalString(b, "unit"),
                              rotation: try r.optionalString(b, "rotation"), from: try r.date(b, "from"), to: try r.date(b, "to"),
                              weeks: try r.int(b, "weeks"), leave: try r.optionalString(b, "leave"))
        }
        var t = Plan.TraineePlan(id: try string(f, "id"), name: try optionalString(f, "name"), supervisor: try optionalString(f, "supervisor"),
                                 program: try string(f, "program"), start: try date(f, "start"), requiredWeeks: try int(f, "requiredWeeks"),
                                 countedWeeks: try double(f, "countedWeeks"), completion: try optionalDate(f, "completion"),
                                 extensionWeeks: try int(f, "extensionWeeks"), weeks: weeks, blocks: blocks)
        t.creditedWeeks = try optionalInt(f, "creditedWeeks")
        return t
    }

    private mutating func week(_ n: JSONNode) throws(PlanFileError) -> Plan.WeekEntry {
        let f = try fields(n, nil)
        var w = Plan.WeekEntry(week: try date(f, "week"), activity: try raw(f, "activity", Activity.self), counts: try double(f, "counts"))
        w.unit = try optionalString(f, "unit")
        w.rotation = try optionalString(f, "rotation")
        w.leave = try optionalString(f, "leave")
        w.courses = try strings(f, "courses")
        w.research = try double(f, "research")
        w.quality = try double(f, "quality")
        w.selfStudyHours = try optionalInt(f, "selfStudyHours") ?? 0
        w.supervisionHours = try optionalDouble(f, "supervisionHours") ?? 0
        if let events = try optionalList(f, "events") {
            w.events = try each(events, "events") { r, n throws(PlanFileError) in
                let e = try r.fields(n, nil)
                return Plan.Event(kind: try r.raw(e, "kind", Plan.EventKind.self), date: try r.date(e, "date"),
                                  subject: try r.optionalString(e, "subject"), with: try r.optionalString(e, "with"),
                                  hours: try r.optionalDouble(e, "hours"))
            }
        }
        if node(f, "goals") != nil { w.goals = try strings(f, "goals") }
        return w
    }

    private mutating func catalog(_ n: JSONNode) throws(PlanFileError) -> Plan.Catalog {
        let f = try fields(n, nil)
        func named(_ r: inout PlanFileReader, _ n: JSONNode) throws(PlanFileError) -> Plan.Catalog.Named {
            let x = try r.fields(n, nil)
            return Plan.Catalog.Named(id: try r.string(x, "id"), name: try r.string(x, "name"))
        }
        let units = try each(try list(f, "units"), "units", named)
        let rotations = try each(try list(f, "rotations"), "rotations", named)
        let courses = try each(try list(f, "courses"), "courses") { r, n throws(PlanFileError) in
            let c = try r.fields(n, nil)
            let sessions = try r.each(try r.list(c, "sessions"), "sessions") { r, n throws(PlanFileError) in
                let s = try r.fields(n, nil)
                return Plan.Catalog.Course.Session(start: try r.date(s, "start"), days: try r.int(s, "days"))
            }
            return Plan.Catalog.Course(id: try r.string(c, "id"), name: try r.string(c, "name"), kind: try r.string(c, "kind"), sessions: sessions)
        }
        let supervisors = try each(try list(f, "supervisors"), "supervisors") { r, n throws(PlanFileError) in
            let s = try r.fields(n, nil)
            return Plan.Catalog.Supervisor(id: try r.string(s, "id"), name: try r.string(s, "name"), hoursPerMonth: try r.double(s, "hoursPerMonth"))
        }
        guard let ss = node(f, "selfStudy") else { throw missing("selfStudy") }
        let programs = node(f, "programs") == nil ? nil : try each(try list(f, "programs"), "programs", named)
        let goals = node(f, "goals") == nil ? nil : try each(try list(f, "goals"), "goals") { r, n throws(PlanFileError) in
            let g = try r.fields(n, nil)
            return Plan.Catalog.Goal(id: try r.string(g, "id"), name: try r.string(g, "name"), program: try r.string(g, "program"))
        }
        return Plan.Catalog(units: units, courses: courses, rotations: rotations, supervisors: supervisors,
                            selfStudy: try numberMap(ss, "selfStudy"), programs: programs, goals: goals)
    }

    private mutating func history(_ n: JSONNode) throws(PlanFileError) -> Plan.History {
        let f = try fields(n, nil)
        let replans = try each(try list(f, "replans"), "replans") { r, n throws(PlanFileError) in
            let x = try r.fields(n, nil)
            var booked: [Plan.Booking]? = nil
            if let items = try r.optionalList(x, "booked") {
                booked = try r.each(items, "booked") { r, n throws(PlanFileError) in
                    let b = try r.fields(n, nil)
                    return Plan.Booking(trainee: try r.string(b, "trainee"), rotation: try r.string(b, "rotation"), unit: try r.string(b, "unit"),
                                        start: try r.date(b, "start"))
                }
            }
            return Plan.Replan(today: try r.date(x, "today"), fromPlanHash: try r.string(x, "fromPlanHash"),
                               fromScenarioHash: try r.optionalString(x, "fromScenarioHash"), stability: try r.string(x, "stability"),
                               changedTrainees: try r.strings(x, "changedTrainees"), changedWeeks: try r.int(x, "changedWeeks"),
                               movedBlocks: try r.int(x, "movedBlocks"), booked: booked)
        }
        return Plan.History(scenarioHash: try string(f, "scenarioHash"), scenarioFile: try optionalString(f, "scenarioFile"), replans: replans)
    }
}
