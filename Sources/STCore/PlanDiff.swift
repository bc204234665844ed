/// What changed between two plans of the same calendar, trainee by trainee: the replan's change report.
///
/// A trainee's plan is read as pieces: runs of one rotation at one unit, of one course, of research, quality work,
/// vacation and leave. Pieces that are the same in both plans are unchanged; the others are paired in order per
/// rotation, course or kind and called moved, shortened, lengthened or unit-changed, or are added or removed.
public struct PlanDiff: Sendable, Equatable {
    /// How a piece changed.
    public enum Change: String, Sendable, Equatable, CaseIterable {
        case added, removed, moved, shortened, lengthened
        case unitChanged = "unit-changed"
    }

    /// A run of weeks in one plan.
    public struct Span: Sendable, Equatable {
        public var from: CivilDate
        /// The Sunday of the last week.
        public var to: CivilDate
        public var weeks: Int
        public var unit: String?
    }

    /// One changed piece.
    public struct Item: Sendable, Equatable {
        /// rotation, course, research, quality, vacation or leave.
        public var kind: String
        /// The rotation or course id; the kind for the others.
        public var id: String
        public var change: Change
        public var old: Span?
        public var new: Span?
    }

    /// One trainee's changes.
    public struct TraineeChange: Sendable, Equatable {
        public var id: String
        public var name: String?
        /// changed, added (a new trainee) or removed (no longer in the plan).
        public var status: String
        public var items: [Item]
        /// Mondays of the weeks whose activity, unit, rotation, courses, research or quality differ.
        public var changedWeeks: [CivilDate]
        public var oldCompletion: CivilDate?
        public var newCompletion: CivilDate?
        public var oldExtension: Int?
        public var newExtension: Int?
        /// The old plan's pieces (leave aside) that did not stay as they were.
        public var movedBlocks: Int { items.filter { $0.kind != "leave" && $0.change != .added }.count }
        /// The new plan runs past the earliest possible completion (not caused by leave or a required extension).
        public var planCausedExtension: Bool { (newExtension ?? 0) > 0 }
    }

    /// Weeks in which a receiving unit's load changed, as runs.
    public struct UnitChange: Sendable, Equatable {
        public var unit: String
        public var spans: [Span]
    }

    /// A course session whose attendees changed.
    public struct CourseChange: Sendable, Equatable {
        public var course: String
        /// The Monday of the session's first week.
        public var week: CivilDate
        public var added: [String]
        public var removed: [String]
    }

    /// A message someone outside the clinic must get.
    public struct Notice: Sendable, Equatable {
        /// unit or course.
        public var kind: String
        /// The unit or course id.
        public var to: String
        public var trainee: String
        public var item: Item
    }

    public var trainees: [TraineeChange]
    public var units: [UnitChange]
    public var courses: [CourseChange]
    public var notices: [Notice]
    /// Σ changed weeks and moved blocks over the trainees.
    public var changedWeeks: Int { trainees.reduce(0) { $0 + $1.changedWeeks.count } }
    public var movedBlocks: Int { trainees.reduce(0) { $0 + $1.movedBlocks } }

