import Foundation
import Hummingbird
import Planning
import STCore

/// The workbench's addresses: each reads the request, calls the workspace, the job queue or a page, and answers.
enum Routes {
    typealias Context = WorkbenchContext

    static func router(_ state: WorkbenchState) -> Router<Context> {
        let router = Router(context: Context.self)
        router.add(middleware: Guard(state: state))
        let ws = state.workspace

        router.get("/") { _, c in html(Pages.workspace(ws, jobs: state.jobs, csrf: state.csrf, language: c.language)) }

        router.post("/new") { _, c in
            let name = (c.form["name"] ?? "").trimmingCharacters(in: .whitespaces)
            guard Workspace.isValidName(name) else { throw Workspace.badName(name) }
            guard !ws.exists(name) else {
                throw WorkbenchError(status: 409, "Det finns redan ett scenario ”\(name)”; välj ett annat namn.",
                                     english: "There is already a scenario “\(name)”; choose another name.")
            }
            let from = c.form["from"] ?? ""
            let text = from.isEmpty ? Templates.small : try ws.read(from)
            try ws.save(name, text: text)
            return redirect(c.language.link("/s/" + HTML.pathPart(name)))
        }

        router.get("/s/:name") { request, c in
            let name = try c.parameters.require("name")
            let path = try ws.existing(name)
            var message: String?
            if request.uri.queryParameters.get("saved") != nil {
                let loaded = Pages.load(path, in: ws)
                message = loaded.errors == 0 ? c.language.t("Sparat. Filen är giltig.", "Saved. The file is valid.")
                    : c.language.t("Sparat, men filen har \(loaded.errors) fel; rätta dem innan du planerar.",
                                   "Saved, but the file has \(loaded.errors) errors; fix them before planning.")
            }
            return html(try Pages.scenario(ws, name, jobs: state.jobs, csrf: state.csrf, language: c.language, message: message))
        }

        router.post("/s/:name/save") { _, c in
            let name = try c.parameters.require("name")
            _ = try ws.existing(name)
            try ws.save(name, text: c.form["yaml"] ?? "")
            // To the page itself (a reload does not post again, and its links hold).
            return redirect(c.language.link("/s/\(HTML.pathPart(name))?saved=1"))
        }

        router.post("/s/:name/validate") { _, c in
            let name = try c.parameters.require("name")
            let loaded = Pages.validate(text: c.form["yaml"] ?? "", path: try ws.existing(name), in: ws)
            return html(Pages.diagnostics(loaded, language: c.language))
        }

        router.post("/s/:name/plan") { _, c in
            let name = try c.parameters.require("name")
            let job = try Actions.plan(state, name, timeLimit: timeLimit(c.form), language: c.language)
            return redirect(c.language.link("/jobs/\(job.id)"))
        }

        router.get("/s/:name/plans/:n") { _, c in
            let name = try c.parameters.require("name")
            let number = try planNumber(c)
            return html(try Pages.plan(ws, name, number, jobs: state.jobs, csrf: state.csrf, language: c.language))
        }

        router.get("/s/:name/plans/:n/gantt") { _, c in
            let name = try c.parameters.require("name")
            return html(try Pages.gantt(ws, name, try planNumber(c), language: c.language))
        }

        router.get("/s/:name/plans/:n/files/**") { _, c in try download(ws, c, area: .plans) }

        router.post("/s/:name/plans/:n/replan") { _, c in
            let name = try c.parameters.require("name")
            let job = try Actions.replan(state, name, parent: try planNumber(c), form: c.form, language: c.language)
            return redirect(c.language.link("/jobs/\(job.id)"))
        }

        router.post("/s/:name/pins") { _, c in
            let name = try c.parameters.require("name")
            try Actions.addPin(state, name, form: c.form, language: c.language)
            return redirect(c.language.link(back(name, c.form) + "#pins"))
        }

        router.post("/s/:name/pins/delete") { _, c in
            let name = try c.parameters.require("name")
            try Actions.removePin(state, name, form: c.form)
            return redirect(c.language.link(back(name, c.form) + "#pins"))
        }

        router.post("/s/:name/variants") { _, c in
            let name = try c.parameters.require("name")
            let variant = try Actions.newVariant(state, name, form: c.form, language: c.language)
            return redirect(c.language.link("/s/\(HTML.pathPart(name))/variants/\(HTML.pathPart(variant))"))
        }

        router.get("/s/:name/variants/:v") { request, c in
            let name = try c.parameters.require("name"), variant = try c.parameters.require("v")
            _ = try ws.existing(name)
            var message: String?
            if request.uri.queryParameters.get("saved") != nil {
                let loaded = Pages.load(try ws.variantPath(name, variant), in: ws)
                message = loaded.errors == 0 ? c.language.t("Sparat. Varianten är giltig.", "Saved. The variant is valid.")
                    : c.language.t("Sparat, men varianten har \(loaded.errors) fel.", "Saved, but the variant has \(loaded.errors) errors.")
            }
            return html(try Pages.variant(ws, name, variant, csrf: state.csrf, language: c.language, message: message))
        }

        router.post("/s/:name/variants/:v/save") { _, c in
            let name = try c.parameters.require("name"), variant = try c.parameters.require("v")
            _ = try ws.existing(name)
            _ = try ws.readVariant(name, variant)
            try ws.saveVariant(name, variant, text: c.form["yaml"] ?? "")
            return redirect(c.language.link("/s/\(HTML.pathPart(name))/variants/\(HTML.pathPart(variant))?saved=1"))
        }

        router.post("/s/:name/variants/:v/validate") { _, c in
            let name = try c.parameters.require("name"), variant = try c.parameters.require("v")
            let loaded = Pages.validate(text: c.form["yaml"] ?? "", path: try ws.variantPath(name, variant), in: ws)
            return html(Pages.diagnostics(loaded, language: c.language))
        }

        router.post("/s/:name/whatif") { _, c in
            let name = try c.parameters.require("name")
            let job = try Actions.whatIf(state, name, form: c.form, language: c.language)
            return redirect(c.language.link("/jobs/\(job.id)"))
        }

        router.get("/s/:name/whatif/:n") { _, c in
            let name = try c.parameters.require("name")
            return html(try Pages.whatIfRun(ws, name, try planNumber(c), jobs: state.jobs, language: c.language))
        }

        router.get("/s/:name/whatif/:n/files/**") { _, c in try download(ws, c, area: .whatif) }

        router.get("/jobs/:id") { _, c in html(Pages.job(try job(state, c), csrf: state.csrf, language: c.language)) }

        router.get("/jobs/:id/status") { _, c in
            let job = try job(state, c)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let status = JobStatus(id: job.id, scenario: job.scenario, plan: job.planNumber, state: job.state.rawValue, progress: job.reading)
            return Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(status))))
        }

        router.get("/jobs/:id/events") { _, c in
            let job = try job(state, c)
            let language = c.language
            return Response(status: .ok, headers: [.contentType: "text/event-stream", .cacheControl: "no-cache"], body: ResponseBody { writer in
                var last = ""
                while true {
                    let ended = job.state.ended
                    let payload = Pages.jsString(Pages.progressTable(job.reading, language: language))
                    let event = "{\"state\":\(Pages.jsString(job.state.name(english: language.english))),\"html\":\(payload)}"
                    if event != last {
                        try await writer.write(ByteBuffer(string: "event: progress\ndata: \(event)\n\n"))
                        last = event
                    }
                    if ended {
                        try await writer.write(ByteBuffer(string: "event: end\ndata: {}\n\n"))
                        break
                    }
                    try await Task.sleep(for: .milliseconds(500))
                }
                try await writer.finish(nil)
            })
        }

        router.post("/jobs/:id/cancel") { _, c in
            let job = try job(state, c)
            _ = state.jobs.cancel(job.id)
            return redirect(c.language.link("/jobs/\(job.id)"))
        }
        return router
    }

    /// The page a pin form returns to: the plan it was made on (`back` = its number), or the scenario.
    static func back(_ name: String, _ form: [String: String]) -> String {
        let scenario = "/s/" + HTML.pathPart(name)
        guard let n = Int(form["back"] ?? ""), n > 0 else { return scenario }
        return scenario + "/plans/\(n)"
    }

    /// What `/jobs/ID/status` answers.
    struct JobStatus: Encodable {
        var id: Int
        var scenario: String
        var plan: Int
        var state: String
        var progress: PlanningProgress.Reading?
    }

    static func job(_ state: WorkbenchState, _ c: Context) throws -> Job {
        guard let id = c.parameters.get("id", as: Int.self), let job = state.jobs.job(id) else {
            throw WorkbenchError(status: 404, "Det finns ingen sådan körning (körningarna glöms när servern startas om).",
                                 english: "There is no such run (runs are forgotten when the server restarts).")
        }
        return job
    }

    static func planNumber(_ c: Context) throws -> Int {
        guard let n = c.parameters.get("n", as: Int.self) else {
            throw WorkbenchError(status: 404, "Det finns ingen sådan plan.", english: "There is no such plan.")
        }
        return n
    }

    /// The time limit of a form (`time_limit`, 1 to 3600 s; 10 s when not given).
    static func timeLimit(_ form: [String: String]) throws(WorkbenchError) -> Double {
        guard let text = form["time_limit"], !text.isEmpty else { return 10 }
        guard let value = Double(text.replacingOccurrences(of: ",", with: ".")), value >= 1, value <= 3600 else {
            throw WorkbenchError(status: 400, "Tidsgränsen ska vara 1–3600 sekunder, inte ”\(text)”.",
                                 english: "The time limit takes 1 to 3600 seconds, not “\(text)”.")
        }
        return value
    }

    static func notFound(_ name: String) -> WorkbenchError {
        WorkbenchError(status: 404, "Det finns inget ”\(name)” i arbetsmappen.", english: "There is no “\(name)” in the workspace.")
    }

    static func html(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// The file a `…/files/**` address names inside a run of `area` (no hidden files, nothing outside the run).
    static func download(_ ws: Workspace, _ c: Context, area: Workspace.Area) throws -> Response {
        let name = try c.parameters.require("name")
        let number = try planNumber(c)
        let relative = c.parameters.getCatchAll().map { $0.removingPercentEncoding ?? String($0) }.joined(separator: "/")
        guard !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { throw Workspace.outside(relative) }
        let path = try ws.planFile(name, number, relative, area: area)
        guard let data = FileManager.default.contents(atPath: path) else { throw notFound(relative) }
        return file(data, name: relative)
    }

    /// A plan's file: HTML and JSON shown in the browser, the other formats downloaded.
    static func file(_ data: Data, name: String) -> Response {
        let ext = (name as NSString).pathExtension.lowercased()
        let type = ["html": "text/html; charset=utf-8", "json": "application/json", "md": "text/markdown; charset=utf-8",
                    "csv": "text/csv; charset=utf-8", "ics": "text/calendar; charset=utf-8", "yaml": "text/plain; charset=utf-8"][ext]
            ?? "application/octet-stream"
        var headers: HTTPFields = [.contentType: type]
        if !["html", "json", "yaml"].contains(ext) {
            let base = (name as NSString).lastPathComponent.replacingOccurrences(of: "\"", with: "")
            headers[.contentDisposition] = "attachment; filename=\"\(base)\""
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }
}

/// Every request passes here first: the language, the access token (beyond loopback), the Host (no DNS
/// rebinding), the form of a POST with its CSRF token, the size limit, and the answer to a refusal.
struct Guard: RouterMiddleware {
    typealias Context = WorkbenchContext
    let state: WorkbenchState
    static let cookie = "stplan_token"

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        context.language = Language(english: request.uri.queryParameters.get("lang") == "en")
        do {
            var setCookie = false
            if let token = state.token {
                let query = request.uri.queryParameters.get("token")
                let cookie = request.cookies[Self.cookie]?.value
                let bearer = request.headers[.authorization].flatMap { $0.hasPrefix("Bearer ") ? String($0.dropFirst(7)) : nil }
                guard [query, cookie, bearer].contains(token) else {
                    throw WorkbenchError(status: 401, "Den här arbetsbänken kräver sin nyckel: öppna adressen som servern skrev ut (med ?token=…).",
                                         english: "This workbench needs its token: open the address the server printed (with ?token=…).")
                }
                setCookie = query == token && cookie != token
            } else if let host = request.head.authority, !Self.isLocal(host) {
                throw WorkbenchError(status: 403, "Förfrågan kom till värdnamnet ”\(host)”; arbetsbänken svarar bara på localhost och 127.0.0.1.",
                                     english: "The request came for the host name “\(host)”; the workbench answers on localhost and 127.0.0.1 only.")
            }
            if request.method == .post {
                let buffer: ByteBuffer
                do { buffer = try await request.collectBody(upTo: context.maxUploadSize) } catch {
                    throw WorkbenchError(status: 413, "Det som skickades är större än \(context.maxUploadSize) byte och tas inte emot.",
                                         english: "What was sent is larger than \(context.maxUploadSize) bytes and is not taken.")
                }
                context.form = Form.parse(String(buffer: buffer))
                guard context.form["csrf"] == state.csrf else {
                    throw WorkbenchError(status: 403, "Formuläret saknar arbetsbänkens säkerhetsnyckel eller har en gammal (servern har startats om?): ladda om sidan och försök igen.",
                                         english: "The form lacks the workbench's security token or has an old one (was the server restarted?): reload the page and try again.")
                }
            }
            var response = try await next(request, context)
            if setCookie, let token = state.token {
                response.headers[.setCookie] = "\(Self.cookie)=\(token); Path=/; HttpOnly; SameSite=Strict"
            }
            Self.secure(&response.headers)
            return response
        } catch let e as WorkbenchError {
            var response = Routes.html(Pages.error(e, language: context.language), status: HTTPResponse.Status(code: e.status))
            Self.secure(&response.headers)
            return response
        } catch let e as HTTPError where e.status == .notFound {
            let missing = WorkbenchError(status: 404, "Sidan finns inte.", english: "There is no such page.")
            return Routes.html(Pages.error(missing, language: context.language), status: .notFound)
        }
    }

    /// Nothing from other sites: no frames, no referrer, scripts and styles from the page itself only.
    static func secure(_ headers: inout HTTPFields) {
        headers[.contentSecurityPolicy] = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'self'"
        headers[.xContentTypeOptions] = "nosniff"
        headers[HTTPFields.Element.Name("Referrer-Policy")!] = "no-referrer"
    }

    /// Whether a Host header names this machine's loopback.
    static func isLocal(_ host: String) -> Bool {
        var name = host
        if name.hasPrefix("[") { name = String(name.dropFirst().prefix { $0 != "]" }) } else if let colon = name.lastIndex(of: ":") {
            name = String(name[..<colon])
        }
        return WorkbenchOptions.isLoopback(name.lowercased())
    }
}

/// The fields of an `application/x-www-form-urlencoded` body.
enum Form {
    static func parse(_ body: String) -> [String: String] {
        var out: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ s: Substring) -> String { String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s) }
            let key = decode(parts[0])
            if out[key] == nil { out[key] = parts.count > 1 ? decode(parts[1]) : "" }
        }
        return out
    }
}

extension Workspace {
    static func outside(_ relative: String) -> WorkbenchError {
        WorkbenchError(status: 400, "Sökvägen ”\(relative)” pekar utanför arbetsmappen och vägras.",
                       english: "The path “\(relative)” leads outside the workspace and is refused.")
    }
}
