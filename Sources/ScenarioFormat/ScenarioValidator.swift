import STCore
import Yams

/// Cross-reference and consistency checks on a scenario whose fields each read well.
struct ScenarioValidator {
    let reader: NodeReader
    let scenario: Scenario
    let root: Node

    enum Key { case k(String), i(Int) }

    /// The node at a path (for its line), falling back to the nearest existing parent.
    func node(_ keys: Key...) -> Node? { nodeAt(keys) }

    func validate() {
        let s = scenario
        let unitIDs = Set(s.units.map(\.id))
        let courseIDs = Set(s.courses.map(\.id))
        let programIDs = Set(s.programs.map(\.id))
        let supervisorIDs = Set(s.supervisors.map(\.id))
        duplicates(s.units.map(\.id), "units")
        duplicates(s.courses.map(\.id), "courses")
        duplicates(s.programs.map(\.id), "programs")
        duplicates(s.supervisors.map(\.id), "supervisors")
        duplicates(s.trainees.map(\.id), "trainees")

        let homes = s.units.enumerated().filter { $0.element.home }
        if homes.isEmpty {
            reader.error(node(.k("units")), "units", "no unit has home: true; mark the home clinic")
        }
        // A region plans several home clinics; then each program names the one its trainees serve.
        let homeIDs = homes.map(\.element.id)
        for (p, program) in s.programs.enumerated() {
            if let h = program.home {
                if !homeIDs.contains(h) {
                    reader.error(node(.k("programs"), .i(p), .k("home")), "programs[\(p)].home",
                                 unitIDs.contains(h) ? "\"\(h)\" is not a home clinic; mark it home: true or name one of \(homeIDs.joined(separator: ", "))"
                                                     : "unknown unit \"\(h)\"\(known(Set(homeIDs)))")
                }
            } else if homes.count > 1 {
                reader.error(node(.k("programs"), .i(p)), "programs[\(p)].home",
                             "is missing: the scenario has \(homes.count) home clinics (\(homeIDs.joined(separator: ", "))); name the one this program's trainees serve")
            }
        }

        let end = s.grid.monday(s.grid.count)
        for (u, unit) in s.units.enumerated() {
            overlaps(unit.closed, path: "units[\(u)].closed", keys: .k("units"), .i(u), .k("closed"))
            for (o, ov) in unit.staffingOverrides.enumerated() where ov.range.to < s.calendar.start || ov.range.from >= end {
                reader.warning(node(.k("units"), .i(u), .k("staffing_overrides"), .i(o)), "units[\(u)].staffing_overrides[\(o)]",
                               "lies outside the calendar (\(s.calendar.start) to \(end)); it has no effect")
            }
            if let sup = unit.localSupervisor, sup.isEmpty {
                reader.error(node(.k("units"), .i(u)), "units[\(u)].local_supervisor", "is empty")
            }
        }
        for (c, course) in s.courses.enumerated() {
            for (i, session) in course.sessions.enumerated() where session.start < s.calendar.start || session.start >= end {
                reader.warning(node(.k("courses"), .i(c), .k("sessions"), .i(i)), "courses[\(c)].sessions[\(i)].start",
                               "\(session.start) is outside the calendar; this session cannot be planned")
            }
            // Course days are working days: a session whose days include a public holiday or an eve off was most
            // likely written with a wrong date (the planner keeps the dates as given and plans no meeting on them).
            for (i, session) in course.sessions.enumerated() where !session.cancelled {
                let off = session.workingDays.sorted().map { CivilDate(daysSinceEpoch: $0) }.compactMap { d in SwedishCalendar.dayOffName(d).map { (d, $0) } }
                if let (d, name) = off.first {
                    reader.warning(node(.k("courses"), .i(c), .k("sessions"), .i(i)), "courses[\(c)].sessions[\(i)].start",
                                   "the session's \(session.days) days from \(session.start) include \(d), \(name); check the session's dates")
                }
            }
        }
        for (p, program) in s.programs.enumerated() {
            duplicates(program.rotations.map(\.id), "programs[\(p)].rotations", keys: .k("programs"), .i(p), .k("rotations"))
            // Goals (delmål): each served by a rotation or a required course of the program, and every goal a
            // rotation or course names is one of the program's (when the program lists them).
            if !program.goals.isEmpty {
                duplicates(program.goals.map(\.id), "programs[\(p)].goals", keys: .k("programs"), .i(p), .k("goals"))
                let courseGoals = program.courses.flatMap { s.course($0.course)?.goals ?? [] }
                let served = Set(program.rotations.flatMap(\.goals) + courseGoals)
                for (g, goal) in program.goals.enumerated() where !served.contains(goal.id) {
                    reader.warning(node(.k("programs"), .i(p), .k("goals"), .i(g)), "programs[\(p)].goals[\(g)]",
                                   "the goal \(goal.id) (\(goal.name)) is served by no rotation or course of the program; add it to the goals: of the rotation or course that reaches it")
                }
                let known = Set(program.goals.map(\.id))
                for (r, rot) in program.rotations.enumerated() {
                    for g in rot.goals where !known.contains(g) {
                        reader.warning(node(.k("programs"), .i(p), .k("rotations"), .i(r), .k("goals")), "programs[\(p)].rotations[\(r)].goals",
                                       "\(g) is not one of the program's goals (\(program.goals.map(\.id).joined(separator: ", ")))")
                    }
                }
            }
            let rotationIDs = Set(program.rotations.map(\.id))
            // A rotation, a course, research and quality are one trainee's requirements, named by id in `done:`
            // and in the plan: two of them with one id cannot be told apart (the model refused to build).
            let programCourses = Set(program.courses.map(\.course))
            for (r, rot) in program.rotations.enumerated() where programCourses.contains(rot.id) || ["research", "quality", "bt"].contains(rot.id) {
                reader.error(node(.k("programs"), .i(p), .k("rotations"), .i(r), .k("id")), "programs[\(p)].rotations[\(r)].id",
                             programCourses.contains(rot.id)
                                 ? "\"\(rot.id)\" is also a course of this program; done: and the plan name both by id, so rename the rotation (e.g. \(rot.id)-randning)"
                                 : "\"\(rot.id)\" is reserved (research, quality and bt name the program's works and BT block); rename the rotation")
            }
            for (r, rot) in program.rotations.enumerated() {
                for (k, u) in rot.units.enumerated() {
                    let path = rot.units.count == 1 ? "programs[\(p)].rotations[\(r)].unit" : "programs[\(p)].rotations[\(r)].units[\(k)]"
                    let n = node(.k("programs"), .i(p), .k("rotations"), .i(r), .k(rot.units.count == 1 ? "unit" : "units"))
                    if !unitIDs.contains(u) { reader.error(n, path, "unknown unit \"\(u)\"\(known(unitIDs))") }
                    else if s.unit(u)?.home == true { reader.error(n, path, "\"\(u)\" is a home clinic; a rotation goes to another unit (a clinic that also takes trainees on rotation is two units: the clinic and its receiving ward)") }
                }
                for a in rot.after where !rotationIDs.contains(a) || a == rot.id {
                    reader.error(node(.k("programs"), .i(p), .k("rotations"), .i(r), .k("after")), "programs[\(p)].rotations[\(r)].after",
                                 a == rot.id ? "a rotation cannot come after itself" : "unknown rotation \"\(a)\"\(known(rotationIDs))")
                }
                if rot.splitMax > 1, rot.minBlockWeeks == nil {
                    reader.warning(node(.k("programs"), .i(p), .k("rotations"), .i(r)), "programs[\(p)].rotations[\(r)].min_block_weeks",
                                   "split_max without min_block_weeks: blocks may be as short as one week")
                }
            }
            // A cycle in `after` (r1 after r2, r2 after r1) leaves no order to place the rotations in: reported
            // once, at the first rotation on it.
            let byID = Dictionary(program.rotations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            var inCycle = Set<String>()
            for (r, rot) in program.rotations.enumerated() where !inCycle.contains(rot.id) {
                // A path from `rot` back to itself through `after`, depth first.
                func back(_ id: String, _ path: [String], _ seen: inout Set<String>) -> [String]? {
                    for a in byID[id]?.after ?? [] where byID[a] != nil && a != id {
                        if a == rot.id { return path + [a] }
                        if seen.insert(a).inserted, let found = back(a, path + [a], &seen) { return found }
                    }
                    return nil
                }
                var seen = Set<String>()
                guard let cycle = back(rot.id, [rot.id], &seen) else { continue }
                inCycle.formUnion(cycle)
                let steps = zip(cycle, cycle.dropFirst()).map { "\($0) after \($1)" }.joined(separator: ", ")
                reader.error(node(.k("programs"), .i(p), .k("rotations"), .i(r), .k("after")), "programs[\(p)].rotations[\(r)].after",
                             "the after entries go round in a circle (\(steps)): no order fits them; remove one of them")
            }
            for (c, req) in program.courses.enumerated() where !courseIDs.contains(req.course) {
                reader.error(node(.k("programs"), .i(p), .k("courses"), .i(c), .k("course")), "programs[\(p)].courses[\(c)].course",
                             "unknown course \"\(req.course)\"\(known(courseIDs))")
            }
            if let bt = program.bt {
                for r in bt.rotations where !rotationIDs.contains(r) {
                    reader.error(node(.k("programs"), .i(p), .k("bt"), .k("rotations")), "programs[\(p)].bt.rotations",
                                 "unknown rotation \"\(r)\"\(known(rotationIDs))")
                }
                if bt.weeks < 26 {
                    reader.error(node(.k("programs"), .i(p), .k("bt"), .k("weeks")), "programs[\(p)].bt.weeks",
                                 "\(bt.weeks) weeks is shorter than the BT block HSLF-FS 2021:8 requires (at least 26 weeks, 6 months)")
                }
                let btRotationWeeks = program.rotations.filter { bt.rotations.contains($0.id) }.reduce(0) { $0 + $1.minWeeks }
                if btRotationWeeks > bt.weeks {
                    reader.error(node(.k("programs"), .i(p), .k("bt"), .k("weeks")), "programs[\(p)].bt.weeks",
                                 "the BT rotations take \(btRotationWeeks) weeks, more than the BT block's \(bt.weeks); make bt.weeks at least \(btRotationWeeks)")
                }
            }
            if let q = program.research, let sb = q.startBeforeMonth, sb < 1 {
                reader.error(node(.k("programs"), .i(p), .k("research")), "programs[\(p)].research.start_before_month", "must be at least 1")
            }
        }
        for (t, trainee) in s.trainees.enumerated() {
            let base = "trainees[\(t)]"
            if !programIDs.contains(trainee.program) {
                reader.error(node(.k("trainees"), .i(t), .k("program")), "\(base).program", "unknown program \"\(trainee.program)\"\(known(programIDs))")
            }
            if let sup = trainee.supervisor, !supervisorIDs.contains(sup) {
                reader.error(node(.k("trainees"), .i(t), .k("supervisor")), "\(base).supervisor", "unknown supervisor \"\(sup)\"\(known(supervisorIDs))")
            }
            overlaps(trainee.leave.map(\.range), path: "\(base).leave", keys: .k("trainees"), .i(t), .k("leave"))
            for (l, leave) in trainee.leave.enumerated() where leave.range.to < trainee.start {
                reader.warning(node(.k("trainees"), .i(t), .k("leave"), .i(l)), "\(base).leave[\(l)]", "ends before the ST starts (\(trainee.start)); it has no effect")
            }
            guard let program = s.program(trainee.program) else { continue }
            var known = Set(program.rotations.map(\.id)).union(program.courses.map(\.course))
            if program.research != nil { known.insert("research") }
            if program.quality != nil { known.insert("quality") }
            if program.bt != nil { known.insert("bt") }
            for d in trainee.done where !known.contains(d) {
                reader.error(node(.k("trainees"), .i(t), .k("done")), "\(base).done",
                             "\"\(d)\" is not a rotation, course, research, quality or bt of program \(program.id)\(self.known(known))")
            }
            for (k, pref) in trainee.preferences.enumerated() {
                guard let rot = program.rotation(pref.rotation) else {
                    reader.error(node(.k("trainees"), .i(t), .k("preferences"), .i(k), .k("rotation")), "\(base).preferences[\(k)].rotation",
                                 "unknown rotation \"\(pref.rotation)\" in program \(program.id)")
                    continue
                }
                if let u = pref.unit, !rot.units.contains(u) {
                    reader.error(node(.k("trainees"), .i(t), .k("preferences"), .i(k), .k("unit")), "\(base).preferences[\(k)].unit",
                                 "\"\(u)\" is not one of rotation \(rot.id)'s units (\(rot.units.joined(separator: ", ")))")
                }
            }
            var pinned = Set<String>()
            for (k, pin) in trainee.pins.enumerated() {
                let at = "\(base).pins[\(k)]"
                guard let rot = program.rotation(pin.rotation) else {
                    reader.error(node(.k("trainees"), .i(t), .k("pins"), .i(k), .k("rotation")), at + ".rotation",
                                 "unknown rotation \"\(pin.rotation)\" in program \(program.id)")
                    continue
                }
                if !pinned.insert(rot.id).inserted {
                    reader.error(node(.k("trainees"), .i(t), .k("pins"), .i(k)), at, "rotation \(rot.id) is pinned twice; keep one pin per rotation")
                }
                if trainee.done.contains(rot.id) {
                    reader.error(node(.k("trainees"), .i(t), .k("pins"), .i(k), .k("rotation")), at + ".rotation",
                                 "rotation \(rot.id) is done already (done:); remove the pin or the done entry")
                }
                if rot.splitMax > 1 {
                    reader.error(node(.k("trainees"), .i(t), .k("pins"), .i(k), .k("rotation")), at + ".rotation",
                                 "rotation \(rot.id) may be split (split_max: \(rot.splitMax)); a pin holds an unsplit rotation only: use forbidden: periods to steer a split one")
                }
                if let u = pin.unit, !rot.units.contains(u) {
                    reader.error(node(.k("trainees"), .i(t), .k("pins"), .i(k), .k("unit")), at + ".unit",
                                 "\"\(u)\" is not one of rotation \(rot.id)'s units (\(rot.units.joined(separator: ", ")))")
                }
                if pin.start < trainee.start || pin.start < s.calendar.start || pin.start > end {
                    reader.error(node(.k("trainees"), .i(t), .k("pins"), .i(k), .k("start")), at + ".start",
                                 "\(pin.start) lies before the trainee's start (\(trainee.start)) or outside the calendar (\(s.calendar.start) to \(end))")
                }
            }
            for (k, f) in trainee.forbidden.enumerated() {
                guard let unit = s.units.first(where: { $0.id == f.unit }), !unit.home else {
                    reader.error(node(.k("trainees"), .i(t), .k("forbidden"), .i(k), .k("unit")), "\(base).forbidden[\(k)].unit",
                                 "\"\(f.unit)\" is not a receiving unit (the home clinic cannot be forbidden)\(self.known(Set(s.units.filter { !$0.home }.map(\.id))))")
                    continue
                }
            }
            if trainee.creditedWeeks >= program.regulation.requiredWeeks {
                reader.error(node(.k("trainees"), .i(t), .k("credited_weeks")), "\(base).credited_weeks",
                             "\(trainee.creditedWeeks) weeks credited is the whole ST (\(program.regulation.requiredWeeks) weeks)")
                continue
            }
            let timeline = TraineeTimeline(trainee: trainee, program: program, grid: s.grid)
            if timeline.startWeek >= s.grid.count {
                reader.error(node(.k("trainees"), .i(t), .k("start")), "\(base).start", "\(trainee.start) is after the calendar ends (\(end))")
            } else if timeline.earliestEnd == nil {
                let missing = timeline.required - timeline.counted(before: s.grid.count)
                let weeksNeeded = Int((missing / trainee.employment).rounded(.up))
                reader.error(node(.k("calendar"), .k("weeks")), "calendar.weeks",
                             "\(s.calendar.weeks) weeks is too short for \(trainee.id)'s ST: it still needs \(Self.fmt(missing)) counted weeks at the calendar's end; make it at least \(s.calendar.weeks + weeksNeeded)")
            }
        }
    }

    static func fmt(_ v: Double) -> String { v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v) }

