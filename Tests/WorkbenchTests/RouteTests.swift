import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import Workbench

/// Every page and action of the workbench through its router (HummingbirdTesting), with planning runs of the real
/// `stplan` and GLPK.
@Suite("Workbench routes")
struct RouteTests {
    func app(_ ws: TempWorkspace, token: String? = nil, binary: String = TempWorkspace.binary) throws -> some ApplicationProtocol {
        try WorkbenchServer.application(WorkbenchOptions(folder: ws.path, port: 0, token: token, binary: binary))
    }

    @Test("the workspace lists each scenario with its status, in Swedish or English")
    func workspacePage() async throws {
        let ws = try TempWorkspace(copying: ["Scenarios/example.yaml"])
        try ws.write("trasig.yaml", Templates.small.replacingOccurrences(of: "weeks: 340", with: "weeks: -3"))
        try await app(ws).test(.router) { client in
            let page = try await client.get("/")
            #expect(page.status == .ok)
            #expect(page.text.contains("Medicinkliniken Västerås, kohort 2027"))
            #expect(page.text.contains("<a href=\"/s/example\">example</a>"))
            #expect(page.text.contains("aldrig planerad"))
            #expect(page.text.contains("fel i filen (1)"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'self'") == true)
            let english = try await client.get("/?lang=en")
            #expect(english.text.contains("never planned"))
            #expect(english.text.contains("errors in the file (1)"))
            #expect(english.text.contains("href=\"/s/example?lang=en\""))
        }
    }

