import STCore

/// The words the reports use, in Swedish (default) or English: the phrases are in `ReportWords.swift`.
public struct ReportLanguage: Sendable {
    public let english: Bool
    public init(english: Bool = false) { self.english = english }

    /// A meeting's hours, ` (1 h)`; empty without.
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
