import Foundation
import Planning
import ScenarioFormat
import STCore

/// The workbench's pages, as HTML strings: what they show comes from the workspace, the scenario files, the plan
/// records and the report files that `stplan plan` wrote; nothing here plans or checks.
enum Pages {
    typealias L = Language

    /// What the workbench knows of a scenario file: loaded, or its diagnostics.
    struct Loaded: Sendable {
        var scenario: Scenario?
        var diagnostics: [Diagnostic]
        var errors: Int { diagnostics.filter { $0.severity == .error }.count }
    }

    static func load(_ path: String, in ws: Workspace) -> Loaded {
        guard let data = FileManager.default.contents(atPath: path) else {
            return Loaded(scenario: nil, diagnostics: [Diagnostic(file: path, line: 0, path: "", message: "the file cannot be read")])
        }
        return validate(text: String(decoding: data, as: UTF8.self), path: path, in: ws)
    }

    /// Validates `text` of the scenario or variant at `path` (its `base:` resolves beside it, and must stay inside
    /// the workspace: the workbench reads no file outside it).
    static func validate(text: String, path: String, in ws: Workspace) -> Loaded {
        if let problem = baseOutside(text, path: path, in: ws) { return Loaded(scenario: nil, diagnostics: [problem]) }
        return PageCache.shared.loaded(text, path: path) {
            do {
                let (scenario, warnings) = try ScenarioLoader.parse(data: Data(text.utf8), file: path)
                return Loaded(scenario: scenario, diagnostics: warnings)
            } catch let error as ScenarioError {
                return Loaded(scenario: nil, diagnostics: error.diagnostics)
            } catch {
                return Loaded(scenario: nil, diagnostics: [Diagnostic(file: path, line: 0, path: "", message: "\(error)")])
            }
        }
    }

    /// A diagnostic when the file's `base:` names a file outside the workspace (or through a link out), read from
    /// the parsed document; a `base:` that is not a plain string is refused as well.
    static func baseOutside(_ text: String, path: String, in ws: Workspace) -> Diagnostic? {
        guard let (value, line) = ScenarioLoader.declaredBase(data: Data(text.utf8)) else { return nil }
        let resolved = URL(fileURLWithPath: value, relativeTo: URL(fileURLWithPath: (path as NSString).deletingLastPathComponent, isDirectory: true))
            .standardizedFileURL.resolvingSymlinksInPath().path
        if value.isEmpty || (resolved != ws.root && !resolved.hasPrefix(ws.root + "/")) {
            return Diagnostic(file: path, line: line, path: "base",
                              message: "base: \(value) lies outside the workspace; the workbench reads files inside its folder only")
        }
        return nil
    }

    // MARK: the workspace

    static func workspace(_ ws: Workspace, jobs: JobQueue, csrf: String, language l: L, message: String? = nil) -> String {
        var rows: [[String]] = []
        for name in ws.scenarioNames() {
            let loaded = (try? ws.scenarioPath(name)).map { load($0, in: ws) } ?? Loaded(scenario: nil, diagnostics: [])
            let link = "<a href=\"\(l.link("/s/" + HTML.pathPart(name)))\">\(HTML.escape(name))</a>"
            let title = loaded.scenario.map { HTML.escape($0.title) } ?? ""
            let status = loaded.errors > 0
                ? "<span class=\"bad\">\(l.t("fel i filen", "errors in the file")) (\(loaded.errors))</span>"
                : "<span class=\"ok\">\(l.t("giltig", "valid"))</span>"
            let numbers = ws.planNumbers(name)
            let latest = numbers.last.map { planStatus(ws, name, $0, language: l) } ?? "<span class=\"muted\">\(l.t("aldrig planerad", "never planned"))</span>"
            let pending = jobs.pending(name).isEmpty ? "" : " <span class=\"muted\">(\(l.t("planerar", "planning")))</span>"
            rows.append([link, title, status, latest + pending, "\(numbers.count)"])
        }
        var body = "<h1>\(l.t("Arbetsmapp", "Workspace"))</h1>\n<p class=\"muted\">\(HTML.escape(ws.root))</p>\n"
        if let message { body += "<p class=\"box\">\(HTML.escape(message))</p>\n" }
        body += rows.isEmpty
            ? "<p>\(l.t("Mappen har inga scenariofiler ännu. Skapa ett nedan.", "The folder has no scenario files yet. Create one below."))</p>\n"
            : HTML.table([l.t("Scenario", "Scenario"), l.t("Namn", "Title"), l.t("Fil", "File"), l.t("Senaste plan", "Latest plan"), l.t("Planer", "Plans")], rows, id: "scenarios")
        let copies = ws.scenarioNames().map { "<option value=\"\(HTML.escape($0))\">\(l.t("kopia av", "copy of")) \(HTML.escape($0))</option>" }.joined()
        body += """

        <h2>\(l.t("Nytt scenario", "New scenario"))</h2>
        <form method="post" action="\(l.link("/new"))" class="box">\(HTML.csrfField(csrf))
        <label>\(l.t("Filnamn", "File name")) <input name="name" required pattern="[A-Za-z0-9åäöÅÄÖ_][A-Za-z0-9åäöÅÄÖ_.\\-]*" placeholder="min-kohort"></label>
        <label>\(l.t("Utgå från", "Start from")) <select name="from"><option value="">\(l.t("en liten mall", "a small template"))</option>\(copies)</select></label>
        <button type="submit">\(l.t("Skapa", "Create"))</button>
        </form>
        """
        return HTML.page(title: l.t("Arbetsmapp", "Workspace"), body: body, language: l)
    }

    /// One plan's result in a few words, linked to its page.
    static func planStatus(_ ws: Workspace, _ name: String, _ number: Int, language l: L) -> String {
        let link = "<a href=\"\(l.link("/s/\(HTML.pathPart(name))/plans/\(number)"))\">\(l.t("plan", "plan")) \(number)</a>"
        guard let r = ws.record(name, number) else { return link }
        return link + ": " + outcome(r, language: l)
    }

