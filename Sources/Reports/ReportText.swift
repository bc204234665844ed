import STCore

/// The words the reports use, in Swedish (default) or English.
public struct ReportLanguage: Sendable {
    public let english: Bool
    public init(english: Bool = false) { self.english = english }

    func activity(_ a: Activity) -> String {
        switch a {
        case .beforeStart: return english ? "Before start" : "Före start"
        case .home: return english ? "Home clinic" : "Hemklinik"
        case .rotation: return english ? "Rotation" : "Randning"
        case .course: return english ? "Course" : "Kurs"
        case .research: return english ? "Research" : "Vetenskapligt arbete"
        case .quality: return english ? "Quality work" : "Kvalitetsarbete"
        case .vacation: return english ? "Vacation" : "Semester"
        case .leave: return english ? "Leave" : "Ledighet"
        case .buffer: return english ? "Buffer" : "Buffert"
        case .afterEnd: return english ? "After ST" : "Efter ST"
        }
    }

    /// A week's or block's activity, a leave by its kind: föräldraledighet, sjukskrivning, ledighet.
    func activity(_ a: Activity, leave: String?) -> String {
        guard a == .leave else { return activity(a) }
        switch leave {
        case "parental": return english ? "Parental leave" : "Föräldraledighet"
        case "sick": return english ? "Sick leave" : "Sjukskrivning"
        default: return activity(a)
        }
    }

    func event(_ e: Plan.Event, _ catalog: Plan.Catalog?) -> String {
        let subject = e.subject.map { catalog?.name($0) ?? $0 }
        let with = e.with.map { catalog?.name($0) ?? $0 }
        switch e.kind {
        case .supervision:
            return (english ? "Supervision meeting" : "Handledningssamtal") + hours(e.hours) + (with.map { (english ? " with " : " med ") + $0 } ?? "")
        case .followUp:
            return (english ? "Follow-up by the main supervisor" : "Uppföljning av huvudhandledaren") + hours(e.hours) + (subject.map { ", \($0)" } ?? "")
        case .localSupervisor:
            return (english ? "Local supervisor: " : "Lokal handledare: ") + (e.with ?? (english ? "named by " : "utses av ") + (subject ?? "?"))
        case .sitIn: return (english ? "Sit-in" : "Medsittning") + (subject.map { ", \($0)" } ?? "")
        case .assessment: return english ? "Assessment (e.g. Mini-CEX, CbD)" : "Bedömning (t.ex. Mini-CEX, CbD)"
        case .yearlyReview:
            return (english ? "Yearly review with the director of studies" : "Avstämning med studierektor") + (e.subject.map { english ? ", ST year \($0)" : ", ST-år \($0)" } ?? "")
        case .trainingPlan:
            return e.subject == "revised" ? (english ? "Training plan revised" : "Utbildningsplanen revideras")
                                          : (english ? "Training plan signed" : "Utbildningsplanen upprättas och undertecknas")
        case .specialistBoard: return english ? "Specialist board" : "Specialistkollegium"
        case .applicationDeadline: return (english ? "Application deadline: " : "Sista ansökningsdag: ") + (subject ?? "?")
        case .booking: return (english ? "Book the rotation by: " : "Boka randningen senast: ") + (subject ?? "?")
        case .supervisionAgreement: return (english ? "Supervision agreement signed" : "Handledningsavtal tecknas") + (with.map { (english ? " with " : " med ") + $0 } ?? "")
        }
    }

    func hours(_ h: Double?) -> String { h.map { " (\(number($0, whole: true)) h)" } ?? "" }

    /// A number for people: at most 4 decimals, a decimal comma in Swedish (`12,5`; English `12.5`); `whole` drops
    /// a zero fraction (`1 h`, not `1,0 h`).
    func number(_ x: Double, whole: Bool = false) -> String {
        var s = JSONValue.format(x)
        if whole, s.hasSuffix(".0") { s.removeLast(2) }
        return english ? s : Escaping.replace(s) { $0 == "." ? "," : nil }
    }

    /// A number with exactly `decimals` decimals (a gap, seconds): `10,6 %`, not `10,6196 %`.
    func fixed(_ x: Double, decimals: Int) -> String {
        let s = String(format: "%.\(decimals)f", x)
        return english ? s : Escaping.replace(s) { $0 == "." ? "," : nil }
    }

