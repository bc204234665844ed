import Foundation
import ScenarioFormat
import STCore

/// What the workbench's buttons start: a plan or a replan as a job, with its folder and record made first.
enum Actions {
    /// Queues `stplan plan` of scenario `name` into a new plan folder; refused while the file has errors.
    static func plan(_ state: WorkbenchState, _ name: String, timeLimit: Double, language: Language) throws(WorkbenchError) -> Job {
        let ws = state.workspace
        let path = try ws.existing(name)
        let loaded = Pages.load(path, in: ws)
        guard loaded.errors == 0 else {
            throw WorkbenchError(status: 422, "Scenariot har \(loaded.errors) fel och kan inte planeras; rätta dem i redigeraren först.",
                                 english: "The scenario has \(loaded.errors) errors and cannot be planned; fix them in the editor first.")
        }
        let (number, folder) = try ws.newPlanFolder(name)
        // With pins, the plan is of an overlay that adds them (`pinned.yaml` in the plan's folder).
        var target = path
        let pins = ws.pins(name)
        if !pins.isEmpty {
            target = folder + "/pinned.yaml"
            let text = Pins.overlay(name, depth: 4, title: language.t("med låsta block", "with pins"), pins: pins)
            do { try Data(text.utf8).write(to: URL(fileURLWithPath: target), options: .atomic) } catch {
                throw WorkbenchError(status: 500, "Låsningarna kunde inte skrivas: \(error.localizedDescription)",
                                     english: "The pins could not be written: \(error.localizedDescription)")
            }
        }
        try ws.store(PlanRecord(kind: .plan, started: Workspace.isoNow(), change: pins.isEmpty ? nil : pins.count == 1 ? language.t("1 låsning", "1 pin") : language.t("\(pins.count) låsningar", "\(pins.count) pins"),
                                timeLimit: timeLimit), name, number)
        let arguments = ["plan", target, "--out", folder, "--time-limit", String(format: "%g", timeLimit),
                         "--progress", "json", "--lang", language.english ? "en" : "sv"]
        return state.jobs.submit(scenario: name, planNumber: number, folder: folder, checkScenario: target, arguments: arguments)
    }

    /// A change that a replan answers, as the plan page's forms describe it: written as the keys of a variant file.
    struct Change {
        /// The change in plain words, for the history.
        var words: String
        /// The variant file's entries of `trainees:`, `units:` and `courses:` (YAML list items).
        var traineeEntries: String = ""
        var unitEntries: String = ""
        var courseEntries: String = ""
    }