    @Test("a new scenario from the template is valid; an edit with an error is saved, shown at its line and blocks planning")
    func createEditValidate() async throws {
        let ws = try TempWorkspace()
        try await app(ws).test(.router) { client in
            let csrf = try await client.csrf()
            let created = try await client.post("/new", [("csrf", csrf), ("name", "min-kohort"), ("from", "")])
            #expect(created.status == .seeOther)
            #expect(created.headers[.location] == "/s/min-kohort")
            #expect(ws.read("min-kohort.yaml") == Templates.small)
            let page = try await client.get("/s/min-kohort")
            #expect(page.text.contains("Filen är giltig."))
            #expect(page.text.contains("Anna Ek"))
            // The same name again is refused.
            let again = try await client.post("/new", [("csrf", csrf), ("name", "min-kohort"), ("from", "")])
            #expect(again.status == .conflict)

            // Live validation of unsaved text: the diagnostic names its line and field.
            let broken = Templates.small.replacingOccurrences(of: "weeks: 340", with: "weeks: -3")
            let live = try await client.post("/s/min-kohort/validate", [("csrf", csrf), ("yaml", broken)])
            #expect(live.text.contains("data-line=\"5\""), "\(live.text)")
            #expect(live.text.contains("calendar.weeks"))
            #expect(ws.read("min-kohort.yaml") == Templates.small, "validation must not save")

            // Saving keeps a backup of the earlier text and shows the error.
            let posted = try await client.post("/s/min-kohort/save", [("csrf", csrf), ("yaml", broken)])
            #expect(posted.status == .seeOther, "a save answers with the page itself, so that a reload does not post again")
            let saved = try await client.get(try #require(posted.headers[.location]))
            #expect(saved.text.contains("filen har 1 fel"))
            #expect(saved.text.contains("rad 5"))
            #expect(ws.read("min-kohort.yaml") == broken)
            let backups = try FileManager.default.contentsOfDirectory(atPath: ws.path + "/.stplan/min-kohort/backups")
            #expect(backups.count == 1)
            #expect(ws.read(".stplan/min-kohort/backups/" + backups[0]) == Templates.small)
            let refused = try await client.post("/s/min-kohort/plan", [("csrf", csrf), ("time_limit", "2")])
            #expect(refused.status == .unprocessableContent)
            #expect(refused.text.contains("1 fel"))
        }
    }

    @Test("a state-changing request without the CSRF token, or with another, is refused and changes nothing")
    func csrfRequired() async throws {
        let ws = try TempWorkspace()
        try await app(ws).test(.router) { client in
            let none = try await client.post("/new", [("name", "x"), ("from", "")])
            #expect(none.status == .forbidden)
            #expect(none.text.contains("säkerhetsnyckel"))
            let wrong = try await client.post("/new", [("csrf", String(repeating: "0", count: 64)), ("name", "x"), ("from", "")])
            #expect(wrong.status == .forbidden)
            #expect(!ws.exists("x.yaml"))
        }
    }

    @Test("paths outside the workspace are refused: traversal, absolute paths, links out, bad names")
    func confinement() async throws {
        let ws = try TempWorkspace(copying: ["Scenarios/example.yaml"])
        let outside = try TempWorkspace()
        try outside.write("hemlig.yaml", "scenario: hemlig\n")
        try FileManager.default.createSymbolicLink(atPath: ws.path + "/ut.yaml", withDestinationPath: outside.path + "/hemlig.yaml")
        try FileManager.default.createDirectory(atPath: ws.path + "/.stplan/example/plans/001", withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: ws.path + "/.stplan/example/plans/001/ut", withDestinationPath: outside.path)
        try await app(ws).test(.router) { client in
            let list = try await client.get("/")
            #expect(!list.text.contains("/s/ut"), "a link out is not listed")
            let link = try await client.get("/s/ut")
            #expect(link.status == .forbidden)
            #expect(link.text.contains("länk ut ur arbetsmappen"))
            for uri in ["/s/..%2F..%2Fetc%2Fpasswd", "/s/.stplan", "/s/%2Fetc%2Fpasswd"] {
                let r = try await client.get(uri)
                #expect(r.status == .badRequest, "\(uri): \(r.status)")
            }
            let traversal = try await client.get("/s/example/plans/1/files/..%2F..%2F..%2F..%2Fexample.yaml")
            #expect(traversal.status == .badRequest)
            let hidden = try await client.get("/s/example/plans/1/files/.stplan-files")
            #expect(hidden.status == .badRequest)
            let out = try await client.get("/s/example/plans/1/files/ut/hemlig.yaml")
            #expect(out.status == .forbidden)
            #expect(!out.text.contains("scenario: hemlig"))
            let csrf = try await client.csrf()
            let badName = try await client.post("/new", [("csrf", csrf), ("name", "../ut"), ("from", "")])
            #expect(badName.status == .badRequest)
            let copyOut = try await client.post("/new", [("csrf", csrf), ("name", "kopia"), ("from", "../hemlig")])
            #expect(copyOut.status == .badRequest)
            #expect(!ws.exists("kopia.yaml"))
        }
    }

    @Test("an oversized upload is refused with its limit")
    func oversized() async throws {
        let ws = try TempWorkspace(copying: ["Scenarios/example.yaml"])
        try await app(ws).test(.router) { client in
            let csrf = try await client.csrf()
            let big = String(repeating: "# x\n", count: Workspace.maxScenarioBytes / 2)
            let r = try await client.post("/s/example/save", [("csrf", csrf), ("yaml", big)])
            #expect(r.status == .contentTooLarge)
            #expect(r.text.contains("byte"))
            #expect(ws.read("example.yaml") == (try String(contentsOfFile: TempWorkspace.root + "/Scenarios/example.yaml", encoding: .utf8)), "the file is unchanged")
        }
    }

    @Test("beyond loopback every request needs the token; the printed address sets a cookie")
    func token() async throws {
        let ws = try TempWorkspace(copying: ["Scenarios/example.yaml"])
        let secret = "hemlig-nyckel-1234567890"
        #expect(WorkbenchOptions(folder: ws.path, host: "0.0.0.0", binary: "x").problem != nil)
        #expect(WorkbenchOptions(folder: ws.path, host: "0.0.0.0", token: "kort", binary: "x").problem != nil)
        #expect(WorkbenchOptions(folder: ws.path, host: "0.0.0.0", token: secret, binary: "x").problem == nil)
        try await app(ws, token: secret).test(.router) { client in
            let none = try await client.get("/")
            #expect(none.status == .unauthorized)
            #expect(!none.text.contains("example"))
            let wrong = try await client.get("/?token=fel")
            #expect(wrong.status == .unauthorized)
            let first = try await client.get("/?token=\(secret)")
            #expect(first.status == .ok)
            let cookie = try #require(first.headers[.setCookie])
            #expect(cookie.contains("HttpOnly"))
            let again = try await client.get("/s/example", headers: [.cookie: "stplan_token=\(secret)"])
            #expect(again.status == .ok)
            let bearer = try await client.get("/", headers: [.authorization: "Bearer \(secret)"])
            #expect(bearer.status == .ok)
        }
    }

    @Test("a request for another host name is refused (no DNS rebinding onto loopback)")
    func hostNames() {
        #expect(Guard.isLocal("localhost:8080"))
        #expect(Guard.isLocal("127.0.0.1"))
        #expect(Guard.isLocal("[::1]:8080"))
        #expect(!Guard.isLocal("evil.example:8080"))
        #expect(!Guard.isLocal("localhost.evil.example"))
        #expect(!Guard.isLocal("127.evil.example:8080"), "a name that starts like a loopback address")
        #expect(!Guard.isLocal("127.0.0.1.evil.example"))
        #expect(Guard.isLocal("127.0.0.2:8080"))
    }

    @Test("Planera runs stplan as a job with progress; the plan page shows the checker's verdict, the trainees' IUPs and the downloads")
    func planJob() async throws {
        let ws = try TempWorkspace.small()
        try await app(ws).test(.router) { client in
            let csrf = try await client.csrf()
            let started = try await client.post("/s/liten/plan", [("csrf", csrf), ("time_limit", "3")])
            #expect(started.status == .seeOther)
            let id = try client.jobID(started)
            let jobPage = try await client.get("/jobs/\(id)")
            #expect(jobPage.text.contains("EventSource"))
            let status = try await client.waitForJob(id)
            #expect(status["state"] as? String == "finished")
            let progress = try #require(status["progress"] as? [String: Any], "the run printed progress lines")
            #expect(progress["trainees"] as? Int == 2)
            let events = try await client.get("/jobs/\(id)/events")
            #expect(events.headers[.contentType] == "text/event-stream")
            #expect(events.text.contains("event: end"))

            let plan = try await client.get("/s/liten/plans/1")
            #expect(plan.status == .ok)
            #expect(plan.text.contains("godkänd av kontrollen"), "\(plan.text.prefix(3000))")
            #expect(plan.text.contains("every hard rule holds"))
            #expect(plan.text.contains("/s/liten/plans/1/files/iup/anna.html\">Anna Ek</a>"))
            // The cohort Gantt: a row a trainee, a rectangle a block with its details on hover.
            #expect(plan.text.contains("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"gantt\""))
            #expect(plan.text.contains("<title>Anna Ek: randning iva – IVA, "), "\(plan.text.prefix(200))")
            let gantt = try await client.get("/s/liten/plans/1/gantt")
            #expect(gantt.status == .ok)
            #expect(gantt.text.components(separatedBy: "<rect ").count > 10)
            #expect(gantt.text.contains("id=\"legend\""))
            let iup = try await client.get("/s/liten/plans/1/files/iup/anna.html")
            #expect(iup.status == .ok)
            #expect(iup.headers[.contentType] == "text/html; charset=utf-8")
            #expect(iup.text.contains("Anna Ek"))
            let csv = try await client.get("/s/liten/plans/1/files/weeks.csv")
            #expect(csv.headers[.contentDisposition] == "attachment; filename=\"weeks.csv\"")
            let ics = try await client.get("/s/liten/plans/1/files/calendar/trainee-anna.ics")
            #expect(ics.text.hasPrefix("BEGIN:VCALENDAR"))
            let home = try await client.get("/")
            #expect(home.text.contains("plan 1</a>: <span class=\"ok\">plan skriven"))
        }
    }

    @Test("Planera om after a new parental leave makes a new plan in the history with the change report; the old one stays")
    func replanAfterLeave() async throws {
        let ws = try TempWorkspace.small()
        try await app(ws).test(.router) { client in
            let csrf = try await client.csrf()
            try await client.planFirst(csrf)
            let before = ws.read(".stplan/liten/plans/001/plan.json")
            let bad = try await client.post("/s/liten/plans/1/replan", [("csrf", csrf), ("event", "leave"), ("trainee", "anna"), ("kind", "parental"),
                                                                       ("from", "2029-02-25"), ("to", "2028-09-04"), ("today", "2028-03-06")])
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("slutar"))
            let started = try await client.post("/s/liten/plans/1/replan", [("csrf", csrf), ("event", "leave"), ("trainee", "anna"), ("kind", "parental"),
                                                                           ("from", "2028-09-04"), ("to", "2029-02-25"), ("today", "2028-03-06"),
                                                                           ("time_limit", "3")])
            let id = try client.jobID(started)
            let status = try await client.waitForJob(id)
            #expect(status["state"] as? String == "finished")
            #expect(ws.read(".stplan/liten/plans/001/plan.json") == before, "the old plan is never overwritten")
            let page = try await client.get("/s/liten/plans/2")
            #expect(page.text.contains("Omplanering av <a href=\"/s/liten/plans/1\">plan 1</a>"))
            #expect(page.text.contains("ny föräldraledighet för Anna Ek"))
            #expect(page.text.contains("id=\"changes\""))
            #expect(page.text.contains("godkänd av kontrollen"), "\(page.text.prefix(4000))")
            // Before and after: the replanned plan's Gantt above the new one.
            #expect(page.text.contains("id=\"gantt-before\"") && page.text.contains("Före: plan 1") && page.text.contains("Efter: plan 2"))
            let history = try await client.get("/s/liten")
            #expect(history.text.contains("omplanering av plan 1"))
        }
    }

