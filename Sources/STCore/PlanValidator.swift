import Foundation

/// The rule for ids in scenarios and plan files: 1–64 ASCII letters, digits, `-` and `_`, not starting with `-`
/// or `_`. An id that keeps it can become part of a file name (a trainee's calendar) without leaving its folder.
public enum Identifier {
    /// Whether `s` is an id.
    public static func isValid(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, first != "-", first != "_", s.unicodeScalars.count <= 64 else { return false }
        return s.unicodeScalars.allSatisfy {
            ($0.value >= 0x30 && $0.value <= 0x39) || ($0.value >= 0x41 && $0.value <= 0x5A)
                || ($0.value >= 0x61 && $0.value <= 0x7A) || $0 == "-" || $0 == "_"
        }
    }
}

/// Checks a plan read from a file before anything uses it: a plan file is untrusted input (it may come from
/// elsewhere or be edited by hand). Ids keep the scenario rule (so no id can become a path outside its folder),
/// texts are at most 200 characters, dates lie in 1900–2200, every number is finite and in range, every list that
/// runs over the calendar has one entry a week, blocks agree with the weeks they span, and nothing is listed twice.
/// The checks are of the file's own consistency; whether the plan keeps the scenario's rules is `stplan check`'s.
struct PlanValidator {
    /// The problems found, each `key.path: message`, in file order.
    private(set) var problems: [String] = []
    /// Stop collecting after this many: the first ones say what is wrong with the file.
    static let most = 20

    static let textCharacters = 200
    static let horizonWeeks = 1200
    /// The years a plan's dates may lie in: a scenario's 1900–2200, a calendar of 1 200 weeks from 2200 (its
    /// completions and meetings to 2224), and bookings up to two years before a calendar from 1900.
    static let years = 1897...2225
    /// Counted weeks, with service before the calendar: from a 1900 start to the end of the longest calendar.
    static let countedWeeks = 20_000
    static let places = 10_000.0
    static let hours = 200.0

    static func problems(of plan: Plan) -> [String] {
        var v = PlanValidator()
        v.plan(plan)
        return v.problems
    }

    private var full: Bool { problems.count >= Self.most }

    private mutating func fail(_ path: String, _ message: String) {
        if !full { problems.append("\(path): \(message)") }
    }

    // MARK: values

    private mutating func id(_ s: String, _ path: String) {
        if !Identifier.isValid(s) {
            fail(path, "\"\(s.prefix(40))\" is not an id: use 1–64 ASCII letters, digits, - and _")
        }
    }
    private mutating func text(_ s: String, _ path: String, most: Int = PlanValidator.textCharacters) {
        let n = s.count
        if n > most { fail(path, "is \(n) characters long; at most \(most) are allowed") }
    }
    private mutating func date(_ d: CivilDate, _ path: String) {
        if !Self.years.contains(d.year) { fail(path, "\(d.year) lies outside the years \(Self.years.lowerBound)–\(Self.years.upperBound)") }
    }
    private mutating func number(_ x: Double, _ path: String, _ range: ClosedRange<Double>) {
        func shown(_ v: Double) -> String { v == v.rounded() && abs(v) < 1e15 ? String(Int(v)) : "\(v)" }
        if !x.isFinite || !range.contains(x) {
            fail(path, "\(shown(x)) is outside \(shown(range.lowerBound))–\(shown(range.upperBound))")
        }
    }
    private mutating func whole(_ x: Int, _ path: String, _ range: ClosedRange<Int>) {
        if !range.contains(x) { fail(path, "\(x) is outside \(range.lowerBound)–\(range.upperBound)") }
    }
    private mutating func unique(_ ids: [String], _ path: String, _ what: String) {
        var seen = Set<String>()
        for (i, s) in ids.enumerated() where !seen.insert(s).inserted {
            fail("\(path)[\(i)]", "\(what) \"\(s.prefix(40))\" is listed twice")
        }
    }
    /// A list that runs over the calendar has one entry a week.
    private mutating func perWeek(_ count: Int, _ weeks: Int, _ path: String) -> Bool {
        if count != weeks { fail(path, "has \(count) entries for a calendar of \(weeks) weeks") }
        return count == weeks
    }