    /// How a run ended, in words.
    static func outcome(_ r: PlanRecord, language l: L) -> String {
        guard let exit = r.exitCode else {
            return r.cancelled ? "<span class=\"bad\">\(l.t("avbruten före första planen", "stopped before a first plan"))</span>"
                : r.messages.isEmpty ? "<span class=\"muted\">\(l.t("pågår", "running"))</span>"
                : "<span class=\"bad\">\(l.t("misslyckades", "failed"))</span>"
        }
        var s: String
        switch exit {
        case 0: s = "<span class=\"ok\">\(l.t("plan skriven", "plan written"))</span>"
        case 2: s = "<span class=\"bad\">\(l.t("ingen plan", "no plan"))</span>"
        case 65: s = "<span class=\"bad\">\(l.t("fel i scenariot (se meddelandena)", "errors in the scenario (see the messages)"))</span>"
        case 66: s = "<span class=\"bad\">\(l.t("en fil kunde inte läsas", "a file could not be read"))</span>"
        case 70: s = "<span class=\"bad\">\(l.t("internt fel i stplan (rapportera det gärna)", "an internal error of stplan (please report it)"))</span>"
        default: s = "<span class=\"bad\">\(l.t("fel", "error")) (\(exit))</span>"
        }
        if r.cancelled { s += " (\(l.t("avbruten, bästa hittills", "stopped, best so far")))" }
        if let passed = r.checkPassed {
            s += passed ? ", <span class=\"ok\">\(l.t("godkänd av kontrollen", "passes the checker"))</span>"
                : ", <span class=\"bad\">\(l.t("kontrollen hittar brutna regler", "the checker finds broken rules"))</span>"
        }
        return s
    }

    // MARK: a scenario

    static func scenario(_ ws: Workspace, _ name: String, jobs: JobQueue, csrf: String, language l: L,
                         text override: String? = nil, message: String? = nil) throws(WorkbenchError) -> String {
        let path = try ws.scenarioPath(name)
        let text: String
        if let override { text = override } else { text = try ws.read(name) }
        let loaded = override == nil ? load(path, in: ws) : validate(text: text, path: path, in: ws)
        let base = "/s/" + HTML.pathPart(name)
        var body = "<h1>\(HTML.escape(loaded.scenario?.title ?? name))</h1>\n<p class=\"muted\">\(HTML.escape(name)).yaml</p>\n"
        if let message { body += "<p class=\"box\" id=\"message\">\(HTML.escape(message))</p>\n" }
        body += "<h2>\(l.t("Kontroll av filen", "Validation"))</h2>\n<div id=\"diagnostics\">\(diagnostics(loaded, language: l))</div>\n"
        if let s = loaded.scenario { body += summary(s, language: l) }

        let pending = jobs.pending(name)
        body += "<h2>\(l.t("Planera", "Plan"))</h2>\n"
        if !pending.isEmpty {
            body += "<p>" + pending.map { "<a href=\"\(l.link("/jobs/\($0.id)"))\">\(l.t("körning", "run")) \($0.id)</a>: \($0.state.name(english: l.english))" }.joined(separator: "; ") + "</p>\n"
        }
        body += """
        <form method="post" action="\(l.link(base + "/plan"))" class="box" id="plan-form">\(HTML.csrfField(csrf))
        <label>\(l.t("Tidsgräns (sekunder)", "Time limit (seconds)")) <input name="time_limit" type="number" min="1" max="3600" value="\(defaultTimeLimit(loaded.scenario))"></label>
        <button type="submit" id="plan-button"\(loaded.errors > 0 ? " disabled" : "")>\(l.t("Planera", "Plan"))</button>
        \(loaded.errors > 0 ? "<span class=\"bad\">\(l.t("Rätta felen i filen först.", "Fix the errors in the file first."))</span>" : "")
        </form>

        """
        body += "<h3>\(l.t("Låsningar", "Pins"))</h3>\n" + pinList(ws, name, loaded.scenario, back: nil, csrf: csrf, language: l)
        body += history(ws, name, language: l)
        if let scenario = loaded.scenario { body += whatIfSection(ws, name, scenario, csrf: csrf, language: l) }
        body += """
        <h2>\(l.t("Scenariofilen (YAML)", "The scenario file (YAML)"))</h2>
        <p class="muted">\(l.t("Filen kontrolleras medan du skriver; Spara skriver den (den förra versionen sparas som säkerhetskopia).",
                                "The file is checked as you type; Save writes it (the earlier version is kept as a backup)."))</p>

        """ + editorForm(text, save: base + "/save", csrf: csrf, language: l)
        let backups = ws.backups(name)
        if !backups.isEmpty {
            body += "<p class=\"muted\">\(l.t("Säkerhetskopior", "Backups")): \(backups.count) (\(HTML.escape(".stplan/\(name)/backups/")))</p>\n"
        }
        return HTML.page(title: loaded.scenario?.title ?? name, body: body, language: l, script: editorScript(validate: base + "/validate", csrf: csrf, language: l))
    }

    /// The text area of a scenario or variant file and its Save button (the editor script validates it as typed).
    static func editorForm(_ text: String, save: String, csrf: String, language l: L) -> String {
        """
        <form method="post" action="\(l.link(save))" id="editor">\(HTML.csrfField(csrf))
        <textarea name="yaml" id="yaml" spellcheck="false">\(HTML.escape(text))</textarea>
        <p><button type="submit" id="save">\(l.t("Spara", "Save"))</button></p>
        </form>
        """
    }

    /// The list of a run's files, each a link under `base`'s `files/`.
    static func downloads(_ files: [String], base: String, language l: L) -> String {
        "<ul id=\"downloads\">" + files.map { f in
            let path = f.split(separator: "/").map { HTML.pathPart(String($0)) }.joined(separator: "/")
            return "<li><a href=\"\(l.link(base + "/files/" + path))\">\(HTML.escape(f))</a></li>"
        }.joined() + "</ul>"
    }

    /// A default time limit: 10 s for ten trainees or fewer, 60 s up to sixty, 120 s above.
    static func defaultTimeLimit(_ s: Scenario?) -> Int {
        guard let n = s?.trainees.count else { return 10 }
        return n <= 10 ? 10 : n <= 60 ? 60 : 120
    }