    /// A solve status in plain words.
    func status(_ s: String) -> String {
        switch s {
        case "optimal": return english ? "optimal (proven best)" : "optimal (bevisat bästa)"
        case "feasible": return english ? "feasible (not proven best)" : "godtagbar (inte bevisat bästa)"
        case "infeasible": return english ? "no plan exists" : "ingen plan finns"
        default: return s
        }
    }

    /// An objective term's name in plain words.
    func term(_ key: String) -> String {
        switch key {
        case "extension": return english ? "extension" : "förlängning"
        case "staffing_shortage": return english ? "below the staffing minimum" : "under minimibemanning"
        case "staffing_below_target": return english ? "below the staffing target" : "under målbemanning"
        case "preference": return english ? "wishes not met" : "ej uppfyllda önskemål"
        case "research_short": return english ? "research shorter than preferred" : "kortare vetenskapligt arbete än önskat"
        case "change": return english ? "changes" : "ändringar"
        default: return key.replacingOccurrences(of: "_", with: " ")
        }
    }

    func period(_ key: Int, _ kind: String) -> String {
        kind == "quarter" ? (english ? "Q\(key % 4 + 1) \(key / 4)" : "Kv\(key % 4 + 1) \(key / 4)") : (key % 2 == 0 ? "VT \(key / 2)" : "HT \(key / 2)")
    }

    func weeks(_ n: Int) -> String { english ? "\(n) wk" : "\(n) v" }

    /// A replan's stability in words: strict, balanced, free (`strikt`, `balanserad`, `fri`).
    public func stability(_ raw: String) -> String {
        switch raw {
        case "strict": return english ? "strict" : "strikt"
        case "balanced": return english ? "balanced" : "balanserad"
        case "free": return english ? "free" : "fri"
        default: return raw
        }
    }

    /// A replan's note in plain words, with the names the plans know (trainee, rotation, unit; the new plan
    /// first, the old one for a trainee who left).
    public func note(_ n: ReplanNote, in plans: [Plan]) -> String {
        func person(_ id: String) -> String { plans.lazy.compactMap { $0.trainees.first { $0.id == id }?.name }.first ?? id }
        func rotation(_ id: String) -> String { plans.first { $0.catalog != nil }?.catalog?.rotationName(id) ?? id }
        func unit(_ id: String) -> String { plans.first { $0.catalog != nil }?.catalog?.name(id) ?? id }
        switch n {
        case .left(let t):
            return english ? "\(person(t)) is no longer in the scenario and leaves the plan" : "\(person(t)) finns inte längre i scenariot och lämnar planen"
        case .bookingsReleased(let d):
            return english ? "bookings within the units' notice from \(d) were released: keeping them all left no plan"
                           : "bokningar inom enheternas framförhållning från \(d) släpptes: att hålla alla gav ingen plan"
        case .runningMayBeCut(let d):
            return english ? "rotations running on \(d) could be cut: letting them run on left no plan"
                           : "randningar som pågick \(d) fick avbrytas: att låta dem löpa vidare gav ingen plan"
        case .cannotRunOn(let t, let r, let u, let d, let w):
            return english ? "\(person(t)): \(rotation(r)) at \(unit(u)) cannot go on from \(d); its last \(weeks(w)) are planned anew"
                           : "\(person(t)): randningen \(rotation(r)) vid \(unit(u)) kan inte fortsätta från \(d); de sista \(weeks(w)) planeras om"
        case .researchCut(let t, let f, let d, let w, let m, let l):
            return english ? "\(person(t)): the research from \(f) ends on \(d) after \(weeks(w)) (at least \(weeks(m))); its \(weeks(l)) after that are not planned"
                           : "\(person(t)): det vetenskapliga arbetet från \(f) avslutas \(d) efter \(weeks(w)) (minst \(weeks(m))); de \(weeks(l)) som återstod planeras inte"
        case .vacationKept(let t, let w, let y, let d):
            return english ? "\(person(t)): \(weeks(w)) of vacation taken in \(y) before \(d) are more than the edited scenario gives the year; they stay"
                           : "\(person(t)): \(weeks(w)) semester som tagits \(y) före \(d) är fler än det ändrade scenariot ger året; de ligger kvar"
        }
    }
}