    @Test("the other events replan too: an extension, a departure, fewer places, a cancelled session; each as a variant file")
    func otherEvents() async throws {
        let ws = try TempWorkspace.small()
        try await app(ws).test(.router) { client in
            let csrf = try await client.csrf()
            try await client.planFirst(csrf)
            let page = try await client.get("/s/liten/plans/1")
            for id in ["replan-leave", "replan-extension", "replan-departure", "replan-capacity", "replan-session"] {
                #expect(page.text.contains("id=\"\(id)\""), "\(id) missing")
            }
            #expect(page.text.contains("<option value=\"ledarskap@2028-10-02\">Ledarskap för ST-läkare 2028-10-02</option>"))
            let events: [(fields: [(String, String)], words: String, keys: String)] = [
                ([("event", "extension"), ("trainee", "anna"), ("weeks", "13")], "förlängning för Anna Ek med 13 veckor", "extension_weeks: 13"),
                ([("event", "departure"), ("trainee", "bo")], "Bo Lind lämnar kohorten", "remove: true"),
                ([("event", "capacity"), ("unit", "iva"), ("capacity", "0"), ("from", "2028-01-03"), ("to", "2028-12-31")],
                 "IVA har 0 platser 2028-01-03–2028-12-31", "capacity_overrides+:"),
                ([("event", "session"), ("session", "ledarskap@2028-10-02")], "Ledarskap för ST-läkare 2028-10-02 ställs in", "cancelled: true"),
            ]
            for (i, e) in events.enumerated() {
                let fields = [("csrf", csrf), ("today", "2027-09-06"), ("time_limit", "3")] + e.fields
                let id = try client.jobID(try await client.post("/s/liten/plans/1/replan", fields))
                let status = try await client.waitForJob(id)
                #expect(status["state"] as? String == "finished", "\(e.words)")
                let folder = String(format: ".stplan/liten/plans/%03d/", i + 2)
                let variant = try #require(ws.read(folder + "change.yaml"))
                #expect(variant.contains(e.keys), "\(variant)")
                let record = try #require(ws.read(folder + "job.json"))
                #expect(record.contains(e.words), "\(record)")
                let result = try await client.get("/s/liten/plans/\(i + 2)")
                #expect(result.text.contains("godkänd av kontrollen"), "\(e.words): \(result.text.prefix(3000))")
            }
            // A departure's plan no longer has the trainee.
            #expect(ws.read(".stplan/liten/plans/003/plan.json")?.contains("\"Bo Lind\"") == false)
            // A change the scenario cannot take (Bo, part time, would end after the calendar) ends with its reason.
            let tooLong = try client.jobID(try await client.post("/s/liten/plans/1/replan", [("csrf", csrf), ("today", "2027-09-06"), ("time_limit", "3"),
                                                                                            ("event", "extension"), ("trainee", "bo"), ("weeks", "13")]))
            #expect(try await client.waitForJob(tooLong)["state"] as? String == "finished")
            let refused = try await client.get("/s/liten/plans/6")
            #expect(refused.text.contains("fel i scenariot"))
            #expect(refused.text.contains("make it at least"), "\(refused.text.prefix(3000))")
            let wrong = try await client.post("/s/liten/plans/1/replan", [("csrf", csrf), ("event", "capacity"), ("unit", "hem"), ("capacity", "0"),
                                                                         ("from", "2028-01-03"), ("to", "2028-12-31"), ("today", "2027-09-06")])
            #expect(wrong.status == .badRequest, "the home clinic has no places to lose")
            let unknown = try await client.post("/s/liten/plans/1/replan", [("csrf", csrf), ("event", "flood"), ("today", "2027-09-06")])
            #expect(unknown.status == .badRequest)
        }
    }

