import STCore

extension Construction {
    /// What trainee `t` may need of the others: the units its rotations may use, the courses it takes, and the
    /// weeks of its possible ST.
    struct Reach {
        var units = Set<String>()
        var courses = Set<String>()
        var window: Range<Int>
    }

    func reach(of t: Int) -> Reach {
        let tc = context.trainees[t]
        var r = Reach(window: max(0, tc.timeline.startWeek)..<min(context.grid.count, tc.earliestEnd + tc.maxExtension))
        for (i, req) in tc.requirements.enumerated() {
            if req.kind == .course { r.courses.insert(req.id) }
            for c in context.candidates[t][i] { if let u = c.unit { r.units.insert(u) } }
        }
        return r
    }

    /// How much placed trainee `o` stands in the way of trainee `t`: the unit-weeks `o` holds at units that `t`'s
    /// rotations may use, inside `t`'s possible ST, plus four for every course seat `o` takes in a course `t`
    /// also needs (a course session is as scarce as a month at a small unit).
    func obstruction(of o: Int, for t: Int, in a: Assignment) -> Int { obstruction(of: o, within: reach(of: t), in: a) }

    func obstruction(of o: Int, within reach: Reach, in a: Assignment) -> Int {
        let u = context.usage(o, a.chosen[o], ext: a.extensionWeeks[o])
        var score = 0
        for (unit, weeks) in u.load where reach.units.contains(unit) {
            for (w, n) in weeks where reach.window.contains(w) { score += n }
        }
        for (c, sessions) in u.seats where reach.courses.contains(c) { score += 4 * sessions.values.reduce(0, +) }
        return score
    }

    /// Ejection repair: trainee `t` finds no place beside the trainees placed in `a`, so the `k` placed trainees
    /// that stand most in its way (``obstruction(of:for:in:)``) are taken out, `t` is placed greedily first, and
    /// those taken out are put back greedily one by one, for k = 1, 2, 3, 4, 6, 8 in turn. Returns the first
    /// assignment in which everyone placed before is placed again, with `t`, or `nil` (also when `timeLeft` says
    /// stop). The trainees not yet placed must be empty in `a`.
    func eject(_ t: Int, placed: [Int], in a: Assignment, timeLeft: () -> Bool) -> (assignment: Assignment, ejected: [Int])? {
        // t's units, courses and weeks once, not once for every placed trainee (thousands of candidates each).
        let r = reach(of: t)
        let ranked = placed.map { ($0, obstruction(of: $0, within: r, in: a)) }
            .filter { $0.1 > 0 }
            .sorted { ($0.1, -$0.0) > ($1.1, -$1.0) }
            .map(\.0)
        guard !ranked.isEmpty else { return nil }
        let empty = context.trainees[t].requirements.map { _ in [Int]() }
        var tried = 0
        for k in [1, 2, 3, 4, 6, 8] where tried < ranked.count {
            guard timeLeft() else { return nil }
            let out = Array(ranked.prefix(k))
            tried = out.count
            var cleared = a
            for o in out { cleared.chosen[o] = context.trainees[o].requirements.map { _ in [] }; cleared.extensionWeeks[o] = 0 }
            cleared.chosen[t] = empty
            cleared.extensionWeeks[t] = 0
            // t first, then those taken out, the most obstructing first: they had the most to lose.
            if let b = placeAll([t] + out, in: cleared) { return (b, out) }
        }
        return nil
    }

    /// Every trainee placed greedily in `order`, with ejection repair where one finds no place, or `nil` (also
    /// when `timeLeft` says stop). Deterministic.
    func placeEveryone(in order: [Int], timeLeft: () -> Bool) -> Assignment? {
        var a = Assignment(empty: context)
        for (i, t) in order.enumerated() {
            guard timeLeft() else { return nil }
            if let p = place(t, shared(a, skip: t)) {
                a.chosen[t] = p.chosen
                a.extensionWeeks[t] = p.ext
            } else if let (b, _) = eject(t, placed: Array(order[..<i]), in: a, timeLeft: timeLeft) {
                a = b
            } else {
                return nil
            }
        }
        return a
    }

    /// Every trainee placed as ``placeEveryone(in:timeLeft:)`` does, in order of their earliest deadline
    /// (``deadlineSequence()``), each deadline-bound rotation at its earliest start
    /// (``Choice/earliestForDeadlines``): the fallback when the cheapest weeks, by start, leave someone no place.
    func placeEveryoneByDeadline(timeLeft: () -> Bool) -> Assignment? {
        let saved = choice
        choice = .earliestForDeadlines
        defer { choice = saved }
        return placeEveryone(in: deadlineSequence(), timeLeft: timeLeft)
    }

    /// Places the unplaced trainees `order` greedily one after the other into `a`, or `nil` when one finds no place.
    func placeAll(_ order: [Int], in a: Assignment) -> Assignment? {
        var b = a
        for o in order {
            guard let q = place(o, shared(b, skip: o)) else { return nil }
            b.chosen[o] = q.chosen
            b.extensionWeeks[o] = q.ext
        }
        return b
    }
}