    // MARK: the plan

    private mutating func plan(_ p: Plan) {
        text(p.scenario, "scenario")
        let weeks = p.calendar.weeks
        whole(weeks, "calendar.weeks", 1...Self.horizonWeeks)
        date(p.calendar.start, "calendar.start")
        if !p.calendar.start.isMonday { fail("calendar.start", "\(p.calendar.start) is not a Monday") }
        if let periods = p.calendar.periods, periods != "term", periods != "quarter" {
            fail("calendar.periods", "\"\(periods.prefix(40))\" is neither term nor quarter")
        }
        // Nothing below may step through a calendar that is itself out of range.
        guard problems.isEmpty else { return }
        solve(p.solve)
        let catalog = p.catalog
        let units = Set(catalog?.units.map(\.id) ?? []).union(p.units.map(\.id)).union(p.staffing.map(\.unit))
        if let c = catalog { self.catalog(c) }
        unique(p.trainees.map(\.id), "trainees", "trainee")
        for (i, t) in p.trainees.enumerated() where !full {
            trainee(t, "trainees[\(i)]", p, units: units)
        }
        unique(p.units.map(\.id), "units", "unit")
        for (i, u) in p.units.enumerated() where !full {
            id(u.id, "units[\(i)].id")
            if perWeek(u.load.count, weeks, "units[\(i)].load") {
                for (w, x) in u.load.enumerated() { whole(x, "units[\(i)].load[\(w)]", 0...Int(Self.places)) }
            }
            if let cap = u.capacity, perWeek(cap.count, weeks, "units[\(i)].capacity") {
                for (w, x) in cap.enumerated() { whole(x, "units[\(i)].capacity[\(w)]", 0...Int(Self.places)) }
            }
        }
        unique(p.staffing.map(\.unit), "staffing", "unit")
        for (i, s) in p.staffing.enumerated() where !full {
            let at = "staffing[\(i)]"
            id(s.unit, "\(at).unit")
            if let c = catalog, !c.units.contains(where: { $0.id == s.unit }) {
                fail("\(at).unit", "unknown unit \"\(s.unit.prefix(40))\": the catalog does not list it")
            }
            for (key, xs) in [("present", s.present), ("shortage", s.shortage)] where perWeek(xs.count, weeks, "\(at).\(key)") {
                for (w, x) in xs.enumerated() { number(x, "\(at).\(key)[\(w)]", 0...Self.places) }
            }
            for (key, xs) in [("min", s.min), ("target", s.target ?? [])] where key == "min" || s.target != nil {
                if perWeek(xs.count, weeks, "\(at).\(key)") {
                    for (w, x) in xs.enumerated() { whole(x, "\(at).\(key)[\(w)]", 0...Int(Self.places)) }
                }
            }
        }
        if let h = p.history { history(h) }
    }

    private mutating func solve(_ s: Plan.SolveInfo) {
        text(s.status, "solve.status")
        for (key, x) in [("objective", s.objective), ("bound", s.bound), ("gap", s.gap)] {
            if let x, !x.isFinite { fail("solve.\(key)", "\(x) is not a number") }
        }
        number(s.seconds, "solve.seconds", 0...1e9)
        for (k, x) in (s.terms ?? [:]).sorted(by: { $0.key < $1.key }) {
            text(k, "solve.terms")
            if !x.isFinite { fail("solve.terms.\(k.prefix(40))", "\(x) is not a number") }
        }
    }