    @Test("what-if: variants made from forms (places, intake, leave wave, own), edited and validated, compared in one run with each plan")
    func whatIf() async throws {
        let ws = try TempWorkspace.small()
        try await app(ws).test(.router) { client in
            let csrf = try await client.csrf()
            let page = try await client.get("/s/liten")
            for id in ["variant-places", "variant-intake", "variant-leave-wave", "variant-blank"] { #expect(page.text.contains("id=\"\(id)\""), "\(id)") }
            let places = try await client.post("/s/liten/variants", [("csrf", csrf), ("kind", "places"), ("unit", "iva"), ("capacity", "2")])
            #expect(places.headers[.location] == "/s/liten/variants/platser-iva-2")
            #expect(ws.read(".stplan/liten/variants/platser-iva-2.yaml")?.contains("base: ../../../liten.yaml\nunits:\n  - id: \"iva\"\n    capacity: 2\n") == true)
            let intake = try await client.post("/s/liten/variants", [("csrf", csrf), ("kind", "intake"), ("count", "2"), ("program", "st"), ("start", "2029-09-03")])
            let intakeFile = try #require(ws.read(".stplan/liten/variants/intag-2-2029-09-03.yaml"), "\(intake.status) \(intake.text.prefix(500))")
            #expect(intakeFile.contains("id: ny-2, name: \"Ny ST-läkare 2\""))
            #expect(intakeFile.contains("calendar: { weeks: "), "a later intake needs a longer calendar: \(intakeFile)")
            let wave = try await client.post("/s/liten/variants", [("csrf", csrf), ("kind", "leave-wave"), ("count", "2"), ("from", "2028-01-03"), ("months", "6")])
            #expect(wave.status == .seeOther)
            #expect(ws.read(".stplan/liten/variants/ledighetsvag-2-2028-01-03.yaml")?.components(separatedBy: "kind: parental").count == 3)
            let tooMany = try await client.post("/s/liten/variants", [("csrf", csrf), ("kind", "leave-wave"), ("count", "2"), ("from", "2027-02-01"), ("months", "6")])
            #expect(tooMany.status == .badRequest, "only Anna has started on 2027-02-01")

            // The variant page validates against the base; an error is shown, a base outside the workspace refused.
            let variantPage = try await client.get("/s/liten/variants/platser-iva-2")
            #expect(variantPage.text.contains("IVA med 2 platser"))
            #expect(variantPage.text.contains("Filen är giltig."))
            let broken = try await client.post("/s/liten/variants/platser-iva-2/validate", [("csrf", csrf), ("yaml", "variant: x\nbase: ../../../liten.yaml\nunits:\n  - id: iva\n    capacity: -1\n")])
            #expect(broken.text.contains("data-line=\"5\""), "\(broken.text)")
            let outside = try await client.post("/s/liten/variants/platser-iva-2/validate", [("csrf", csrf), ("yaml", "variant: x\nbase: /etc/passwd\n")])
            #expect(outside.text.contains("outside the workspace"))
            #expect(outside.text.contains("data-line=\"2\""))
            // Every way YAML can write the key: quoted, on the next line, tagged, as a block scalar, in a flow mapping.
            for form in ["\"base\": /etc/passwd", "base:\n  /etc/passwd", "base: !!str /etc/passwd", "base: >-\n  /etc/passwd", "{variant: x, base: /etc/passwd}"] {
                let r = try await client.post("/s/liten/variants/platser-iva-2/validate", [("csrf", csrf), ("yaml", form.hasPrefix("{") ? form : "variant: x\n" + form + "\n")])
                #expect(r.text.contains("outside the workspace"), "\(form): \(r.text.prefix(400))")
            }

            // Compare the base with two variants in one run; each plan is there, side by side.
            let run = try await client.post("/s/liten/whatif", [("csrf", csrf), ("v_platser-iva-2", "on"), ("v_ledighetsvag-2-2028-01-03", "on"), ("time_limit", "12")])
            let id = try client.jobID(run)
            let status = try await client.waitForJob(id)
            #expect(status["state"] as? String == "finished")
            let result = try await client.get("/s/liten/whatif/1")
            #expect(result.text.contains("id=\"comparison\""), "\(result.text.prefix(3000))")
            #expect(result.text.contains("IVA med 2 platser"))
            #expect(result.text.contains("2 föräldraledigheter från 2028-01-03"))
            #expect(result.text.components(separatedBy: "<iframe").count == 4, "the base and two variants side by side")
            let html = try await client.get("/s/liten/whatif/1/files/comparison.html")
            #expect(html.status == .ok)
            let history = try await client.get("/s/liten")
            #expect(history.text.contains("id=\"whatif-history\""))
            let none = try await client.post("/s/liten/whatif", [("csrf", csrf), ("time_limit", "5")])
            #expect(none.status == .badRequest)
        }
    }

    @Test("pins: a block moved and pinned, a unit forbidden; stored beside the scenario and kept by the next plan and a replan")
    func pins() async throws {
        let ws = try TempWorkspace.small()
        try await app(ws).test(.router) { client in
            let csrf = try await client.csrf()
            try await client.planFirst(csrf)
            let page = try await client.get("/s/liten/plans/1")
            #expect(page.text.contains("id=\"pin-blocks\""))
            #expect(page.text.contains("id=\"forbid-form\""))
            // Move Anna's IVA to the week of 2030-03-06 (a Wednesday: the block starts that Monday) and pin it there.
            let moved = try await client.post("/s/liten/pins", [("csrf", csrf), ("kind", "start"), ("back", "1"), ("trainee", "anna"),
                                                                ("rotation", "iva"), ("unit", "iva"), ("start", "2030-03-06")])
            #expect(moved.status == .seeOther)
            #expect(moved.headers[.location] == "/s/liten/plans/1#pins")
            _ = try await client.post("/s/liten/pins", [("csrf", csrf), ("kind", "forbidden"), ("back", "1"), ("trainee", "bo"),
                                                        ("unit", "akut"), ("from", "2027-03-01"), ("to", "2027-12-31")])
            let bad = try await client.post("/s/liten/pins", [("csrf", csrf), ("kind", "start"), ("trainee", "anna"), ("rotation", "iva"), ("start", "2020-01-06")])
            #expect(bad.status == .unprocessableContent)
            #expect(bad.text.contains("lies before the trainee"), "\(bad.text.prefix(1500))")
            #expect(ws.read("liten.yaml") == Templates.small, "the scenario file is not rewritten")
            let stored = try #require(ws.read(".stplan/liten/pins.json"))
            #expect(stored.contains("2030-03-06") && stored.contains("\"forbidden\""))
            let listed = try await client.get("/s/liten")
            #expect(listed.text.contains("Anna Ek: randningen iva börjar veckan 2030-03-06"))
            #expect(listed.text.contains("Bo Lind: inte på Akutmottagningen 2027-03-01–2027-12-31"))

            // The next plan keeps both, and the checker judges them.
            let second = try client.jobID(try await client.post("/s/liten/plan", [("csrf", csrf), ("time_limit", "3")]))
            #expect(try await client.waitForJob(second)["state"] as? String == "finished")
            #expect(ws.exists(".stplan/liten/plans/002/pinned.yaml"))
            let plan2 = try await client.get("/s/liten/plans/2")
            #expect(plan2.text.contains("godkänd av kontrollen"), "\(plan2.text.prefix(3000))")
            let json = try #require(ws.read(".stplan/liten/plans/002/plan.json"))
            let decoded = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            let trainees = try #require(decoded["trainees"] as? [[String: Any]])
            func starts(_ id: String, _ rotation: String) -> [String] {
                let blocks = trainees.first { $0["id"] as? String == id }?["blocks"] as? [[String: Any]] ?? []
                return blocks.filter { $0["rotation"] as? String == rotation }.compactMap { $0["from"] as? String }.sorted()
            }
            let annaIVA = starts("anna", "iva").first
            #expect(starts("bo", "akut").allSatisfy { $0 > "2027-12-31" }, "\(starts("bo", "akut"))")
            #expect(annaIVA == "2030-03-04", "\(String(describing: annaIVA))")
            // A replan carries the pins too.
            let replan = try client.jobID(try await client.post("/s/liten/plans/2/replan", [("csrf", csrf), ("event", "leave"), ("trainee", "bo"), ("kind", "sick"),
                                                                                          ("from", "2028-09-04"), ("to", "2028-10-01"), ("today", "2028-03-06"), ("time_limit", "3")]))
            #expect(try await client.waitForJob(replan)["state"] as? String == "finished")
            let change = try #require(ws.read(".stplan/liten/plans/003/change.yaml"))
            #expect(change.contains("pins+:") && change.contains("forbidden+:") && change.contains("leave+:"), "\(change)")
            #expect(try await client.get("/s/liten/plans/3").text.contains("godkänd av kontrollen"))
            // Removing a pin.
            _ = try await client.post("/s/liten/pins/delete", [("csrf", csrf), ("index", "0")])
            #expect(ws.read(".stplan/liten/pins.json")?.contains("2030-03-06") == false)
        }
    }

    @Test("a replan of a replan carries the earlier change on, and an extension adds to the one before")
    func replanChain() async throws {
        let ws = try TempWorkspace.small()
        try await app(ws).test(.router) { client in
            let csrf = try await client.csrf()
            try await client.planFirst(csrf)
            let common = [("csrf", csrf), ("today", "2027-09-06"), ("time_limit", "2")]
            let first = try client.jobID(try await client.post("/s/liten/plans/1/replan", common + [("event", "extension"), ("trainee", "anna"), ("weeks", "4")]))
            #expect(try await client.waitForJob(first)["state"] as? String == "finished")
            let second = try client.jobID(try await client.post("/s/liten/plans/2/replan", common + [("event", "extension"), ("trainee", "anna"), ("weeks", "13")]))
            #expect(try await client.waitForJob(second)["state"] as? String == "finished")
            let third = try client.jobID(try await client.post("/s/liten/plans/3/replan", common + [("event", "session"), ("session", "ledarskap@2028-10-02")]))
            #expect(try await client.waitForJob(third)["state"] as? String == "finished")
            let change = try #require(ws.read(".stplan/liten/plans/004/change.yaml"))
            #expect(change.contains("extension_weeks: 17"), "4 weeks and then 13 more: \(change)")
            #expect(change.contains("cancelled: true"))
            let plan = try await client.get("/s/liten/plans/4")
            #expect(plan.text.contains("godkänd av kontrollen"), "\(plan.text.prefix(3000))")
        }
    }

    @Test("Avbryt stops a run and keeps its best plan so far; a queued run is dropped")
    func cancel() async throws {
        let ws = try TempWorkspace.small()
        try await app(ws).test(.router) { client in
            let csrf = try await client.csrf()
            let running = try client.jobID(try await client.post("/s/liten/plan", [("csrf", csrf), ("time_limit", "120")]))
            let queued = try client.jobID(try await client.post("/s/liten/plan", [("csrf", csrf), ("time_limit", "120")]))
            let queuedStatus = try await client.get("/jobs/\(queued)/status")
            #expect(queuedStatus.text.contains("\"state\":\"queued\""), "one run at a time: \(queuedStatus.text)")
            _ = try await client.post("/jobs/\(queued)/cancel", [("csrf", csrf)])
            #expect(ws.read(".stplan/liten/plans/002/job.json")?.contains("\"cancelled\" : true") == true,
                    "a queued run's record says it was stopped at once, not when the queue reaches it")
            // Stop the first once it has a plan to keep.
            let end = Date().addingTimeInterval(60)
            while Date() < end {
                let s = try await client.get("/jobs/\(running)/status").text
                if s.contains("\"objective\"") { break }
                try await Task.sleep(for: .milliseconds(200))
            }
            _ = try await client.post("/jobs/\(running)/cancel", [("csrf", csrf)])
            let status = try await client.waitForJob(running, seconds: 30)
            #expect(status["state"] as? String == "cancelled")
            #expect(ws.exists(".stplan/liten/plans/001/plan.json"), "the best plan so far is written")
            let page = try await client.get("/s/liten/plans/1")
            #expect(page.text.contains("avbruten, bästa hittills"))
            #expect(page.text.contains("godkänd av kontrollen"))
            let dropped = try await client.waitForJob(queued, seconds: 5)
            #expect(dropped["state"] as? String == "cancelled")
            #expect(!ws.exists(".stplan/liten/plans/002/plan.json"))
        }
    }