/// Facts the report writers share, all read from the plan.
enum PlanFacts {
    /// The ST month (1-based) in which a week starts.
    static func stMonth(_ counted: Double) -> Int { Int((counted / (52.0 / 12.0) + 1e-9).rounded(.down)) + 1 }

    /// The periods (in order) that hold ST weeks of the trainee, with their week indices.
    static func periods(_ t: Plan.TraineePlan, kind: String) -> [(key: Int, weeks: [Int])] {
        var out: [(Int, [Int])] = []
        for (i, w) in t.weeks.enumerated() where w.activity.isInST {
            let k = Plan.periodKey(w.week, kind)
            if out.last?.0 == k { out[out.count - 1].1.append(i) } else { out.append((k, [i])) }
        }
        return out
    }

    static func name(_ plan: Plan, _ id: String) -> String { plan.catalog?.name(id) ?? id }
    /// A rotation's name: rotations and units may share an id, so the kind is asked for.
    static func rotationName(_ plan: Plan, _ id: String) -> String { plan.catalog?.rotationName(id) ?? id }
    /// A course's name.
    static func courseName(_ plan: Plan, _ id: String) -> String { plan.catalog?.courseName(id) ?? id }
    /// A goal's (delmål's) name.
    static func goalName(_ plan: Plan, _ id: String) -> String { plan.catalog?.goalName(id) ?? id }

    /// A program's name (its id in plans written before the catalog kept program names).
    static func programName(_ plan: Plan, _ id: String) -> String { plan.catalog?.programs?.first { $0.id == id }?.name ?? id }

    /// The weeks the clinic's tables and the charts show: through the week after the last week any trainee is in
    /// ST (the horizon when one is still in ST at its end, or when nobody is in ST at all).
    static func shownWeeks(_ plan: Plan) -> Int {
        let last = plan.trainees.compactMap { $0.weeks.lastIndex { $0.activity.isInST } }.max()
        return last.map { Swift.min(plan.calendar.weeks, $0 + 2) } ?? plan.calendar.weeks
    }

    /// Employment-weighted trainees of home clinic `unit` in ST and not on leave, per week: the most that could be
    /// on site whatever the plan. A trainee belongs to the clinic of its home weeks (to the only one, when the plan
    /// has one home clinic).
    static func available(_ plan: Plan, unit: String) -> [Double] {
        var out = [Double](repeating: 0, count: plan.calendar.weeks)
        for t in plan.trainees {
            let home = plan.staffing.count == 1 ? plan.staffing[0].unit : t.weeks.first { $0.activity == .home || $0.activity == .buffer }?.unit
            guard home == unit else { continue }
            for (w, e) in t.weeks.enumerated() where w < out.count && e.activity.isInST && e.activity != .leave { out[w] += e.counts }
        }
        return out
    }

    /// The part of each week's shortage below the minimum that no plan could avoid: the minimum less the trainees
    /// in ST and not on leave (before the cohort has started, as it finishes, after the last completion).
    static func unavoidable(_ plan: Plan, _ s: Plan.Staffing) -> [Double] {
        let available = available(plan, unit: s.unit)
        return s.shortage.indices.map { w in Swift.min(s.shortage[w], Swift.max(0, Double(s.min[w]) - available[w])) }
    }
}

/// One-pass text escaping for the report writers (Foundation's `replacingOccurrences`, once per character to
/// escape, was most of the time it took to write the reports of a large cohort).
enum Escaping {
    /// `s` with each Unicode scalar that `replacement` maps replaced by its text; `s` itself when none is.
    static func replace(_ s: String, _ replacement: (Unicode.Scalar) -> String?) -> String {
        guard s.unicodeScalars.contains(where: { replacement($0) != nil }) else { return s }
        var out = String.UnicodeScalarView()
        for u in s.unicodeScalars {
            if let r = replacement(u) { out.append(contentsOf: r.unicodeScalars) } else { out.append(u) }
        }
        return String(out)
    }

    /// HTML text and attribute values: `&`, `<`, `>` and `"`.
    static func html(_ s: String) -> String {
        replace(s) {
            switch $0 {
            case "&": return "&amp;"
            case "<": return "&lt;"
            case ">": return "&gt;"
            case "\"": return "&quot;"
            default: return nil
            }
        }
    }
}