    private mutating func trainee(_ t: Plan.TraineePlan, _ at: String, _ p: Plan, units: Set<String>) {
        let weeks = p.calendar.weeks
        id(t.id, "\(at).id")
        if let n = t.name { text(n, "\(at).name") }
        if let s = t.supervisor {
            id(s, "\(at).supervisor")
            if let c = p.catalog, !c.supervisors.contains(where: { $0.id == s }) {
                fail("\(at).supervisor", "unknown supervisor \"\(s.prefix(40))\": the catalog does not list it")
            }
        }
        id(t.program, "\(at).program")
        if let ps = p.catalog?.programs, !ps.contains(where: { $0.id == t.program }) {
            fail("\(at).program", "unknown program \"\(t.program.prefix(40))\": the catalog does not list it")
        }
        date(t.start, "\(at).start")
        whole(t.requiredWeeks, "\(at).requiredWeeks", 0...Self.horizonWeeks)
        if let c = t.creditedWeeks { whole(c, "\(at).creditedWeeks", 0...Self.horizonWeeks) }
        // Service before the calendar counts too: a trainee may have started in 1900 (the scenario's first year).
        number(t.countedWeeks, "\(at).countedWeeks", 0...Double(Self.countedWeeks))
        if let c = t.completion { date(c, "\(at).completion") }
        whole(t.extensionWeeks, "\(at).extensionWeeks", 0...Self.horizonWeeks)
        guard perWeek(t.weeks.count, weeks, "\(at).weeks") else { return }
        let catalog = p.catalog
        let rotations = catalog.map { Set($0.rotations.map(\.id)) }
        let courses = catalog.map { Set($0.courses.map(\.id)) }
        let grid = p.calendar.grid
        for (w, e) in t.weeks.enumerated() where !full {
            let wat = "\(at).weeks[\(w)]"
            if e.week != grid.monday(w) { fail("\(wat).week", "\(e.week) is not week \(w) of the calendar (\(grid.monday(w)))") }
            if let u = e.unit {
                id(u, "\(wat).unit")
                if !units.contains(u) { fail("\(wat).unit", "unknown unit \"\(u.prefix(40))\"") }
            }
            if let r = e.rotation {
                id(r, "\(wat).rotation")
                if let rs = rotations, !rs.contains(r) { fail("\(wat).rotation", "unknown rotation \"\(r.prefix(40))\"") }
            }
            if let l = e.leave { id(l, "\(wat).leave") }
            for (k, c) in e.courses.enumerated() {
                id(c, "\(wat).courses[\(k)]")
                if let cs = courses, !cs.contains(c) { fail("\(wat).courses[\(k)]", "unknown course \"\(c.prefix(40))\"") }
            }
            number(e.counts, "\(wat).counts", 0...1)
            number(e.research, "\(wat).research", 0...1)
            number(e.quality, "\(wat).quality", 0...1)
            whole(e.selfStudyHours, "\(wat).selfStudyHours", 0...40)
            number(e.supervisionHours, "\(wat).supervisionHours", 0...Self.hours)
            if e.events.count > 100 { fail("\(wat).events", "has \(e.events.count) events in one week; at most 100 are allowed") }
            for (k, ev) in e.events.prefix(100).enumerated() {
                date(ev.date, "\(wat).events[\(k)].date")
                if let s = ev.subject { text(s, "\(wat).events[\(k)].subject") }
                if let s = ev.with { text(s, "\(wat).events[\(k)].with") }
                if let h = ev.hours { number(h, "\(wat).events[\(k)].hours", 0...Self.hours) }
            }
            for (k, g) in e.goals.enumerated() { id(g, "\(wat).goals[\(k)]") }
        }
        // Blocks: inside the calendar, whole weeks, agreeing with the weeks they span, none over another.
        var covered = [Bool](repeating: false, count: weeks)
        for (k, b) in t.blocks.enumerated() where !full {
            let bat = "\(at).blocks[\(k)]"
            if let u = b.unit { id(u, "\(bat).unit") }
            if let r = b.rotation { id(r, "\(bat).rotation") }
            if let l = b.leave { id(l, "\(bat).leave") }
            let first = grid.start.days(to: b.from), last = grid.start.days(to: b.to)
            guard first >= 0, first % 7 == 0, first / 7 < weeks else {
                fail("\(bat).from", "\(b.from) is not a Monday of the calendar"); continue
            }
            guard last >= first, last % 7 == 6, last / 7 < weeks else {
                fail("\(bat).to", "\(b.to) is not a Sunday of the calendar on or after from"); continue
            }
            let span = first / 7...last / 7
            if b.weeks != span.count { fail("\(bat).weeks", "\(b.weeks) weeks, but \(b.from)–\(b.to) spans \(span.count)") }
            for w in span {
                let e = t.weeks[w]
                if covered[w] { fail(bat, "overlaps another block in the week of \(e.week)"); break }
                covered[w] = true
                if e.activity != b.activity || e.unit != b.unit || e.rotation != b.rotation || e.leave != b.leave {
                    fail(bat, "says \(b.activity.rawValue) \(b.rotation ?? b.unit ?? "") in the week of \(e.week), but the week says \(e.activity.rawValue) \(e.rotation ?? e.unit ?? "")")
                    break
                }
            }
        }
    }