    /// The change the form describes (`event` = `leave`, `extension`, `departure`, `capacity` or `session`), checked
    /// against the plan and the scenario it replans.
    static func change(_ form: [String: String], plan: Plan, scenario: Scenario?, language l: Language) throws(WorkbenchError) -> Change {
        func range() throws(WorkbenchError) -> (CivilDate, CivilDate) {
            let from = try Fields.date(form, "from", "första dagen", "the first day")
            let to = try Fields.date(form, "to", "sista dagen", "the last day")
            guard from <= to else {
                throw WorkbenchError(status: 400, "Perioden slutar (\(to)) innan den börjar (\(from)).", english: "The period ends (\(to)) before it starts (\(from)).")
            }
            return (from, to)
        }
        func trainee() throws(WorkbenchError) -> Plan.TraineePlan {
            guard let t = plan.trainees.first(where: { $0.id == (form["trainee"] ?? "") }) else {
                throw WorkbenchError(status: 400, "Välj en ST-läkare som finns i planen.", english: "Choose a trainee who is in the plan.")
            }
            return t
        }
        switch form["event"] ?? "" {
        case "leave":
            let t = try trainee()
            let kinds = ["parental": ("föräldraledighet", "parental leave"), "sick": ("sjukskrivning", "sick leave"), "other": ("ledighet", "leave")]
            let kind = form["kind"] ?? ""
            guard let words = kinds[kind] else {
                throw WorkbenchError(status: 400, "Ledigheten ska vara föräldraledighet, sjukskrivning eller annan ledighet.",
                                     english: "The kind of leave is parental, sick or other.")
            }
            let (from, to) = try range()
            return Change(words: l.t("ny \(words.0) för \(t.name ?? t.id), \(from)–\(to)", "new \(words.1) of \(t.name ?? t.id), \(from)–\(to)"),
                          traineeEntries: "  - id: \(yaml(t.id))\n    leave+:\n      - { from: \(from), to: \(to), kind: \(kind) }\n")
        case "extension":
            let t = try trainee()
            let weeks = try Fields.int(form, "weeks", 1...260, "förlängningen i veckor", "the extension in weeks")
            // On top of the extension the trainee has already (in the scenario and the replans before).
            let before = scenario?.trainees.first { $0.id == t.id }?.extensionWeeks ?? 0
            return Change(words: l.t("förlängning för \(t.name ?? t.id) med \(weeks) veckor", "extension of \(t.name ?? t.id) by \(weeks) weeks"),
                          traineeEntries: "  - id: \(yaml(t.id))\n    extension_weeks: \(before + weeks)\n")
        case "departure":
            let t = try trainee()
            return Change(words: l.t("\(t.name ?? t.id) lämnar kohorten", "\(t.name ?? t.id) leaves the cohort"),
                          traineeEntries: "  - id: \(yaml(t.id))\n    remove: true\n")
        case "capacity":
            guard let unit = scenario?.units.first(where: { $0.id == (form["unit"] ?? "") && !$0.home && $0.capacity != nil }) else {
                throw WorkbenchError(status: 400, "Välj en mottagande enhet med ett antal platser.", english: "Choose a receiving unit with a number of places.")
            }
            let places = try Fields.int(form, "capacity", 0...(unit.capacity ?? 0), "antalet platser under perioden", "the places during the period")
            let (from, to) = try range()
            return Change(words: l.t("\(unit.name) har \(places) platser \(from)–\(to)", "\(unit.name) has \(places) places \(from)–\(to)"),
                          unitEntries: "  - id: \(yaml(unit.id))\n    capacity_overrides+:\n      - { from: \(from), to: \(to), capacity: \(places) }\n")
        case "session":
            let parts = (form["session"] ?? "").split(separator: "@", maxSplits: 1).map(String.init)
            guard parts.count == 2, let course = scenario?.courses.first(where: { $0.id == parts[0] }),
                  let session = course.sessions.first(where: { $0.start.description == parts[1] && !$0.cancelled }) else {
                throw WorkbenchError(status: 400, "Välj ett kurstillfälle som finns och inte redan är inställt.",
                                     english: "Choose a course session that exists and is not cancelled already.")
            }
            return Change(words: l.t("\(course.name) \(session.start) ställs in", "\(course.name) \(session.start) is cancelled"),
                          courseEntries: "  - id: \(yaml(course.id))\n    sessions:\n      - { start: \(session.start), cancelled: true }\n")
        default:
            throw WorkbenchError(status: 400, "Välj vad som har hänt: ledighet, förlängning, avslut, färre platser eller inställd kurs.",
                                 english: "Choose what happened: leave, extension, departure, fewer places or a cancelled course.")
        }
    }

    /// Queues `stplan replan` of plan `parent` after the change the form describes: the change is written as a
    /// variant file (`change.yaml`) in the new plan's folder, so that the scenario file itself is not rewritten.
    static func replan(_ state: WorkbenchState, _ name: String, parent: Int, form: [String: String],
                       language l: Language) throws(WorkbenchError) -> Job {
        let ws = state.workspace
        let scenarioPath = try ws.existing(name)
        let parentPlan = try ws.planFile(name, parent, "plan.json")
        guard let data = FileManager.default.contents(atPath: parentPlan), let plan = try? PlanFile.decode(data) else {
            throw WorkbenchError(status: 422, "Plan \(parent) har ingen läsbar plan.json att planera om.",
                                 english: "Plan \(parent) has no readable plan.json to replan.")
        }
        // A replan of a replan carries the changes before it on (a variant's base must be a whole scenario, so they
        // are written again), and reads the trainees as those changes left them.
        let parentRecord = ws.record(name, parent)
        let earlier = parentRecord?.kind == .replan ? parentRecord : nil
        let parentChange = try ws.planFolder(name, parent) + "/change.yaml"
        let current = earlier != nil && FileManager.default.fileExists(atPath: parentChange)
            ? Pages.load(parentChange, in: ws).scenario : Pages.load(scenarioPath, in: ws).scenario
        var change = try change(form, plan: plan, scenario: current, language: l)
        change.traineeEntries = (earlier?.traineeEntries ?? "") + change.traineeEntries
        change.unitEntries = (earlier?.unitEntries ?? "") + change.unitEntries
        change.courseEntries = (earlier?.courseEntries ?? "") + change.courseEntries
        let today = try Fields.date(form, "today", "dagen att planera om från", "the day to replan from")
        let timeLimit = try Routes.timeLimit(form)
        let (number, folder) = try ws.newPlanFolder(name)
        let variant = Pins.overlay(name, depth: 4, title: change.words, today: today, pins: ws.pins(name),
                                   traineeEntries: change.traineeEntries, unitEntries: change.unitEntries, courseEntries: change.courseEntries)
        let variantPath = folder + "/change.yaml"
        do { try Data(variant.utf8).write(to: URL(fileURLWithPath: variantPath), options: .atomic) } catch {
            throw WorkbenchError(status: 500, "Ändringen kunde inte skrivas: \(error.localizedDescription)",
                                 english: "The change could not be written: \(error.localizedDescription)")
        }
        var record = PlanRecord(kind: .replan, started: Workspace.isoNow(), parent: parent, change: change.words, today: today.description,
                                timeLimit: timeLimit)
        record.traineeEntries = change.traineeEntries
        record.unitEntries = change.unitEntries
        record.courseEntries = change.courseEntries
        try ws.store(record, name, number)
        let arguments = ["replan", parentPlan, "--scenario", variantPath, "--today", today.description, "--out", folder,
                         "--time-limit", String(format: "%g", timeLimit), "--progress", "json", "--lang", l.english ? "en" : "sv"]
        return state.jobs.submit(scenario: name, planNumber: number, folder: folder, checkScenario: variantPath, arguments: arguments)
    }