    /// The differences from `old` to `new` (their calendars must start on the same Monday; the longer one counts,
    /// weeks beyond the shorter being after the ST).
    public static func compare(_ old: Plan, _ new: Plan) -> PlanDiff {
        let count = max(old.calendar.weeks, new.calendar.weeks)
        let start = new.calendar.start
        let mondays = (0..<count).map { start.adding(days: 7 * $0) }
        var trainees: [TraineeChange] = []
        let oldByID = Dictionary(old.trainees.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let newIDs = Set(new.trainees.map(\.id))
        var courseUse: [String: [CivilDate: (old: Set<String>, new: Set<String>)]] = [:]
        func pad(_ tp: Plan.TraineePlan?) -> [Plan.WeekEntry] {
            var weeks = tp?.weeks ?? []
            while weeks.count < count { weeks.append(Plan.WeekEntry(week: mondays[weeks.count], activity: tp == nil ? .beforeStart : .afterEnd, counts: 0)) }
            return weeks
        }
        for tp in new.trainees + old.trainees.filter({ !newIDs.contains($0.id) }) {
            let before = newIDs.contains(tp.id) ? oldByID[tp.id] : tp
            let after = newIDs.contains(tp.id) ? tp : nil
            let a = pad(before), b = pad(after)
            let changed = (0..<count).filter { !same(a[$0], b[$0]) }.map { mondays[$0] }
            let pa = pieces(a, mondays), pb = pieces(b, mondays)
            for (key, spans) in pa where key.hasPrefix("course:") { for s in spans { courseUse[String(key.dropFirst(7)), default: [:]][s.from, default: ([], [])].old.insert(tp.id) } }
            for (key, spans) in pb where key.hasPrefix("course:") { for s in spans { courseUse[String(key.dropFirst(7)), default: [:]][s.from, default: ([], [])].new.insert(tp.id) } }
            var items: [Item] = []
            for key in Set(pa.keys).union(pb.keys).sorted() {
                items += pair(key, pa[key] ?? [], pb[key] ?? [])
            }
            items.sort { ($0.old?.from ?? $0.new!.from, $0.kind, $0.id) < ($1.old?.from ?? $1.new!.from, $1.kind, $1.id) }
            let status = before == nil ? "added" : after == nil ? "removed" : "changed"
            guard !changed.isEmpty || !items.isEmpty || status != "changed" || before?.completion != after?.completion else { continue }
            trainees.append(TraineeChange(id: tp.id, name: tp.name, status: status, items: items, changedWeeks: changed,
                                          oldCompletion: before?.completion, newCompletion: after?.completion,
                                          oldExtension: before?.extensionWeeks, newExtension: after?.extensionWeeks))
        }
        var units: [UnitChange] = []
        for id in Set(old.units.map(\.id)).union(new.units.map(\.id)).sorted() {
            let a = old.units.first { $0.id == id }?.load ?? []
            let b = new.units.first { $0.id == id }?.load ?? []
            let differs = (0..<count).map { w in (w < a.count ? a[w] : 0) != (w < b.count ? b[w] : 0) }
            let spans = runs(differs, mondays)
            if !spans.isEmpty { units.append(UnitChange(unit: id, spans: spans)) }
        }
        var courses: [CourseChange] = []
        for c in courseUse.keys.sorted() {
            for week in courseUse[c]!.keys.sorted() {
                let u = courseUse[c]![week]!
                let added = u.new.subtracting(u.old).sorted(), removed = u.old.subtracting(u.new).sorted()
                if !added.isEmpty || !removed.isEmpty { courses.append(CourseChange(course: c, week: week, added: added, removed: removed)) }
            }
        }
        var notices: [Notice] = []
        for t in trainees {
            for item in t.items where item.kind == "rotation" || item.kind == "course" {
                if item.kind == "course" { notices.append(Notice(kind: "course", to: item.id, trainee: t.id, item: item)); continue }
                for u in Set([item.old?.unit, item.new?.unit].compactMap { $0 }).sorted() {
                    notices.append(Notice(kind: "unit", to: u, trainee: t.id, item: item))
                }
            }
        }
        notices.sort { ($0.kind, $0.to, $0.item.old?.from ?? $0.item.new!.from, $0.trainee) < ($1.kind, $1.to, $1.item.old?.from ?? $1.item.new!.from, $1.trainee) }
        return PlanDiff(trainees: trainees, units: units, courses: courses, notices: notices)
    }

    /// Two weeks plan the same thing (events, meetings and hours aside).
    public static func same(_ a: Plan.WeekEntry, _ b: Plan.WeekEntry) -> Bool {
        a.activity == b.activity && a.unit == b.unit && a.rotation == b.rotation && a.courses == b.courses
            && abs(a.research - b.research) < 1e-9 && abs(a.quality - b.quality) < 1e-9
    }

    /// A trainee's pieces by key (`rotation:ID`, `course:ID`, `research`, `quality`, `vacation`, `leave`).
    static func pieces(_ weeks: [Plan.WeekEntry], _ mondays: [CivilDate]) -> [String: [Span]] {
        var keys: [[String: String?]] = weeks.map { w in
            var k: [String: String?] = [:]
            if let r = w.rotation { k["rotation:" + r] = w.unit }
            for c in w.courses { k["course:" + c] = .some(nil) }
            if w.research > 0 || w.activity == .research { k["research"] = .some(nil) }
            if w.quality > 0 || w.activity == .quality { k["quality"] = .some(nil) }
            if w.activity == .vacation { k["vacation"] = .some(nil) }
            if w.activity == .leave { k["leave"] = .some(nil) }
            return k
        }
        keys.append([:])
        var out: [String: [Span]] = [:]
        var open: [String: (from: Int, unit: String?)] = [:]
        for (w, k) in keys.enumerated() {
            for (key, o) in open where k[key] == nil || k[key]! != o.unit {
                out[key, default: []].append(Span(from: mondays[o.from], to: mondays[w - 1].adding(days: 6), weeks: w - o.from, unit: o.unit))
                open[key] = nil
            }
            for (key, unit) in k where open[key] == nil { open[key] = (w, unit) }
        }
        return out.mapValues { $0.sorted { $0.from < $1.from } }
    }

    /// Unchanged pieces drop out; the rest pair in order (moved, resized or at another unit), the leftovers are
    /// removed or added.
    static func pair(_ key: String, _ old: [Span], _ new: [Span]) -> [Item] {
        let kind = key.split(separator: ":").first.map(String.init) ?? key
        let id = key.contains(":") ? String(key.split(separator: ":", maxSplits: 1)[1]) : key
        let a = old.filter { !new.contains($0) }, b = new.filter { !old.contains($0) }
        var items: [Item] = []
        for i in 0..<max(a.count, b.count) {
            switch (i < a.count ? a[i] : nil, i < b.count ? b[i] : nil) {
            case let (x?, y?):
                let change: Change = x.weeks > y.weeks ? .shortened : x.weeks < y.weeks ? .lengthened : x.unit != y.unit ? .unitChanged : .moved
                items.append(Item(kind: kind, id: id, change: change, old: x, new: y))
            case let (x?, nil): items.append(Item(kind: kind, id: id, change: .removed, old: x, new: nil))
            case let (nil, y?): items.append(Item(kind: kind, id: id, change: .added, old: nil, new: y))
            default: break
            }
        }
        return items
    }

    static func runs(_ flags: [Bool], _ mondays: [CivilDate]) -> [Span] {
        var out: [Span] = []
        var w = 0
        while w < flags.count {
            guard flags[w] else { w += 1; continue }
            var e = w
            while e + 1 < flags.count, flags[e + 1] { e += 1 }
            out.append(Span(from: mondays[w], to: mondays[e].adding(days: 6), weeks: e - w + 1, unit: nil))
            w = e + 1
        }
        return out
    }
}