    /// The diagnostics, each with its line (a link that selects it in the editor) and field path.
    static func diagnostics(_ loaded: Loaded, language l: L) -> String {
        guard !loaded.diagnostics.isEmpty else {
            return "<p class=\"ok\" id=\"valid\">\(l.t("Filen är giltig.", "The file is valid."))</p>"
        }
        return loaded.diagnostics.map { d in
            let kind = d.severity == .error ? l.t("Fel", "Error") : l.t("Varning", "Warning")
            let line = d.line > 0 ? "<a href=\"#\" data-line=\"\(d.line)\" class=\"line\">\(l.t("rad", "line")) \(d.line)</a>" : ""
            let path = d.path.isEmpty ? "" : " <code>\(HTML.escape(d.path))</code>"
            return "<div class=\"diag \(d.severity.rawValue)\"><strong>\(kind)</strong> \(line)\(path): \(HTML.escape(d.message))</div>"
        }.joined(separator: "\n")
    }

    /// The scenario's people and units in a few tables, with names rather than ids.
    static func summary(_ s: Scenario, language l: L) -> String {
        let programs = Dictionary(s.programs.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a })
        let rows = s.trainees.map { t -> [String] in
            let leave = t.leave.map { "\($0.range.from)–\($0.range.to)" }.joined(separator: ", ")
            return [HTML.escape(t.name), HTML.escape(programs[t.program] ?? t.program), t.start.description,
                    "\(Int((t.employment * 100).rounded())) %", HTML.escape(leave)]
        }
        return """
        <p>\(s.trainees.count) \(l.t("ST-läkare", "trainees")), \(s.units.count) \(l.t("enheter", "units")), \(s.courses.count) \(l.t("kurser", "courses")), \
        \(s.calendar.weeks) \(l.t("veckor från", "weeks from")) \(s.calendar.start)</p>
        <details><summary>\(l.t("ST-läkarna", "The trainees"))</summary>
        \(HTML.table([l.t("Namn", "Name"), l.t("Program", "Programme"), l.t("Start", "Start"), l.t("Tjänstgöringsgrad", "Employment"), l.t("Ledighet", "Leave")], rows, id: "trainees"))
        </details>

        """
    }

    /// The plan history of `name`, newest first, with lineage.
    static func history(_ ws: Workspace, _ name: String, language l: L) -> String {
        let numbers = ws.planNumbers(name)
        guard !numbers.isEmpty else { return "<p class=\"muted\" id=\"history\">\(l.t("Inga planer ännu.", "No plans yet."))</p>\n" }
        let rows = numbers.reversed().map { n -> [String] in
            let r = ws.record(name, n)
            let kind = r.map { $0.kind == .plan ? l.t("plan", "plan") : l.t("omplanering av plan", "replan of plan") + " \($0.parent.map(String.init) ?? "?")" } ?? ""
            let change = r?.change.map { " – " + HTML.escape($0) } ?? ""
            return ["<a href=\"\(l.link("/s/\(HTML.pathPart(name))/plans/\(n)"))\">\(n)</a>", kind + change, HTML.escape(r?.started ?? ""),
                    r.map { outcome($0, language: l) } ?? ""]
        }
        return "<h2>\(l.t("Planer", "Plans"))</h2>\n" + HTML.table(["Nr", l.t("Vad", "What"), l.t("Startad", "Started"), l.t("Resultat", "Result")], rows, id: "history") + "\n"
    }

    /// Checks the text as it is typed (a second after the last key) and shows the diagnostics; a click on a line
    /// selects it in the editor.
    static func editorScript(validate: String, csrf: String, language l: L) -> String {
        """
        (function(){
          var area=document.getElementById('yaml'), box=document.getElementById('diagnostics'), timer=null;
          function selectLine(n){var lines=area.value.split('\\n'),start=0;for(var i=0;i<n-1&&i<lines.length;i++)start+=lines[i].length+1;
            area.focus();area.setSelectionRange(start,start+(lines[n-1]||'').length);
            area.scrollTop=Math.max(0,(n-5))*parseFloat(getComputedStyle(area).lineHeight||16);}
          box.addEventListener('click',function(e){var a=e.target.closest('a.line');if(a){e.preventDefault();selectLine(+a.dataset.line);}});
          var asked=new URLSearchParams(location.search).get('line');if(asked){selectLine(+asked);}
          area.addEventListener('input',function(){clearTimeout(timer);timer=setTimeout(function(){
            var body=new URLSearchParams();body.set('yaml',area.value);body.set('csrf',\(jsString(csrf)));
            fetch(\(jsString(l.link(validate))),{method:'POST',body:body}).then(function(r){return r.text();})
              .then(function(html){box.innerHTML=html;});},800);});
        })();
        """
    }

    /// `s` as a JavaScript string literal.
    static func jsString(_ s: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [s], options: [])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast()).replacingOccurrences(of: "</", with: "<\\/")
    }

    /// `text` escaped, with each field path of the scenario in it (`units[1].capacity`, `trainees[0].leave`) made a
    /// link to its line in the editor, so that an explanation leads to the field to change.
    static func fieldLinks(_ text: String, scenario: Data?, name: String, language l: L) -> String {
        let escaped = HTML.escape(text)
        guard let scenario, let re = try? NSRegularExpression(
            pattern: #"\b(?:calendar|units|courses|programs|supervisors|trainees|weights)(?:\[\d+\])?(?:\.[a-z_]+(?:\[\d+\])?)*"#) else { return escaped }
        var out = ""
        var last = escaped.startIndex
        for m in re.matches(in: escaped, range: NSRange(escaped.startIndex..., in: escaped)) {
            guard let r = Range(m.range, in: escaped) else { continue }
            let path = String(escaped[r])
            // A bare word (\"units\" in a sentence) is no field path.
            guard path.contains("[") || path.contains("."), let line = ScenarioLoader.line(of: path, in: scenario) else { continue }
            out += escaped[last..<r.lowerBound]
            out += "<a class=\"field\" href=\"\(l.link("/s/\(HTML.pathPart(name))?line=\(line)"))#editor\">\(path)</a>"
            last = r.upperBound
        }
        return out + escaped[last...]
    }

    // MARK: what-if

    /// The `variant:` title of a variant file, or its file name.
    static func variantTitle(_ ws: Workspace, _ name: String, _ variant: String) -> String {
        guard let text = try? ws.readVariant(name, variant),
              let line = text.split(separator: "\n").first(where: { $0.hasPrefix("variant:") }) else { return variant }
        var title = line.dropFirst("variant:".count).trimmingCharacters(in: .whitespaces)
        if title.hasPrefix("\""), let data = title.data(using: .utf8), let s = try? JSONDecoder().decode(String.self, from: data) { title = s }
        return title.isEmpty ? variant : title
    }

    /// The scenario page's what-if part: its variants, a comparison of some of them, new variants, and the
    /// comparisons run so far.
    static func whatIfSection(_ ws: Workspace, _ name: String, _ s: Scenario, csrf: String, language l: L) -> String {
        let base = "/s/" + HTML.pathPart(name)
        let variants = ws.variantNames(name)
        var out = "<h2>\(l.t("Tänk om: varianter och jämförelser", "What-if: variants and comparisons"))</h2>\n"
        if variants.isEmpty {
            out += "<p class=\"muted\" id=\"variants\">\(l.t("Inga varianter ännu.", "No variants yet."))</p>\n"
        } else {
            out += "<form method=\"post\" action=\"\(l.link(base + "/whatif"))\" class=\"box\" id=\"whatif-form\">\(HTML.csrfField(csrf))\n<ul id=\"variants\">"
            for v in variants {
                let loaded = (try? ws.variantPath(name, v)).map { load($0, in: ws) } ?? Loaded(scenario: nil, diagnostics: [])
                let status = loaded.errors > 0 ? " <span class=\"bad\">(\(loaded.errors) \(l.t("fel", "errors")))</span>" : ""
                out += "<li><label><input type=\"checkbox\" name=\"v_\(HTML.escape(v))\" checked> \(HTML.escape(variantTitle(ws, name, v)))</label> "
                out += "<a href=\"\(l.link(base + "/variants/" + HTML.pathPart(v)))\">\(l.t("visa och ändra", "view and edit"))</a>\(status)</li>"
            }
            out += "</ul>\n<label>\(l.t("Tidsgräns för hela jämförelsen (sekunder)", "Time limit for the whole comparison (seconds)")) "
            out += "<input name=\"time_limit\" type=\"number\" min=\"1\" max=\"3600\" value=\"\(3 * defaultTimeLimit(s))\"></label>\n"
            out += "<button type=\"submit\" id=\"whatif-button\">\(l.t("Jämför med scenariot", "Compare with the scenario"))</button>\n</form>\n"
        }
        let units = s.units.filter { !$0.home }.map { "<option value=\"\(HTML.escape($0.id))\">\(HTML.escape($0.name))\($0.capacity.map { " (\($0))" } ?? "")</option>" }.joined()
        let programs = s.programs.map { "<option value=\"\(HTML.escape($0.id))\">\(HTML.escape($0.name))</option>" }.joined()
        func form(_ kind: String, _ title: String, _ fields: String) -> String {
            """
            <form method="post" action="\(l.link(base + "/variants"))" class="box" id="variant-\(kind)">\(HTML.csrfField(csrf))
            <input type="hidden" name="kind" value="\(kind)"><strong>\(title)</strong><br>
            \(fields)
            <button type="submit">\(l.t("Skapa varianten", "Create the variant"))</button>
            </form>

            """
        }
        out += "<details\(variants.isEmpty ? " open" : "")><summary>\(l.t("Ny variant", "New variant"))</summary>\n"
        if !units.isEmpty {
            out += form("places", l.t("Fler eller färre platser", "More or fewer places"),
                        "<label>\(l.t("Enhet", "Unit")) <select name=\"unit\">\(units)</select></label> <label>\(l.t("Platser", "Places")) <input type=\"number\" name=\"capacity\" min=\"0\" max=\"50\" value=\"2\"></label>\n")
        }
        out += form("intake", l.t("Ett större intag", "A bigger intake"),
                    "<label>\(l.t("Antal nya ST-läkare", "New trainees")) <input type=\"number\" name=\"count\" min=\"1\" max=\"40\" value=\"2\"></label> <label>\(l.t("Program", "Programme")) <select name=\"program\">\(programs)</select></label> <label>\(l.t("Start", "Start")) <input type=\"date\" name=\"start\" required></label>\n")
        out += form("leave-wave", l.t("En våg av föräldraledigheter", "A wave of parental leave"),
                    "<label>\(l.t("Antal ST-läkare", "Trainees")) <input type=\"number\" name=\"count\" min=\"1\" value=\"2\"></label> <label>\(l.t("Från", "From")) <input type=\"date\" name=\"from\" required></label> <label>\(l.t("Månader", "Months")) <input type=\"number\" name=\"months\" min=\"1\" max=\"18\" value=\"6\"></label>\n")
        out += form("blank", l.t("En egen variant (skriv nycklarna själv)", "An own variant (write the keys yourself)"), "")
        out += "</details>\n"
        let runs = ws.planNumbers(name, area: .whatif)
        if !runs.isEmpty {
            let rows = runs.reversed().map { n -> [String] in
                let r = ws.record(name, n, area: .whatif)
                let titles = (r?.variants ?? []).map { HTML.escape(variantTitle(ws, name, $0)) }.joined(separator: ", ")
                return ["<a href=\"\(l.link(base + "/whatif/\(n)"))\">\(n)</a>", titles, HTML.escape(r?.started ?? ""), r.map { outcome($0, language: l) } ?? ""]
            }
            out += HTML.table(["Nr", l.t("Varianter", "Variants"), l.t("Startad", "Started"), l.t("Resultat", "Result")], rows, id: "whatif-history") + "\n"
        }
        return out
    }

    /// The first Markdown table in `md` as an HTML table (the comparison's figures), or `md` as text when it has none.
    static func markdownTable(_ md: String, id: String) -> String {
        let lines = md.split(separator: "\n").map(String.init).filter { $0.hasPrefix("|") }
        guard lines.count >= 2 else { return "<pre id=\"\(id)\">\(HTML.escape(md))</pre>" }
        func cells(_ line: String) -> [String] {
            line.trimmingCharacters(in: .whitespaces).dropFirst().dropLast().split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "**", with: "") }
        }
        let header = cells(lines[0])
        let rows = lines.dropFirst().filter { !$0.contains("---") }.map { cells($0).map(HTML.escape) }
        return HTML.table(header, Array(rows), id: id)
    }

    /// A variant's page: its file in the editor, validated against the scenario it changes.
    static func variant(_ ws: Workspace, _ name: String, _ variant: String, csrf: String, language l: L,
                        text override: String? = nil, message: String? = nil) throws(WorkbenchError) -> String {
        let path = try ws.variantPath(name, variant)
        let text: String
        if let override { text = override } else { text = try ws.readVariant(name, variant) }
        let loaded = override == nil ? load(path, in: ws) : validate(text: text, path: path, in: ws)
        let base = "/s/\(HTML.pathPart(name))/variants/\(HTML.pathPart(variant))"
        var body = "<h1>\(HTML.escape(variantTitle(ws, name, variant)))</h1>\n"
        body += "<p>\(l.t("En variant av", "A variant of")) <a href=\"\(l.link("/s/" + HTML.pathPart(name)))\">\(HTML.escape(name))</a>: \(l.t("bara de nycklar som ändras; listor med id slås ihop på id, och <code>leave+:</code> lägger till.", "only the keys that change; lists with ids merge on id, and <code>leave+:</code> appends."))</p>\n"
        if let message { body += "<p class=\"box\" id=\"message\">\(HTML.escape(message))</p>\n" }
        body += "<div id=\"diagnostics\">\(diagnostics(loaded, language: l))</div>\n"
        if let s = loaded.scenario { body += summary(s, language: l) }
        body += editorForm(text, save: base + "/save", csrf: csrf, language: l)
        return HTML.page(title: variantTitle(ws, name, variant), body: body, language: l, script: editorScript(validate: base + "/validate", csrf: csrf, language: l))
    }

    /// A what-if comparison: the table of the base and its variants, and each one's plan side by side.
    static func whatIfRun(_ ws: Workspace, _ name: String, _ number: Int, jobs: JobQueue, language l: L) throws(WorkbenchError) -> String {
        let folder = try ws.planFolder(name, number, area: .whatif)
        guard let record = ws.record(name, number, area: .whatif) else {
            throw WorkbenchError(status: 404, "Det finns ingen jämförelse \(number) för ”\(name)”.", english: "There is no comparison \(number) of “\(name)”.")
        }
        let base = "/s/\(HTML.pathPart(name))/whatif/\(number)"
        var body = "<h1>\(l.t("Jämförelse", "Comparison")) \(number): <a href=\"\(l.link("/s/" + HTML.pathPart(name)))\">\(HTML.escape(name))</a></h1>\n"
        body += "<p id=\"outcome\">\(outcome(record, language: l))</p>\n"
        if let running = jobs.pending(name).first(where: { $0.area == .whatif && $0.planNumber == number }) {
            body += "<p><a href=\"\(l.link("/jobs/\(running.id)"))\">\(l.t("Körningen pågår", "The run goes on"))</a></p>\n"
        }
        if let md = try? String(contentsOfFile: folder + "/comparison.md", encoding: .utf8) {
            body += "<h2>\(l.t("Jämförelsen", "The comparison"))</h2>\n" + markdownTable(md, id: "comparison") + "\n"
            body += "<p><a href=\"\(l.link(base + "/files/comparison.html"))\">\(l.t("Jämförelsen som webbsida", "The comparison as a web page"))</a></p>\n"
        }
        if !record.messages.isEmpty {
            let lines = record.messages.split(separator: "\n").filter { !$0.hasPrefix("[") }.joined(separator: "\n")
            if !lines.isEmpty { body += "<h2>\(l.t("Meddelanden", "Messages"))</h2>\n<pre id=\"messages\">\(HTML.escape(lines))</pre>\n" }
        }
        let files = ws.planFiles(name, number, area: .whatif)
        let plans = files.filter { $0.hasSuffix("/plan.html") && $0.split(separator: "/").count == 2 }
        if !plans.isEmpty {
            body += "<h2>\(l.t("Planerna sida vid sida", "The plans side by side"))</h2>\n<div class=\"grid\" id=\"side-by-side\" style=\"grid-template-columns:repeat(auto-fill,minmax(30em,1fr))\">"
            for p in plans {
                let dir = String(p.split(separator: "/")[0])
                let url = l.link(base + "/files/" + HTML.pathPart(dir) + "/plan.html")
                body += "<div><h3><a href=\"\(url)\">\(HTML.escape(dir))</a></h3><iframe src=\"\(url)\" title=\"\(HTML.escape(dir))\" style=\"width:100%;height:32em;border:1px solid #c3c4c7\" loading=\"lazy\"></iframe></div>"
            }
            body += "</div>\n"
        }
        if !files.isEmpty {
            body += "<h2>\(l.t("Filer att ladda ner", "Downloads"))</h2>\n<details><summary>\(files.count) \(l.t("filer", "files"))</summary>"
                + downloads(files, base: base, language: l) + "</details>\n"
        }
        return HTML.page(title: "\(name) – \(l.t("jämförelse", "comparison")) \(number)", body: body, language: l)
    }

    // MARK: a run

    static func job(_ job: Job, csrf: String, language l: L) -> String {
        let scenarioLink = "<a href=\"\(l.link("/s/" + HTML.pathPart(job.scenario)))\">\(HTML.escape(job.scenario))</a>"
        let planLink = l.link(job.resultPath)
        let body = """
        <h1>\(l.t("Körning", "Run")) \(job.id): \(scenarioLink)</h1>
        <div class="box" id="progress" data-plan="\(HTML.escape(planLink))">
        <p><strong id="state">\(job.state.name(english: l.english))</strong></p>
        \(progressTable(job.reading, line: job.lastLine, language: l))
        </div>
        <form method="post" action="\(l.link("/jobs/\(job.id)/cancel"))" id="cancel-form">\(HTML.csrfField(csrf))
        <button type="submit" class="secondary" id="cancel"\(job.state.ended ? " disabled" : "")>\(l.t("Avbryt (behåll bästa planen hittills)", "Stop (keep the best plan so far)"))</button>
        </form>
        <p><a href="\(planLink)" id="result">\(job.state.ended ? l.t("Visa resultatet", "Show the result") : l.t("Resultatet visas här när körningen är klar.", "The result shows here when the run ends."))</a></p>
        <noscript><p>\(l.t("Ladda om sidan för att se läget.", "Reload the page to see how it goes."))</p></noscript>
        """
        let script = """
        (function(){
          var es=new EventSource(\(jsString(l.link("/jobs/\(job.id)/events"))));
          es.addEventListener('progress',function(e){document.getElementById('progress-table').outerHTML=JSON.parse(e.data).html;
            document.getElementById('state').textContent=JSON.parse(e.data).state;});
          es.addEventListener('end',function(e){es.close();location.href=document.getElementById('progress').dataset.plan;});
        })();
        """
        return HTML.page(title: l.t("Körning", "Run") + " \(job.id)", body: body, language: l, script: job.state.ended ? "" : script)
    }

    /// The progress of a run as a small table (also sent over the event stream).
    static func progressTable(_ r: PlanningProgress.Reading?, line: String? = nil, language l: L) -> String {
        guard let r else {
            return "<table id=\"progress-table\"><tr><td>\(HTML.escape(line ?? l.t("Startar …", "Starting …")))</td></tr></table>"
        }
        let phases = ["construction": l.t("konstruktion", "construction"), "bound": l.t("gräns", "bound"),
                      "improvement": l.t("förbättring", "improvement"), "calendar": l.t("kalender", "calendar"), "done": l.t("klar", "done")]
        func n(_ v: Double?) -> String { v.map { HTML.number($0, language: l) } ?? "–" }
        let rows: [(String, String)] = [
            (l.t("Fas", "Phase"), phases[r.phase] ?? HTML.escape(r.phase)),
            (l.t("Placerade", "Placed"), "\(r.placed) / \(r.trainees)"),
            (l.t("Målfunktion", "Objective"), n(r.objective)),
            (l.t("Undre gräns", "Lower bound"), n(r.bound)),
            ("Gap", r.gap.map { HTML.number(100 * $0, language: l) + " %" } ?? "–"),
            (l.t("Tid kvar", "Time left"), HTML.number(r.left, decimals: 0, language: l) + " s"),
        ]
        return "<table id=\"progress-table\">" + rows.map { "<tr><th>\($0.0)</th><td>\($0.1)</td></tr>" }.joined() + "</table>"
    }

    // MARK: a plan

    static func plan(_ ws: Workspace, _ name: String, _ number: Int, jobs: JobQueue, csrf: String, language l: L) throws(WorkbenchError) -> String {
        let folder = try ws.planFolder(name, number)
        guard let record = ws.record(name, number) else {
            throw WorkbenchError(status: 404, "Det finns ingen plan \(number) för ”\(name)”.", english: "There is no plan \(number) of “\(name)”.")
        }
        let base = "/s/\(HTML.pathPart(name))/plans/\(number)"
        var body = "<h1>\(l.t("Plan", "Plan")) \(number): <a href=\"\(l.link("/s/" + HTML.pathPart(name)))\">\(HTML.escape(name))</a></h1>\n"
        body += "<p id=\"outcome\">\(outcome(record, language: l))</p>\n"
        if let parent = record.parent {
            body += "<p>\(l.t("Omplanering av", "Replan of")) <a href=\"\(l.link("/s/\(HTML.pathPart(name))/plans/\(parent)"))\">\(l.t("plan", "plan")) \(parent)</a>"
            body += record.change.map { ": " + HTML.escape($0) } ?? ""
            body += record.today.map { " (\(l.t("från", "from")) \(HTML.escape($0)))" } ?? ""
            body += "</p>\n"
        }
        if let running = jobs.pending(name).first(where: { $0.planNumber == number }) {
            body += "<p><a href=\"\(l.link("/jobs/\(running.id)"))\">\(l.t("Körningen pågår", "The run goes on"))</a></p>\n"
        }
        if !record.output.isEmpty { body += "<h2>\(l.t("Sammanfattning", "Summary"))</h2>\n<pre id=\"summary\">\(HTML.escape(record.output))</pre>\n" }
        if !record.messages.isEmpty {
            let text = (try? ws.existing(name)).flatMap { FileManager.default.contents(atPath: $0) }
            body += "<h2>\(l.t("Meddelanden", "Messages"))</h2>\n<pre id=\"messages\">\(fieldLinks(record.messages, scenario: text, name: name, language: l))</pre>\n"
        }
        if let changes = try? String(contentsOfFile: folder + "/changes.md", encoding: .utf8) {
            body += "<h2>\(l.t("Ändringar mot plan", "Changes from plan")) \(record.parent.map(String.init) ?? "")</h2>\n<pre id=\"changes\">\(HTML.escape(changes))</pre>\n"
        }
        if let text = record.checkText {
            body += "<h2>\(l.t("Kontrollen (stplan check)", "The checker (stplan check)"))</h2>\n<pre id=\"check\">\(HTML.escape(text))</pre>\n"
        }
        let files = ws.planFiles(name, number)
        if files.contains("plan.html") {
            body += "<h2>\(l.t("Planen", "The plan"))</h2>\n<p><a id=\"plan-html\" href=\"\(l.link(base + "/files/plan.html"))\">\(l.t("Tjänstgöringsplanen för hela kohorten: Gantt, bemanning, enheternas beläggning", "The service plan of the whole cohort: Gantt, staffing, unit loads"))</a></p>\n"
        }
        if let plan = PageCache.shared.plan(folder + "/plan.json") {
            let scenario = (try? ws.existing(name)).flatMap { load($0, in: ws).scenario }
            body += "<h2>\(l.t("Kohortens Gantt", "The cohort's Gantt"))</h2>\n" + Gantt.legend(language: l)
            // A replan shows the plan it replans above it: before and after, on the same scale, with the replan's
            // day as the line.
            let line = record.today.flatMap { CivilDate(iso: $0) } ?? CivilDate.today()
            if let parent = record.parent, let before = PageCache.shared.plan((try? ws.planFolder(name, parent)).map { $0 + "/plan.json" } ?? "") {
                body += "<h3 id=\"before\">\(l.t("Före: plan", "Before: plan")) \(parent)</h3>\n"
                body += "<div style=\"overflow-x:auto;background:#fff;border:1px solid #c3c4c7\">" + Gantt.svg(before, scenario: scenario, today: line, language: l, id: "gantt-before") + "</div>\n"
                body += "<h3 id=\"after\">\(l.t("Efter: plan", "After: plan")) \(number)</h3>\n"
            }
            body += "<div style=\"overflow-x:auto;background:#fff;border:1px solid #c3c4c7\">" + Gantt.svg(plan, scenario: scenario, today: line, language: l) + "</div>\n"
            body += "<p><a id=\"gantt-page\" href=\"\(l.link(base + "/gantt"))\">\(l.t("Bara Gantt-schemat", "The Gantt chart alone"))</a></p>\n"
            let rows = plan.trainees.map { t -> [String] in
                let iup = "iup/\(t.id).html"
                let name = HTML.escape(t.name ?? t.id)
                let link = files.contains(iup) ? "<a href=\"\(l.link(base + "/files/" + iup))\">\(name)</a>" : name
                return [link, t.completion?.description ?? "–", t.extensionWeeks > 0 ? "<span class=\"bad\">\(t.extensionWeeks)</span>" : "0"]
            }
            body += "<h2>\(l.t("ST-läkarna", "The trainees"))</h2>\n"
            body += "<p class=\"muted\">\(l.t("Namnet leder till den individuella utbildningsplanen (IUP) med tjänstgöringsplan och periodplaner.", "The name leads to the individual training plan (IUP) with the service plan and period plans."))</p>\n"
            body += HTML.table([l.t("Namn", "Name"), l.t("Klar", "Completes"), l.t("Förlängning (veckor)", "Extension (weeks)")], rows, id: "plan-trainees") + "\n"
            body += pinForms(ws, name, plan, scenario, number: number, csrf: csrf, language: l)
            body += replanForms(plan, scenario: scenario, base: base, csrf: csrf, language: l)
        }
        if !files.isEmpty { body += "<h2>\(l.t("Filer att ladda ner", "Downloads"))</h2>\n" + downloads(files, base: base, language: l) + "\n" }
        return HTML.page(title: "\(name) – \(l.t("plan", "plan")) \(number)", body: body, language: l)
    }

    /// The forms for a replan after something has happened: a new leave, an extension, a departure, fewer places at
    /// a unit, a cancelled course session. Each says the day from which the plan may change.
    static func replanForms(_ plan: Plan, scenario: Scenario?, base: String, csrf: String, language l: L) -> String {
        let trainees = plan.trainees.map { "<option value=\"\(HTML.escape($0.id))\">\(HTML.escape($0.name ?? $0.id))</option>" }.joined()
        let units = (scenario?.units ?? []).filter { !$0.home && $0.capacity != nil }
            .map { "<option value=\"\(HTML.escape($0.id))\">\(HTML.escape($0.name)) (\($0.capacity ?? 0) \(l.t("platser", "places")))</option>" }.joined()
        let sessions = (scenario?.courses ?? []).flatMap { c in
            c.sessions.filter { !$0.cancelled }.map { "<option value=\"\(HTML.escape(c.id + "@" + $0.start.description))\">\(HTML.escape(c.name)) \($0.start)</option>" }
        }.joined()
        func form(_ event: String, _ title: String, open: Bool = false, _ fields: String) -> String {
            """
            <details\(open ? " open" : "")><summary>\(title)</summary>
            <form method="post" action="\(l.link(base + "/replan"))" class="box" id="replan-\(event)">\(HTML.csrfField(csrf))
            <input type="hidden" name="event" value="\(event)">
            \(fields)
            <label>\(l.t("Planera om från (i dag)", "Replan from (today)")) <input type="date" name="today" required></label>
            <label>\(l.t("Tidsgräns (sekunder)", "Time limit (seconds)")) <input type="number" name="time_limit" min="1" max="3600" value="10"></label>
            <button type="submit">\(l.t("Planera om", "Replan"))</button>
            </form></details>

            """
        }
        let who = "<label>\(l.t("ST-läkare", "Trainee")) <select name=\"trainee\">\(trainees)</select></label>\n"
        let period = "<label>\(l.t("Från", "From")) <input type=\"date\" name=\"from\" required></label>\n<label>\(l.t("Till", "To")) <input type=\"date\" name=\"to\" required></label>\n"
        var out = "<h2>\(l.t("Planera om efter en händelse", "Replan after an event"))</h2>\n"
        out += "<p class=\"muted\">\(l.t("Veckorna före dagen att planera om från behålls; den nya planen blir en ny plan i historiken.", "The weeks before the day to replan from are kept; the result is a new plan in the history."))</p>\n"
        out += form("leave", l.t("Ny ledighet", "A new leave"), open: true, who + """
            <label>\(l.t("Slag", "Kind")) <select name="kind"><option value="parental">\(l.t("föräldraledighet", "parental leave"))</option>
            <option value="sick">\(l.t("sjukskrivning", "sick leave"))</option><option value="other">\(l.t("annan ledighet", "other leave"))</option></select></label>

            """ + period)
        out += form("extension", l.t("Förlängning", "An extension"), who + "<label>\(l.t("Veckor", "Weeks")) <input type=\"number\" name=\"weeks\" min=\"1\" max=\"260\" value=\"13\"></label>\n")
        out += form("departure", l.t("Någon lämnar kohorten", "Someone leaves the cohort"), who)
        if !units.isEmpty {
            out += form("capacity", l.t("Färre platser på en enhet", "Fewer places at a unit"), "<label>\(l.t("Enhet", "Unit")) <select name=\"unit\">\(units)</select></label>\n<label>\(l.t("Platser", "Places")) <input type=\"number\" name=\"capacity\" min=\"0\" value=\"0\"></label>\n" + period)
        }
        if !sessions.isEmpty {
            out += form("session", l.t("Ett kurstillfälle ställs in", "A course session is cancelled"), "<label>\(l.t("Kurstillfälle", "Session")) <select name=\"session\">\(sessions)</select></label>\n")
        }
        return out
    }

    /// The cohort Gantt of a plan on a page of its own.
    static func gantt(_ ws: Workspace, _ name: String, _ number: Int, language l: L) throws(WorkbenchError) -> String {
        let folder = try ws.planFolder(name, number)
        guard let plan = PageCache.shared.plan(folder + "/plan.json") else {
            throw WorkbenchError(status: 404, "Plan \(number) av ”\(name)” har ingen plan.json.", english: "Plan \(number) of “\(name)” has no plan.json.")
        }
        let scenario = (try? ws.existing(name)).flatMap { load($0, in: ws).scenario }
        let body = "<h1>\(l.t("Gantt", "Gantt")): <a href=\"\(l.link("/s/\(HTML.pathPart(name))/plans/\(number)"))\">\(HTML.escape(name)), \(l.t("plan", "plan")) \(number)</a></h1>\n"
            + Gantt.legend(language: l) + "<div style=\"overflow-x:auto;background:#fff\">" + Gantt.svg(plan, scenario: scenario, today: CivilDate.today(), language: l) + "</div>"
        return HTML.page(title: "\(name) – Gantt", body: body, language: l)
    }

    // MARK: pins

    /// The pins of scenario `name` with a button each to remove them; `back` is the plan page to return to.
    static func pinList(_ ws: Workspace, _ name: String, _ s: Scenario?, back: Int?, csrf: String, language l: L) -> String {
        let pins = ws.pins(name)
        var out = "<div id=\"pins\">"
        if pins.isEmpty {
            out += "<p class=\"muted\">\(l.t("Inga låsningar. Nästa plan får placera alla block fritt.", "No pins. The next plan may place every block freely."))</p>"
        } else {
            out += "<p>\(l.t("Nästa Planera och Planera om följer dessa:", "The next Plan and Replan keep these:"))</p><ul>"
            for (i, p) in pins.enumerated() {
                out += "<li>\(HTML.escape(p.words(s, language: l))) <form method=\"post\" action=\"\(l.link("/s/\(HTML.pathPart(name))/pins/delete"))\" style=\"display:inline\">"
                out += HTML.csrfField(csrf) + "<input type=\"hidden\" name=\"index\" value=\"\(i)\">" + (back.map { "<input type=\"hidden\" name=\"back\" value=\"\($0)\">" } ?? "")
                out += "<button type=\"submit\" class=\"secondary\">\(l.t("Ta bort", "Remove"))</button></form></li>"
            }
            out += "</ul>"
        }
        return out + "</div>\n"
    }

    /// The plan page's part for pinning: each rotation block with a start to pin (or move), and a form to forbid a
    /// unit to a trainee for a period.
    static func pinForms(_ ws: Workspace, _ name: String, _ plan: Plan, _ s: Scenario?, number: Int, csrf: String, language l: L) -> String {
        let action = l.link("/s/\(HTML.pathPart(name))/pins")
        var out = "<h2>\(l.t("Lås, flytta och förbjud", "Pin, move and forbid"))</h2>\n"
        out += "<p class=\"muted\">\(l.t("Lås ett block där det ligger, eller välj en ny startvecka och lås det där; låsningarna sparas bredvid scenariot (inte i filen) och följs av nästa plan.", "Pin a block where it lies, or choose a new start week and pin it there; pins are kept beside the scenario (not in the file) and held by the next plan."))</p>\n"
        out += pinList(ws, name, s, back: number, csrf: csrf, language: l)
        var rows: [[String]] = []
        for t in plan.trainees {
            let program = s?.trainees.first { $0.id == t.id }.flatMap { tr in s?.programs.first { $0.id == tr.program } }
            var seen = Set<String>()
            for b in t.blocks where b.rotation != nil {
                guard let rot = b.rotation, let unit = b.unit, seen.insert(rot).inserted else { continue }
                let unitName = HTML.escape(s?.units.first { $0.id == unit }?.name ?? unit)
                let split = (program?.rotation(rot)?.splitMax ?? 1) > 1
                let cell: String
                if split {
                    cell = "<span class=\"muted\">\(l.t("delbar randning: styr den med ett förbud", "a split rotation: steer it with a forbidden period"))</span>"
                } else {
                    cell = """
                    <form method="post" action="\(action)" class="pin">\(HTML.csrfField(csrf))<input type="hidden" name="kind" value="start">\
                    <input type="hidden" name="back" value="\(number)"><input type="hidden" name="trainee" value="\(HTML.escape(t.id))">\
                    <input type="hidden" name="rotation" value="\(HTML.escape(rot))"><input type="hidden" name="unit" value="\(HTML.escape(unit))">\
                    <input type="date" name="start" value="\(b.from)" required> <button type="submit">\(l.t("Lås", "Pin"))</button></form>
                    """
                }
                rows.append([HTML.escape(t.name ?? t.id), HTML.escape(rot), unitName, b.from.description, cell])
            }
        }
        out += HTML.table([l.t("ST-läkare", "Trainee"), l.t("Randning", "Rotation"), l.t("Enhet", "Unit"), l.t("Start", "Start"), l.t("Lås start (eller flytta)", "Pin the start (or move)")], rows, id: "pin-blocks") + "\n"
        let trainees = plan.trainees.map { "<option value=\"\(HTML.escape($0.id))\">\(HTML.escape($0.name ?? $0.id))</option>" }.joined()
        let units = (s?.units ?? []).filter { !$0.home }.map { "<option value=\"\(HTML.escape($0.id))\">\(HTML.escape($0.name))</option>" }.joined()
        out += """
        <form method="post" action="\(action)" class="box" id="forbid-form">\(HTML.csrfField(csrf))<input type="hidden" name="kind" value="forbidden">
        <input type="hidden" name="back" value="\(number)"><strong>\(l.t("Förbjud en enhet under en period", "Forbid a unit for a period"))</strong><br>
        <label>\(l.t("ST-läkare", "Trainee")) <select name="trainee">\(trainees)</select></label>
        <label>\(l.t("Enhet", "Unit")) <select name="unit">\(units)</select></label>
        <label>\(l.t("Från", "From")) <input type="date" name="from" required></label>
        <label>\(l.t("Till", "To")) <input type="date" name="to" required></label>
        <button type="submit">\(l.t("Förbjud", "Forbid"))</button>
        </form>

        """
        return out
    }

    // MARK: errors

    static func error(_ e: WorkbenchError, language l: L) -> String {
        HTML.page(title: l.t("Fel", "Error"), body: "<h1>\(l.t("Det gick inte", "That did not work"))</h1>\n<p class=\"diag\" id=\"error\">\(HTML.escape(e.text(english: l.english)))</p>\n<p><a href=\"\(l.link("/"))\">\(l.t("Till arbetsmappen", "To the workspace"))</a></p>", language: l)
    }
}
