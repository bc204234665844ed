import STCore

/// One column of a what-if comparison: a variant and its plan (or why it has none).
public struct WhatIfVariant: Sendable {
    public var name: String
    public var file: String
    public var plan: Plan?
    /// Why there is no plan.
    public var failure: String?
    /// Wall seconds of the planning run.
    public var seconds: Double
    /// Required courses (trainee × course) the plan does not hold; computed against the variant's scenario.
    public var coursesMissed: Int?
    /// How the plan was made.
    public var method: Method
    public init(name: String, file: String, plan: Plan?, failure: String?, seconds: Double, coursesMissed: Int?, method: Method = .base) {
        self.name = name
        self.file = file
        self.plan = plan
        self.failure = failure
        self.seconds = seconds
        self.coursesMissed = coursesMissed
        self.method = method
    }

    /// How a comparison's plan was made.
    public enum Method: Sendable, Equatable {
        /// The base, planned from scratch.
        case base
        /// A variant without `today:`, planned from scratch with the base plan as its start.
        case fromBase
        /// A variant with `today:`, replanned from the base plan with the weeks before that day kept.
        case replanned(from: CivilDate)
    }
}

/// `stplan whatif`'s comparison (`comparison.md`, `comparison.html`, `comparison.json`): per variant the
/// completions and extensions per trainee, the home clinic's shortage below min and target, the units' peak
/// loads, courses missed, solve time and gap. The figures are read from each variant's plan.
public enum WhatIfReport {
    /// The figures of one plan.
    public struct Figures: Sendable {
        /// Trainee-weeks below the minimum and below the target (employment-weighted).
        public var shortage: Double
        public var belowTarget: Double
        public var extensionWeeks: Int
        public var completions: [String: CivilDate?]
        public var extensions: [String: Int]
        /// Per unit: the highest weekly load and the capacity in that week (`nil`: unlimited).
        public var peaks: [String: (load: Int, capacity: Int?)]
    }

    public static func figures(_ p: Plan) -> Figures {
        var shortage = 0.0, below = 0.0
        for s in p.staffing {
            shortage += s.shortage.reduce(0, +)
            for w in s.present.indices { below += max(0, Double(s.target?[w] ?? s.min[w]) - s.present[w]) }
        }
        var peaks: [String: (Int, Int?)] = [:]
        for u in p.units {
            let w = u.load.indices.max { (u.load[$0], -$0) < (u.load[$1], -$1) } ?? 0
            peaks[u.id] = (u.load.isEmpty ? 0 : u.load[w], u.capacity.map { $0[w] })
        }
        return Figures(shortage: shortage, belowTarget: below, extensionWeeks: p.trainees.reduce(0) { $0 + $1.extensionWeeks },
                       completions: Dictionary(uniqueKeysWithValues: p.trainees.map { ($0.id, $0.completion) }),
                       extensions: Dictionary(uniqueKeysWithValues: p.trainees.map { ($0.id, $0.extensionWeeks) }), peaks: peaks)
    }

    static func trainees(_ vs: [WhatIfVariant]) -> [(id: String, name: String)] {
        var seen = Set<String>()
        var out: [(String, String)] = []
        for v in vs { for t in v.plan?.trainees ?? [] where seen.insert(t.id).inserted { out.append((t.id, t.name ?? t.id)) } }
        return out
    }

    static func units(_ vs: [WhatIfVariant]) -> [(id: String, name: String)] {
        var seen = Set<String>()
        var out: [(String, String)] = []
        for v in vs { for u in v.plan?.units ?? [] where seen.insert(u.id).inserted { out.append((u.id, v.plan?.catalog?.name(u.id) ?? u.id)) } }
        return out
    }

    /// The table rows as text cells: a header row, then one row per figure (columns: the variants).
    static func table(_ vs: [WhatIfVariant], language: ReportLanguage) -> [[String]] {
        let L = language
        let figs = vs.map { $0.plan.map(figures) }
        let none = L[.noPlan]
        func row(_ label: String, _ cell: (WhatIfVariant, Figures) -> String) -> [String] {
            [label] + zip(vs, figs).map { v, f in f.map { cell(v, $0) } ?? none }
        }
        var rows: [[String]] = [[L[.figure]] + vs.map(\.name)]
        rows.append([L[.planned]] + vs.map { method($0.method, L) })
        rows.append(row(L[.objectiveRow]) { v, _ in v.plan?.solve.objective.map { L.number($0) } ?? "–" })
        rows.append(row(L[.differenceFromBase]) { v, _ in difference(v, vs.first, L) })
        rows.append(row(L[.gapRow]) { v, _ in v.plan?.solve.gap.map { L.number(($0 * 1000).rounded() / 10) + " %" } ?? "–" })
        rows.append([L[.solveTime]] + vs.map { L.number(($0.seconds * 10).rounded() / 10) })
        rows.append(row(L[.extensionWeeksAll]) { _, f in "\(f.extensionWeeks)" })
        rows.append(row(L[.belowMinWeeks]) { _, f in L.number(f.shortage) })
        rows.append(row(L[.belowTargetWeeks]) { _, f in L.number(f.belowTarget) })
        rows.append([L[.coursesMissed]] + vs.map { v in v.plan == nil ? none : v.coursesMissed.map { "\($0)" } ?? "–" })
        for (id, name) in units(vs) {
            rows.append(row(L[.peakLoad] + " " + name) { _, f in
                f.peaks[id].map { p in "\(p.load)" + (p.capacity.map { " / \($0)" } ?? "") } ?? "–"
            })
        }
        for (id, name) in trainees(vs) {
            rows.append(row(L[.completion] + " " + name) { _, f in
                guard let c = f.completions[id] else { return "–" }
                let ext = f.extensions[id] ?? 0
                return (c?.description ?? L[.afterCalendar]) + (ext > 0 ? " (+\(L.weeks(ext)))" : "")
            })
        }
        return rows
    }