    /// `s` as a YAML scalar (a JSON string is a double-quoted YAML scalar).
    static func yaml(_ s: String) -> String { Pages.jsString(s).replacingOccurrences(of: "<\\/", with: "</") }
}

extension Actions {
    /// Writes a new what-if variant of scenario `name` from the form (`kind` = `places`, `intake`, `leave-wave` or
    /// `blank`) and returns its file name. The variant is a small overlay file with `base:` the scenario, which the
    /// variant page then shows and edits like any other file.
    static func newVariant(_ state: WorkbenchState, _ name: String, form: [String: String], language l: Language) throws(WorkbenchError) -> String {
        let ws = state.workspace
        let path = try ws.existing(name)
        guard let scenario = Pages.load(path, in: ws).scenario else {
            throw WorkbenchError(status: 422, "Scenariot har fel; rätta dem innan du gör varianter av det.",
                                 english: "The scenario has errors; fix them before making variants of it.")
        }
        let title: String, file: String, keys: String
        switch form["kind"] ?? "" {
        case "places":
            guard let unit = scenario.units.first(where: { $0.id == (form["unit"] ?? "") && !$0.home }) else {
                throw WorkbenchError(status: 400, "Välj en mottagande enhet.", english: "Choose a receiving unit.")
            }
            let places = try Fields.int(form, "capacity", 0...50, "antalet platser", "the number of places")
            title = l.t("\(unit.name) med \(places) platser", "\(unit.name) with \(places) places")
            file = "platser-\(unit.id)-\(places)"
            keys = "units:\n  - id: \(yaml(unit.id))\n    capacity: \(places)\n"
        case "intake":
            guard let program = scenario.programs.first(where: { $0.id == (form["program"] ?? "") }) else {
                throw WorkbenchError(status: 400, "Välj ett program.", english: "Choose a programme.")
            }
            let count = try Fields.int(form, "count", 1...40, "antalet nya ST-läkare", "the number of new trainees")
            let start = try Fields.date(form, "start")
            guard start >= scenario.calendar.start else {
                throw WorkbenchError(status: 400, "De nya börjar före kalenderns start \(scenario.calendar.start).",
                                     english: "The new trainees start before the calendar's start \(scenario.calendar.start).")
            }
            // Room for their whole ST: the weeks to their start, the programme's weeks and half a year's margin.
            let needed = scenario.calendar.start.days(to: start) / 7 + program.regulation.requiredWeeks + 26
            let taken = Set(scenario.trainees.map(\.id))
            var lines = ""
            var made = 0, n = 1
            while made < count {
                let id = "ny-\(n)"
                n += 1
                if taken.contains(id) { continue }
                made += 1
                lines += "  - { id: \(id), name: \(yaml(l.t("Ny ST-läkare \(made)", "New trainee \(made)"))), program: \(yaml(program.id)), start: \(start) }\n"
            }
            title = l.t("\(count) nya ST-läkare från \(start)", "\(count) new trainees from \(start)")
            file = "intag-\(count)-\(start)"
            keys = (needed > scenario.calendar.weeks ? "calendar: { weeks: \(needed) }\n" : "") + "trainees:\n" + lines
        case "leave-wave":
            let count = try Fields.int(form, "count", 1...max(1, scenario.trainees.count), "antalet ST-läkare", "the number of trainees")
            let from = try Fields.date(form, "from")
            let months = try Fields.int(form, "months", 1...18, "månaderna", "the months")
            let to = from.adding(days: months * 30 + months / 2)
            // The first trainees in ST on that day, by start and then by name.
            let inST = scenario.trainees.filter { $0.start <= from }.sorted { ($0.start, $0.name) < ($1.start, $1.name) }.prefix(count)
            guard inST.count == count else {
                throw WorkbenchError(status: 400, "Bara \(inST.count) ST-läkare har börjat \(from).", english: "Only \(inST.count) trainees have started by \(from).")
            }
            title = l.t("\(count) föräldraledigheter från \(from), \(months) månader", "\(count) parental leaves from \(from), \(months) months")
            file = "ledighetsvag-\(count)-\(from)"
            // Leave pushes each end date by its length: the calendar grows by as much, so that every ST still fits.
            keys = "calendar: { weeks: \(scenario.calendar.weeks + (from.days(to: to) + 6) / 7 + 1) }\ntrainees:\n" + inST.map { "  - id: \(yaml($0.id))\n    leave+:\n      - { from: \(from), to: \(to), kind: parental }\n" }.joined()
        case "blank":
            title = l.t("Egen variant", "Own variant")
            file = "egen"
            keys = l.t("# Skriv här de nycklar som ändras, t.ex.\n# units:\n#   - id: iva\n#     capacity: 2\n",
                       "# Write the keys that change here, e.g.\n# units:\n#   - id: iva\n#     capacity: 2\n")
        default:
            throw WorkbenchError(status: 400, "Välj vilken sorts variant.", english: "Choose a kind of variant.")
        }
        var variant = file
        var i = 2
        while ws.variantNames(name).contains(variant) { variant = "\(file)-\(i)"; i += 1 }
        let text = "# " + l.t("Gjord av arbetsbänken", "Made by the workbench") + "\nvariant: \(yaml(title))\nbase: ../../../\(name).yaml\n" + keys
        try ws.saveVariant(name, variant, text: text)
        return variant
    }

