import STCore

/// The replan's change report (`changes.md`, `changes.json`): per trainee each block moved, shortened, added or
/// removed with old and new dates, the completion dates, the affected units and courses, and the notices to send.
/// It reads the two plans only (through ``PlanDiff``).
public enum ChangeReport {
    /// `changes.json`: the diff, deterministic.
    public static func json(_ diff: PlanDiff, old: Plan, new: Plan, notes: [ReplanNote]) -> String {
        func span(_ s: PlanDiff.Span?) -> JSONValue {
            guard let s else { return .null }
            var pairs: [(String, JSONValue)] = [("from", .string(s.from.description)), ("to", .string(s.to.description)), ("weeks", .int(s.weeks))]
            if let u = s.unit { pairs.append(("unit", .string(u))) }
            return .object(pairs)
        }
        func item(_ i: PlanDiff.Item) -> JSONValue {
            .object([("kind", .string(i.kind)), ("id", .string(i.id)), ("change", .string(i.change.rawValue)), ("old", span(i.old)), ("new", span(i.new))])
        }
        let replan = new.history?.replans.last
        return JSONValue.object([
            ("format", .string("stplan-changes/1")),
            ("today", .optional(replan?.today) { .string($0.description) }),
            ("stability", .optional(replan?.stability, JSONValue.string)),
            ("changedWeeks", .int(diff.changedWeeks)),
            ("movedBlocks", .int(diff.movedBlocks)),
            ("notes", .array(notes.map { .string($0.description) })),
            ("trainees", .array(diff.trainees.map { t in
                .object([
                    ("id", .string(t.id)), ("status", .string(t.status)),
                    ("oldCompletion", .optional(t.oldCompletion) { .string($0.description) }),
                    ("newCompletion", .optional(t.newCompletion) { .string($0.description) }),
                    ("oldExtensionWeeks", .optional(t.oldExtension, JSONValue.int)),
                    ("newExtensionWeeks", .optional(t.newExtension, JSONValue.int)),
                    ("extensionCausedByPlan", .bool(t.planCausedExtension)),
                    ("movedBlocks", .int(t.movedBlocks)),
                    ("changedWeeks", .array(t.changedWeeks.map { .string($0.description) })),
                    ("items", .array(t.items.map(item))),
                ])
            })),
            ("units", .array(diff.units.map { u in .object([("unit", .string(u.unit)), ("weeks", .array(u.spans.map { span($0) }))]) })),
            ("courses", .array(diff.courses.map { c in
                .object([("course", .string(c.course)), ("week", .string(c.week.description)),
                         ("added", .array(c.added.map(JSONValue.string))), ("removed", .array(c.removed.map(JSONValue.string)))])
            })),
            ("notices", .array(diff.notices.map { n in
                .object([("kind", .string(n.kind)), ("to", .string(n.to)), ("trainee", .string(n.trainee)), ("item", item(n.item))])
            })),
        ]).text() + "\n"
    }

