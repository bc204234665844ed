import Foundation
import ScenarioFormat
import STCore

/// What the workbench's buttons start: a plan or a replan as a job, with its folder and record made first.
enum Actions {
    /// Queues `stplan plan` of scenario `name` into a new plan folder; refused while the file has errors.
    static func plan(_ state: WorkbenchState, _ name: String, timeLimit: Double, language: Language) throws(WorkbenchError) -> Job {
        let ws = state.workspace
        let path = try ws.existing(name)
        let loaded = Pages.load(path)
        guard loaded.errors == 0 else {
            throw WorkbenchError(status: 422, "Scenariot har \(loaded.errors) fel och kan inte planeras; rätta dem i redigeraren först.",
                                 english: "The scenario has \(loaded.errors) errors and cannot be planned; fix them in the editor first.")
        }
        let (number, folder) = try ws.newPlanFolder(name)
        try ws.store(PlanRecord(kind: .plan, started: Workspace.isoNow(), timeLimit: timeLimit), name, number)
        let arguments = ["plan", path, "--out", folder, "--time-limit", String(format: "%g", timeLimit),
                         "--progress", "json", "--lang", language.english ? "en" : "sv"]
        return state.jobs.submit(scenario: name, planNumber: number, folder: folder, scenarioPath: path, arguments: arguments)
    }

    /// A change that a replan answers, as the plan page's forms describe it: written as the keys of a variant file.
    struct Change {
        /// The change in plain words, for the history.
        var words: String
        /// The variant file's scenario keys (YAML, without `variant:`, `base:` and `today:`).
        var keys: String
    }

