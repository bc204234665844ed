import STCore

/// The studierektor's own list: every booking, SK application deadline, yearly review, training plan signing or
/// revision and specialist board of the whole cohort, in date order, as `todo.md` and `calendar/studierektor.ics`.
/// Reads a Plan only.
public enum DirectorList {
    /// The event kinds the director of studies acts on.
    static let kinds: [Plan.EventKind] = [.booking, .applicationDeadline, .yearlyReview, .trainingPlan, .specialistBoard]

    struct Item {
        var trainee: Plan.TraineePlan
        var event: Plan.Event
    }

    /// Every item, by date, then kind, then trainee id (each event once, also when filed under another week).
    static func items(_ plan: Plan) -> [Item] {
        var out: [Item] = []
        for t in plan.trainees {
            for w in t.weeks { for e in w.events where kinds.contains(e.kind) { out.append(Item(trainee: t, event: e)) } }
        }
        return out.sorted { a, b in
            (a.event.date, a.event.kind, a.trainee.id, a.event.subject ?? "") < (b.event.date, b.event.kind, b.trainee.id, b.event.subject ?? "")
        }
    }

    /// `todo.md`: a table per calendar year; items before `today` are marked as passed.
    public static func markdown(_ plan: Plan, today: CivilDate, language L: ReportLanguage = ReportLanguage()) -> String {
        var out = "# \(L[.directorsList]): \(plan.scenario)\n\n"
        out += L.directorIntro(today: today) + "\n\n"
        let all = items(plan)
        if all.isEmpty { return out + L[.nothingToDo] + "\n" }
        var year: Int?
        for item in all {
            let e = item.event
            if e.date.year != year {
                year = e.date.year
                out += (year == all.first!.event.date.year ? "" : "\n") + "## \(e.date.year)\n\n"
                out += "| \(L[.date]) | \(L[.what]) | \(L[.trainee]) | |\n|---|---|---|---|\n"
            }
            let passed = e.date < today ? L[.passed] : ""
            out += "| \(e.date) | \(MarkdownReport.cell(L.event(e, plan.catalog))) | \(MarkdownReport.cell(item.trainee.name ?? item.trainee.id)) | \(passed) |\n"
        }
        return out
    }

    /// `calendar/studierektor.ics`: the same items; reviews, training plans and boards at their time of day.
    public static func ics(_ plan: Plan, stamp: CivilDate, language L: ReportLanguage = ReportLanguage()) -> ICSReport.File {
        let lines = items(plan).map { item -> [String] in
            let e = item.event
            let time = ICSReport.meetingTime(e)
            let key = "\(item.trainee.id)-\(e.kind.rawValue)-\(e.date)" + (e.subject.map { "-" + $0 } ?? "")
            return ICSReport.vevent(ICSReport.Item(key: key, start: e.date, end: e.date.adding(days: 1),
                                                   summary: "\(item.trainee.name ?? item.trainee.id): \(L.event(e, plan.catalog))",
                                                   supervisorSees: true, time: time, busy: time != nil),
                                    prefix: "studierektor", stamp: stamp)
        }
        return ICSReport.File(name: "studierektor.ics", text: ICSReport.calendar(L[.directorOfStudies], lines))
    }
}
