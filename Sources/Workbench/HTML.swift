import Foundation

/// The language of a page: Swedish unless the address asks `?lang=en`.
public struct Language: Sendable, Equatable {
    public var english: Bool
    public init(english: Bool) { self.english = english }
    /// The Swedish or the English words.
    func t(_ swedish: String, _ english: String) -> String { self.english ? english : swedish }
    /// What a link inside the workbench appends so that the language stays (`?lang=en` or nothing).
    var query: String { english ? "?lang=en" : "" }
    /// `path` with the language kept, for links and form actions.
    func link(_ path: String) -> String {
        guard english else { return path }
        return path + (path.contains("?") ? "&" : "?") + "lang=en"
    }
}

/// Small pieces of HTML with escaping; every page is built from these.
enum HTML {
    /// `text` safe inside an element or a quoted attribute.
    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.count)
        for c in text {
            switch c {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(c)
            }
        }
        return out
    }

    /// A part of a URL path, percent-encoded.
    static func pathPart(_ text: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "/?#")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// A whole page: the workbench's header, `body`, and its own style and script (nothing from the network).
    static func page(title: String, body: String, language: Language, script: String = "") -> String {
        """
        <!DOCTYPE html>
        <html lang="\(language.english ? "en" : "sv")">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title)) – ST-planeraren</title>
        <style>\(style)</style>
        </head>
        <body>
        <header><a class="home" href="\(language.link("/"))">ST-planeraren</a> <span>\(language.t("arbetsbänk", "workbench"))</span>
        <nav><a href="\(language.english ? "?" : "?lang=en")">\(language.t("English", "Svenska"))</a></nav></header>
        <main>
        \(body)
        </main>
        \(script.isEmpty ? "" : "<script>\n" + script + "\n</script>")
        </body>
        </html>

        """
    }

    /// The hidden field that every form which changes something carries.
    static func csrfField(_ token: String) -> String {
        "<input type=\"hidden\" name=\"csrf\" value=\"\(escape(token))\">"
    }

    /// A table with a header row; the cells are HTML already.
    static func table(_ header: [String], _ rows: [[String]], id: String? = nil) -> String {
        var s = "<table\(id.map { " id=\"\(escape($0))\"" } ?? "")><thead><tr>"
        s += header.map { "<th>\(escape($0))</th>" }.joined()
        s += "</tr></thead><tbody>\n"
        for row in rows { s += "<tr>" + row.map { "<td>\($0)</td>" }.joined() + "</tr>\n" }
        return s + "</tbody></table>"
    }

    /// `x` with `decimals` decimals, a decimal comma in Swedish.
    static func number(_ x: Double, decimals: Int = 1, language: Language) -> String {
        let s = String(format: "%.\(decimals)f", x)
        return language.english ? s : s.replacingOccurrences(of: ".", with: ",")
    }

    static let style = """
    body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2327;background:#f6f7f7}
    header{background:#1f4e79;color:#fff;padding:.6em 1.2em;display:flex;gap:1em;align-items:baseline}
    header a{color:#fff;text-decoration:none}header .home{font-weight:700;font-size:1.2em}header nav{margin-left:auto}
    main{max-width:72em;margin:1em auto;padding:0 1.2em}
    h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em}
    table{border-collapse:collapse;background:#fff;margin:.5em 0}th,td{border:1px solid #c3c4c7;padding:.3em .6em;text-align:left;vertical-align:top}
    th{background:#e9ecef}
    textarea{width:100%;min-height:30em;font-family:ui-monospace,Menlo,Consolas,monospace;font-size:.9em;box-sizing:border-box}
    .ok{color:#0a6b2d;font-weight:600}.bad{color:#b32d2e;font-weight:600}.muted{color:#646970}
    .box{background:#fff;border:1px solid #c3c4c7;padding:.8em 1em;margin:.8em 0}
    .diag{border-left:4px solid #b32d2e;background:#fff;padding:.3em .8em;margin:.3em 0}.diag.warning{border-color:#dba617}
    pre{background:#fff;border:1px solid #c3c4c7;padding:.6em;overflow:auto;white-space:pre-wrap}
    button,input[type=submit]{background:#1f4e79;color:#fff;border:0;padding:.45em 1em;border-radius:3px;cursor:pointer}
    button.secondary{background:#646970}
    label{display:inline-block;margin:.2em 1em .2em 0}
    progress{width:20em}
    .grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(14em,1fr));gap:.5em}
    """
}