    /// Queues `stplan whatif` of scenario `name` and the variants checked in the form (`v_NAME=on`).
    static func whatIf(_ state: WorkbenchState, _ name: String, form: [String: String], language l: Language) throws(WorkbenchError) -> Job {
        let ws = state.workspace
        let path = try ws.existing(name)
        let chosen = ws.variantNames(name).filter { form["v_" + $0] != nil }
        guard !chosen.isEmpty else {
            throw WorkbenchError(status: 400, "Välj minst en variant att jämföra med scenariot.", english: "Choose at least one variant to compare with the scenario.")
        }
        var paths: [String] = []
        for v in chosen {
            let p = try ws.variantPath(name, v)
            let loaded = Pages.load(p, in: ws)
            guard loaded.errors == 0 else {
                throw WorkbenchError(status: 422, "Varianten ”\(v)” har \(loaded.errors) fel; rätta dem först.",
                                     english: "The variant “\(v)” has \(loaded.errors) errors; fix them first.")
            }
            paths.append(p)
        }
        let timeLimit = try Routes.timeLimit(form)
        let (number, folder) = try ws.newPlanFolder(name, area: .whatif)
        try ws.store(PlanRecord(kind: .whatif, started: Workspace.isoNow(), timeLimit: timeLimit, variants: chosen), name, number, area: .whatif)
        let arguments = ["whatif", path] + paths + ["--out", folder, "--time-limit", String(format: "%g", timeLimit), "--lang", l.english ? "en" : "sv"]
        return state.jobs.submit(scenario: name, planNumber: number, area: .whatif, folder: folder, checkScenario: nil, arguments: arguments)
    }
}

/// A posted form's typed fields, refused in plain words when missing or wrong.
enum Fields {
    /// Field `field` as a date (`ÅÅÅÅ-MM-DD`); `sv` and `en` name it in the refusal.
    static func date(_ form: [String: String], _ field: String, _ sv: String = "datumet", _ en: String = "the date") throws(WorkbenchError) -> CivilDate {
        guard let d = CivilDate(iso: form[field] ?? "") else {
            throw WorkbenchError(status: 400, "Ange \(sv) som ÅÅÅÅ-MM-DD.", english: "Give \(en) as YYYY-MM-DD.")
        }
        return d
    }

    /// Field `field` as a whole number in `range`; `sv` and `en` name it in the refusal.
    static func int(_ form: [String: String], _ field: String, _ range: ClosedRange<Int>, _ sv: String, _ en: String) throws(WorkbenchError) -> Int {
        guard let n = Int(form[field] ?? ""), range.contains(n) else {
            throw WorkbenchError(status: 400, "Ange \(sv) som ett heltal \(range.lowerBound)–\(range.upperBound).",
                                 english: "Give \(en) as a whole number \(range.lowerBound)–\(range.upperBound).")
        }
        return n
    }
}