    /// `changes.md` in Swedish or English.
    public static func markdown(_ diff: PlanDiff, old: Plan, new: Plan, notes: [ReplanNote], language: ReportLanguage) -> String {
        let L = language
        func name(_ id: String) -> String { new.catalog?.name(id) ?? old.catalog?.name(id) ?? id }
        func date(_ d: CivilDate?) -> String { d?.description ?? L[.notWithinCalendar] }
        func span(_ s: PlanDiff.Span?) -> String {
            guard let s else { return "–" }
            return "\(s.from)–\(s.to) (\(language.weeks(s.weeks))\(s.unit.map { ", " + name($0) } ?? ""))"
        }
        func rotationName(_ id: String) -> String { new.catalog?.rotationName(id) ?? old.catalog?.rotationName(id) ?? id }
        func courseName(_ id: String) -> String { new.catalog?.courseName(id) ?? old.catalog?.courseName(id) ?? id }
        // A leave by its kind: the kind of the plan's week where the item's span starts.
        func leaveKind(_ trainee: String, _ i: PlanDiff.Item) -> String? {
            for (plan, span) in [(new, i.new), (old, i.old)] {
                guard let s = span, let t = plan.trainees.first(where: { $0.id == trainee }) else { continue }
                if let kind = t.weeks.first(where: { $0.week == s.from })?.leave { return kind }
            }
            return nil
        }
        // The item kinds are the plan's activities; their words are the other reports'. In a sentence the word is
        // in lower case, the name as it is ("randning IVA flyttad", not "randning iva").
        func what(_ trainee: String, _ i: PlanDiff.Item, lower: Bool = false) -> String {
            func word(_ a: Activity, leave: String? = nil) -> String {
                let w = language.activity(a, leave: leave)
                return lower ? w.lowercased() : w
            }
            switch i.kind {
            case "rotation": return word(.rotation) + " " + rotationName(i.id)
            case "course": return word(.course) + " " + courseName(i.id)
            case "research": return word(.research)
            case "quality": return word(.quality)
            case "vacation": return word(.vacation)
            default: return word(.leave, leave: leaveKind(trainee, i))
            }
        }
        func change(_ c: PlanDiff.Change) -> String {
            switch c {
            case .added: return L[.changeAdded]
            case .removed: return L[.changeRemoved]
            case .moved: return L[.changeMoved]
            case .shortened: return L[.changeShortened]
            case .lengthened: return L[.changeLengthened]
            case .unitChanged: return L[.changeUnit]
            }
        }
        let replan = new.history?.replans.last
        var out = "# " + L[.changesTitle] + " — \(new.scenario)\n\n"
        if let r = replan {
            out += L.replannedFrom(r.today, stability: r.stability) + "\n\n"
        }
        out += L.changeCounts(weeks: diff.changedWeeks, blocks: diff.movedBlocks, trainees: diff.trainees.count) + "\n\n"
        if !notes.isEmpty {
            out += "## " + L[.notes] + "\n\n" + notes.map { "- \(language.note($0, in: [new, old]))\n" }.joined() + "\n"
        }
        out += "## " + L[.perTrainee] + "\n\n"
        if diff.trainees.isEmpty { out += L[.noTraineeChanged] + "\n\n" }
        for t in diff.trainees {
            out += "### \(t.name ?? t.id)"
            if t.status == "added" { out += " (\(L[.traineeNew]))" }
            if t.status == "removed" { out += " (\(L[.traineeGone]))" }
            out += "\n\n"
            if t.oldCompletion != t.newCompletion || t.status == "changed" {
                out += L[.completion] + ": \(date(t.oldCompletion)) → \(date(t.newCompletion))"
                if t.planCausedExtension {
                    out += " — " + L.extendedByPlan(t.newExtension ?? 0)
                }
                out += "\n\n"
            }
            if !t.items.isEmpty {
                out += "| \(L[.what]) | \(L[.change]) | \(L[.before]) | \(L[.after]) |\n|---|---|---|---|\n"
                for i in t.items { out += "| \(what(t.id, i)) | \(change(i.change)) | \(span(i.old)) | \(span(i.new)) |\n" }
                out += "\n"
            }
            out += L[.changedWeeks] + ": \(t.changedWeeks.count)\n\n"
        }
        if !diff.units.isEmpty {
            out += "## " + L[.unitsChanged] + "\n\n"
            for u in diff.units { out += "- \(name(u.unit)): " + u.spans.map { "\($0.from)–\($0.to)" }.joined(separator: ", ") + "\n" }
            out += "\n"
        }
        if !diff.courses.isEmpty {
            out += "## " + L[.coursesChanged] + "\n\n"
            for c in diff.courses {
                out += "- \(name(c.course)), \(L[.weekOf]) \(c.week):"
                if !c.added.isEmpty { out += " \(L[.booked]) " + c.added.map(name).joined(separator: ", ") + ";" }
                if !c.removed.isEmpty { out += " \(L[.bookingLost]) " + c.removed.map(name).joined(separator: ", ") + ";" }
                out.removeLast()
                out += "\n"
            }
            out += "\n"
        }
        out += "## " + L[.noticesToSend] + "\n\n"
        if diff.notices.isEmpty { out += L[.noNotices] + "\n" }
        for n in diff.notices {
            let who = new.trainees.first { $0.id == n.trainee }?.name ?? old.trainees.first { $0.id == n.trainee }?.name ?? n.trainee
            out += "- " + L[n.kind == "unit" ? .toUnit : .toCourseOrganiser] + " \(name(n.to)): "
            out += "\(who), \(what(n.trainee, n.item, lower: true)) \(change(n.item.change)): \(span(n.item.old)) → \(span(n.item.new))\n"
        }
        return out
    }
}