    func known(_ ids: Set<String>) -> String {
        ids.isEmpty ? " (none are defined)" : " (known: \(ids.sorted().joined(separator: ", ")))"
    }

    func duplicates(_ ids: [String], _ path: String, keys: Key...) {
        var seen = Set<String>()
        for (i, id) in ids.enumerated() where !seen.insert(id).inserted {
            let n: Node? = keys.isEmpty ? node(.k(path), .i(i), .k("id")) : nodeAt(keys + [.i(i), .k("id")])
            reader.error(n, "\(path)[\(i)].id", "id \"\(id)\" is used twice; ids must be unique")
        }
    }

    func nodeAt(_ keys: [Key]) -> Node? {
        var n: Node? = root
        for key in keys {
            guard let current = n else { return nil }
            switch (key, current) {
            case (.k(let s), .mapping(let m)): n = m[Node(s)] ?? current
            case (.i(let i), .sequence(let seq)): n = i < seq.count ? seq[i] : current
            default: return current
            }
        }
        return n
    }

    func overlaps(_ ranges: [DateRange], path: String, keys: Key...) {
        let order = ranges.indices.sorted { ranges[$0].from < ranges[$1].from }
        for (a, b) in zip(order, order.dropFirst()) where ranges[b].from <= ranges[a].to {
            reader.error(nodeAt(keys + [.i(b), .k("from")]), "\(path)[\(b)].from",
                         "\(ranges[b].from) overlaps \(path)[\(a)] (\(ranges[a].from) to \(ranges[a].to)); merge or separate them")
        }
    }
}