    @Test("a run that crashes ends as a failed job and the server answers on")
    func crashIsolated() async throws {
        let ws = try TempWorkspace.small()
        let crasher = ws.path + "/crash.sh"
        try Data("#!/bin/sh\nkill -SEGV $$\n".utf8).write(to: URL(fileURLWithPath: crasher))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: crasher)
        try await app(ws, binary: crasher).test(.router) { client in
            let csrf = try await client.csrf()
            let id = try client.jobID(try await client.post("/s/liten/plan", [("csrf", csrf), ("time_limit", "2")]))
            let status = try await client.waitForJob(id, seconds: 20)
            #expect(status["state"] as? String == "failed")
            let page = try await client.get("/s/liten/plans/1")
            #expect(page.status == .ok)
            #expect(page.text.contains("misslyckades"))
            #expect(page.text.contains("a crash"))
            #expect(try await client.get("/").status == .ok)
        }
    }

    @Test("a run that does not answer the stop is killed by the second one, and the queue goes on")
    func stubbornRun() async throws {
        let ws = try TempWorkspace.small()
        let stubborn = ws.path + "/stubborn.sh"
        try Data("#!/bin/sh\ntrap '' INT\nexec sleep 120\n".utf8).write(to: URL(fileURLWithPath: stubborn))
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: stubborn)
        try await app(ws, binary: stubborn).test(.router) { client in
            let csrf = try await client.csrf()
            let id = try client.jobID(try await client.post("/s/liten/plan", [("csrf", csrf), ("time_limit", "2")]))
            try await Task.sleep(for: .milliseconds(500))
            _ = try await client.post("/jobs/\(id)/cancel", [("csrf", csrf)])
            try await Task.sleep(for: .milliseconds(500))
            #expect(try await client.get("/jobs/\(id)/status").text.contains("\"state\":\"running\""), "it ignores SIGINT")
            _ = try await client.post("/jobs/\(id)/cancel", [("csrf", csrf)])
            let status = try await client.waitForJob(id, seconds: 10)
            #expect(status["state"] as? String == "cancelled")
        }
    }

    @Test("an infeasible scenario's explanation links each field it names to its line in the editor")
    func infeasibleLinks() async throws {
        let ws = try TempWorkspace(copying: ["Scenarios/infeasible-iva.yaml"])
        try await app(ws).test(.router) { client in
            let csrf = try await client.csrf()
            let id = try client.jobID(try await client.post("/s/infeasible-iva/plan", [("csrf", csrf), ("time_limit", "10")]))
            #expect(try await client.waitForJob(id)["state"] as? String == "finished")
            let page = try await client.get("/s/infeasible-iva/plans/1")
            #expect(page.text.contains("ingen plan"))
            let link = try #require(Scrape.first(#"<a class="field" href="/s/infeasible-iva\?line=(\d+)#editor">units\[1\]\.capacity</a>"#, in: page.text),
                                    "\(page.text.prefix(4000))")
            let lines = try #require(ws.read("infeasible-iva.yaml")).split(separator: "\n", omittingEmptySubsequences: false)
            let n = try #require(Int(link))
            #expect(lines[n - 1].contains("capacity"), "line \(n): \(lines[n - 1])")
            let editor = try await client.get("/s/infeasible-iva?line=\(n)")
            #expect(editor.text.contains("get('line')"), "the editor selects the line it is sent to")
        }
    }

    @Test("an unknown page, plan or run answers 404 in words")
    func notFound() async throws {
        let ws = try TempWorkspace(copying: ["Scenarios/example.yaml"])
        try await app(ws).test(.router) { client in
            #expect(try await client.get("/s/finns-inte").status == .notFound)
            #expect(try await client.get("/s/example/plans/4").status == .notFound)
            #expect(try await client.get("/jobs/99").status == .notFound)
            let page = try await client.get("/ingenting")
            #expect(page.status == .notFound)
            #expect(page.text.contains("Sidan finns inte"))
        }
    }
}