    private mutating func catalog(_ c: Plan.Catalog) {
        func named(_ xs: [Plan.Catalog.Named], _ key: String, _ what: String, _ v: inout PlanValidator, most: Int = PlanValidator.textCharacters) {
            v.unique(xs.map(\.id), "catalog.\(key)", what)
            for (i, x) in xs.enumerated() {
                v.id(x.id, "catalog.\(key)[\(i)].id")
                v.text(x.name, "catalog.\(key)[\(i)].name", most: most)
            }
        }
        named(c.units, "units", "unit", &self)
        // A rotation at alternative units is named by their names joined with " / ".
        named(c.rotations, "rotations", "rotation", &self, most: (Self.textCharacters + 3) * max(1, c.units.count))
        if let ps = c.programs { named(ps, "programs", "program", &self) }
        unique(c.courses.map(\.id), "catalog.courses", "course")
        for (i, k) in c.courses.enumerated() {
            id(k.id, "catalog.courses[\(i)].id")
            text(k.name, "catalog.courses[\(i)].name")
            text(k.kind, "catalog.courses[\(i)].kind")
            for (j, s) in k.sessions.enumerated() {
                date(s.start, "catalog.courses[\(i)].sessions[\(j)].start")
                whole(s.days, "catalog.courses[\(i)].sessions[\(j)].days", 1...60)
            }
        }
        unique(c.supervisors.map(\.id), "catalog.supervisors", "supervisor")
        for (i, s) in c.supervisors.enumerated() {
            id(s.id, "catalog.supervisors[\(i)].id")
            text(s.name, "catalog.supervisors[\(i)].name")
            number(s.hoursPerMonth, "catalog.supervisors[\(i)].hoursPerMonth", 0...Self.hours)
        }
        for (k, x) in c.selfStudy.sorted(by: { $0.key < $1.key }) {
            id(k, "catalog.selfStudy")
            number(x, "catalog.selfStudy.\(k.prefix(40))", 0...40)
        }
        for (i, g) in (c.goals ?? []).enumerated() {
            id(g.id, "catalog.goals[\(i)].id")
            text(g.name, "catalog.goals[\(i)].name")
            id(g.program, "catalog.goals[\(i)].program")
        }
    }

    private mutating func history(_ h: Plan.History) {
        text(h.scenarioHash, "history.scenarioHash", most: 64)
        if let f = h.scenarioFile { text(f, "history.scenarioFile", most: 4096) }
        for (i, r) in h.replans.enumerated() {
            let at = "history.replans[\(i)]"
            date(r.today, "\(at).today")
            text(r.fromPlanHash, "\(at).fromPlanHash", most: 64)
            if let s = r.fromScenarioHash { text(s, "\(at).fromScenarioHash", most: 64) }
            text(r.stability, "\(at).stability")
            for (k, t) in r.changedTrainees.enumerated() { id(t, "\(at).changedTrainees[\(k)]") }
            whole(r.changedWeeks, "\(at).changedWeeks", 0...10_000_000)
            whole(r.movedBlocks, "\(at).movedBlocks", 0...10_000_000)
            for (k, b) in (r.booked ?? []).enumerated() {
                id(b.trainee, "\(at).booked[\(k)].trainee")
                id(b.rotation, "\(at).booked[\(k)].rotation")
                id(b.unit, "\(at).booked[\(k)].unit")
                date(b.start, "\(at).booked[\(k)].start")
            }
        }
    }
}