    /// How a plan was made, in words.
    static func method(_ m: WhatIfVariant.Method, _ L: ReportLanguage) -> String {
        switch m {
        case .base: return L[.fromScratch]
        case .fromBase: return L[.fromBase]
        case .replanned(let d): return L.replannedFromBase(d)
        }
    }

    /// The uncertainty of an objective: its gap times its size (`nil` when no bound proves one).
    static func uncertainty(_ p: Plan?) -> Double? {
        guard let o = p?.solve.objective, let g = p?.solve.gap else { return nil }
        return abs(o) * g
    }

    /// A variant's objective less the base's, marked as noise when it is within the larger of the two plans'
    /// uncertainty (gap × objective): the search could have ended either way, so the change did not cause it.
    static func difference(_ v: WhatIfVariant, _ base: WhatIfVariant?, _ L: ReportLanguage) -> String {
        guard let (d, noise) = difference(v, base) else { return "–" }
        let text = (d > 1e-9 ? "+" : d < -1e-9 ? "−" : "±") + L.number(abs(d))
        return noise ? text + " (\(L[.noise]))" : text
    }

    /// The objective's difference from the base and whether it is noise; `nil` for the base itself or without
    /// both objectives.
    public static func difference(_ v: WhatIfVariant, _ base: WhatIfVariant?) -> (value: Double, noise: Bool)? {
        guard let base, v.method != .base, let a = v.plan?.solve.objective, let b = base.plan?.solve.objective else { return nil }
        let d = a - b
        let noise = [uncertainty(v.plan), uncertainty(base.plan)].compactMap { $0 }.max()
        return (d, noise.map { abs(d) > 1e-9 && abs(d) <= $0 + 1e-9 } ?? false)
    }

    /// `comparison.md`
    public static func markdown(_ vs: [WhatIfVariant], title: String, language: ReportLanguage) -> String {
        let rows = table(vs, language: language)
        var out = "# " + language[.whatIf] + " — " + title + "\n\n"
        out += vs.map { "- **\($0.name)**: `\($0.file)`" + ($0.failure.map { " — " + $0 } ?? "") + "\n" }.joined() + "\n"
        out += "| " + rows[0].joined(separator: " | ") + " |\n|" + String(repeating: "---|", count: rows[0].count) + "\n"
        for r in rows.dropFirst() { out += "| " + r.joined(separator: " | ") + " |\n" }
        return out
    }

    /// `comparison.html`: the same table, self-contained.
    public static func html(_ vs: [WhatIfVariant], title: String, language: ReportLanguage) -> String {
        let en = language.english
        func esc(_ s: String) -> String { Escaping.html(s) }
        let rows = table(vs, language: language)
        var out = "<!DOCTYPE html>\n<html lang=\"\(en ? "en" : "sv")\">\n<head>\n<meta charset=\"utf-8\">\n<title>\(esc(title))</title>\n"
        out += "<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}th,td{border:1px solid #999;padding:4px 8px;text-align:right}"
        out += "th:first-child,td:first-child{text-align:left}thead th{background:#eee}tr:nth-child(even) td{background:#f7f7f7}</style>\n</head>\n<body>\n"
        out += "<h1>\(esc(language[.whatIf] + " — " + title))</h1>\n<ul>\n"
        for v in vs { out += "<li><b>\(esc(v.name))</b>: <code>\(esc(v.file))</code>\(v.failure.map { " — " + esc($0) } ?? "")</li>\n" }
        out += "</ul>\n<table>\n<thead><tr>" + rows[0].map { "<th>\(esc($0))</th>" }.joined() + "</tr></thead>\n<tbody>\n"
        for r in rows.dropFirst() { out += "<tr>" + r.map { "<td>\(esc($0))</td>" }.joined() + "</tr>\n" }
        return out + "</tbody>\n</table>\n</body>\n</html>\n"
    }

    /// `comparison.json`: the figures per variant, for tools and tests.
    public static func json(_ vs: [WhatIfVariant]) -> String {
        JSONValue.array(vs.map { v in
            var pairs: [(String, JSONValue)] = [("name", .string(v.name)), ("file", .string(v.file)), ("seconds", .double(v.seconds))]
            switch v.method {
            case .base: pairs.append(("method", .string("base")))
            case .fromBase: pairs.append(("method", .string("from-base")))
            case .replanned(let d): pairs += [("method", .string("replanned")), ("today", .string(d.description))]
            }
            guard let p = v.plan else { return .object(pairs + [("failure", .string(v.failure ?? ""))]) }
            if let (d, noise) = difference(v, vs.first) { pairs += [("differenceFromBase", .double(d)), ("noise", .bool(noise))] }
            let f = figures(p)
            pairs += [
                ("objective", .optional(p.solve.objective, JSONValue.double)), ("gap", .optional(p.solve.gap, JSONValue.double)),
                ("extensionWeeks", .int(f.extensionWeeks)), ("shortage", .double(f.shortage)), ("belowTarget", .double(f.belowTarget)),
                ("coursesMissed", .optional(v.coursesMissed, JSONValue.int)),
                ("peaks", .object(p.units.map { u in (u.id, .object([("load", .int(f.peaks[u.id]!.load)), ("capacity", .optional(f.peaks[u.id]!.capacity, JSONValue.int))])) })),
                ("trainees", .array(p.trainees.map { t in
                    .object([("id", .string(t.id)), ("completion", .optional(t.completion) { .string($0.description) }), ("extensionWeeks", .int(t.extensionWeeks))])
                })),
            ]
            return .object(pairs)
        }).text() + "\n"
    }
}