@Suite("Workbench parts")
struct WorkbenchPartTests {
    @Test("names: letters, digits, - _ . inside; no slashes, no leading dot, no ..")
    func names() {
        for good in ["example", "min-kohort", "region_60", "anestesi.2027", "östra"] { #expect(Workspace.isValidName(good), "\(good)") }
        for bad in ["", ".stplan", "../x", "a/b", "a..b", "x.", String(repeating: "a", count: 81), "a b", "/etc"] {
            #expect(!Workspace.isValidName(bad), "\(bad)")
        }
    }

    @Test("form bodies decode + and percent escapes; the first of a repeated field counts")
    func form() {
        let f = Form.parse("name=min+kohort&yaml=a%3A%201%0Ab%3A%20%C3%A5&name=other&empty=")
        #expect(f["name"] == "min kohort")
        #expect(f["yaml"] == "a: 1\nb: å")
        #expect(f["empty"] == "")
    }

    @Test("the page cache gives the new validation when the text changes, and keeps no overlay (its base may change)")
    func cache() throws {
        let cache = PageCache()
        var made = 0
        func make() -> Pages.Loaded { made += 1; return Pages.Loaded(scenario: nil, diagnostics: []) }
        _ = cache.loaded("scenario: a\n", path: "/w/a.yaml", make)
        _ = cache.loaded("scenario: a\n", path: "/w/a.yaml", make)
        #expect(made == 1, "the same text again comes from the cache")
        _ = cache.loaded("scenario: b\n", path: "/w/a.yaml", make)
        #expect(made == 2, "a changed text is validated again")
        _ = cache.loaded("variant: v\nbase: a.yaml\n", path: "/w/v.yaml", make)
        _ = cache.loaded("variant: v\nbase: a.yaml\n", path: "/w/v.yaml", make)
        #expect(made == 4, "an overlay is never kept")
    }

    @Test("plan folders asked for at once are all different (a double click makes two runs, not one folder for both)")
    func folders() throws {
        let temp = try TempWorkspace.small()
        let ws = try Workspace(path: temp.path)
        final class Numbers: @unchecked Sendable {
            let lock = NSLock()
            var all: [Int] = []
        }
        let numbers = Numbers()
        DispatchQueue.concurrentPerform(iterations: 24) { _ in
            if let (n, _) = try? ws.newPlanFolder("liten") { numbers.lock.withLock { numbers.all.append(n) } }
        }
        let all = numbers.all
        #expect(all.count == 24)
        #expect(Set(all).count == 24, "\(all.sorted())")
    }

    @Test("a name with a line break stays on the comment's line of a written overlay")
    func overlayOneLine() {
        let text = Pins.overlay("liten", depth: 4, title: "ny ledighet för Anna\nbase: /etc/passwd", pins: [])
        #expect(text.split(separator: "\n").filter { $0.hasPrefix("base:") } == ["base: ../../../../liten.yaml"], "\(text)")
    }

    @Test("HTML escaping covers the five characters")
    func escaping() {
        #expect(HTML.escape("<a href=\"x\">'&'</a>") == "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
        #expect(Pages.jsString("</script>\"") == "\"<\\/script>\\\"\"")
    }
}