    /// The change the form describes (`event` = `leave`, `extension`, `departure`, `capacity` or `session`), checked
    /// against the plan and the scenario it replans.
    static func change(_ form: [String: String], plan: Plan, scenario: Scenario?, language l: Language) throws(WorkbenchError) -> Change {
        func date(_ field: String, _ sv: String, _ en: String) throws(WorkbenchError) -> CivilDate {
            guard let d = CivilDate(iso: form[field] ?? "") else {
                throw WorkbenchError(status: 400, "Ange \(sv) som ÅÅÅÅ-MM-DD.", english: "Give \(en) as YYYY-MM-DD.")
            }
            return d
        }
        func range() throws(WorkbenchError) -> (CivilDate, CivilDate) {
            let from = try date("from", "första dagen", "the first day")
            let to = try date("to", "sista dagen", "the last day")
            guard from <= to else {
                throw WorkbenchError(status: 400, "Perioden slutar (\(to)) före den börjar (\(from)).", english: "The period ends (\(to)) before it starts (\(from)).")
            }
            return (from, to)
        }
        func trainee() throws(WorkbenchError) -> Plan.TraineePlan {
            guard let t = plan.trainees.first(where: { $0.id == (form["trainee"] ?? "") }) else {
                throw WorkbenchError(status: 400, "Välj en ST-läkare som finns i planen.", english: "Choose a trainee who is in the plan.")
            }
            return t
        }
        func count(_ field: String, _ range: ClosedRange<Int>, _ sv: String, _ en: String) throws(WorkbenchError) -> Int {
            guard let n = Int(form[field] ?? ""), range.contains(n) else {
                throw WorkbenchError(status: 400, "Ange \(sv) som ett heltal \(range.lowerBound)–\(range.upperBound).",
                                     english: "Give \(en) as a whole number \(range.lowerBound)–\(range.upperBound).")
            }
            return n
        }
        switch form["event"] ?? "" {
        case "leave":
            let t = try trainee()
            let kinds = ["parental": ("föräldraledighet", "parental leave"), "sick": ("sjukskrivning", "sick leave"), "other": ("ledighet", "leave")]
            let kind = form["kind"] ?? ""
            guard let words = kinds[kind] else {
                throw WorkbenchError(status: 400, "Slaget av ledighet är föräldraledighet, sjukskrivning eller annan.",
                                     english: "The kind of leave is parental, sick or other.")
            }
            let (from, to) = try range()
            return Change(words: l.t("ny \(words.0) för \(t.name ?? t.id), \(from)–\(to)", "new \(words.1) of \(t.name ?? t.id), \(from)–\(to)"),
                          keys: "trainees:\n  - id: \(yaml(t.id))\n    leave+:\n      - { from: \(from), to: \(to), kind: \(kind) }\n")
        case "extension":
            let t = try trainee()
            let weeks = try count("weeks", 1...260, "förlängningen i veckor", "the extension in weeks")
            return Change(words: l.t("förlängning för \(t.name ?? t.id) med \(weeks) veckor", "extension of \(t.name ?? t.id) by \(weeks) weeks"),
                          keys: "trainees:\n  - id: \(yaml(t.id))\n    extension_weeks: \(weeks)\n")
        case "departure":
            let t = try trainee()
            return Change(words: l.t("\(t.name ?? t.id) lämnar kohorten", "\(t.name ?? t.id) leaves the cohort"),
                          keys: "trainees:\n  - id: \(yaml(t.id))\n    remove: true\n")
        case "capacity":
            guard let unit = scenario?.units.first(where: { $0.id == (form["unit"] ?? "") && !$0.home && $0.capacity != nil }) else {
                throw WorkbenchError(status: 400, "Välj en mottagande enhet med ett antal platser.", english: "Choose a receiving unit with a number of places.")
            }
            let places = try count("capacity", 0...(unit.capacity ?? 0), "antalet platser under perioden", "the places during the period")
            let (from, to) = try range()
            return Change(words: l.t("\(unit.name) har \(places) platser \(from)–\(to)", "\(unit.name) has \(places) places \(from)–\(to)"),
                          keys: "units:\n  - id: \(yaml(unit.id))\n    capacity_overrides+:\n      - { from: \(from), to: \(to), capacity: \(places) }\n")
        case "session":
            let parts = (form["session"] ?? "").split(separator: "@", maxSplits: 1).map(String.init)
            guard parts.count == 2, let course = scenario?.courses.first(where: { $0.id == parts[0] }),
                  let session = course.sessions.first(where: { $0.start.description == parts[1] && !$0.cancelled }) else {
                throw WorkbenchError(status: 400, "Välj ett kurstillfälle som finns och inte redan är inställt.",
                                     english: "Choose a course session that exists and is not cancelled already.")
            }
            return Change(words: l.t("\(course.name) \(session.start) ställs in", "\(course.name) \(session.start) is cancelled"),
                          keys: "courses:\n  - id: \(yaml(course.id))\n    sessions:\n      - { start: \(session.start), cancelled: true }\n")
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
        let change = try change(form, plan: plan, scenario: Pages.load(scenarioPath).scenario, language: l)
        guard let today = CivilDate(iso: form["today"] ?? "") else {
            throw WorkbenchError(status: 400, "Ange dagen att planera om från som ÅÅÅÅ-MM-DD.", english: "Give the day to replan from as YYYY-MM-DD.")
        }
        let timeLimit = try Routes.timeLimit(form)
        let (number, folder) = try ws.newPlanFolder(name)
        let variant = """
        # Made by the workbench: \(change.words), replanned from \(today).
        variant: \(yaml(change.words))
        base: ../../../../\(name).yaml
        today: \(today)

        """ + change.keys
        let variantPath = folder + "/change.yaml"
        do { try Data(variant.utf8).write(to: URL(fileURLWithPath: variantPath), options: .atomic) } catch {
            throw WorkbenchError(status: 500, "Ändringen kunde inte skrivas: \(error.localizedDescription)",
                                 english: "The change could not be written: \(error.localizedDescription)")
        }
        try ws.store(PlanRecord(kind: .replan, started: Workspace.isoNow(), parent: parent, change: change.words, today: today.description,
                                timeLimit: timeLimit), name, number)
        let arguments = ["replan", parentPlan, "--scenario", variantPath, "--today", today.description, "--out", folder,
                         "--time-limit", String(format: "%g", timeLimit), "--progress", "json", "--lang", l.english ? "en" : "sv"]
        return state.jobs.submit(scenario: name, planNumber: number, folder: folder, scenarioPath: variantPath, arguments: arguments)
    }

    /// `s` as a YAML scalar (a JSON string is a double-quoted YAML scalar).
    static func yaml(_ s: String) -> String { Pages.jsString(s).replacingOccurrences(of: "<\\/", with: "</") }
}
