// Text exports of a LinearModel: CPLEX LP and free MPS, so any other solver can read the same model.

/// Writes a ``LinearModel`` as text other solvers read.
public enum ModelExport {
    /// The model in CPLEX LP format. Names are kept where LP allows them; other characters become `_`
    /// (`[` `]` become `(` `)`), with a `~N` suffix where two names would collide.
    /// A ranged row is written as two rows, `name` (≥) and `name~up` (≤).
    public static func lp(_ model: LinearModel) -> String {
        var used: Set<String> = ["obj"]
        let colNames = model.variables.map { lpName($0.name, used: &used) }
        let rowNames = model.rows.map { lpName($0.name, used: &used) }
        var out = "\\ Problem: \(model.name)\n\\ Written by stplan (CPLEX LP format)\n\n"
        out += model.sense == .minimize ? "Minimize\n" : "Maximize\n"
        var objTerms: [(Double, String)] = []
        for (i, c) in model.objective.enumerated() where c != 0 { objTerms.append((c, colNames[i])) }
        // A constant term is written as a variable fixed to 1, which every LP reader understands.
        var constantName: String?
        if model.objectiveConstant != 0 {
            let n = lpName("obj_constant", used: &used)
            constantName = n
            objTerms.append((model.objectiveConstant, n))
        }
        out += wrap(" obj:", terms: objTerms)
        if objTerms.isEmpty { out += " 0 \(colNames.first ?? constantName ?? "x")\n" }
        out += "\nSubject To\n"
        if model.rows.isEmpty {
            // LP readers need at least one row; this one holds for every assignment.
            out += " \(lpName("no_rows", used: &used)): 0 \(colNames.first ?? constantName ?? "x") >= 0\n"
        }
        for (r, row) in model.rows.enumerated() {
            let terms = row.terms.map { ($0.coefficient, colNames[$0.variable.index]) }
            func emit(_ name: String, _ op: String, _ rhs: Double) {
                var line = wrap(" \(name):", terms: terms.isEmpty ? [(0, colNames.first ?? "x")] : terms)
                line.removeLast()
                out += line + " \(op) \(num(rhs))\n"
            }
            switch row.bounds {
            case .lessOrEqual(let v): emit(rowNames[r], "<=", v)
            case .greaterOrEqual(let v): emit(rowNames[r], ">=", v)
            case .equal(let v): emit(rowNames[r], "=", v)
            case .ranged(let lo, let up):
                emit(rowNames[r], ">=", lo)
                emit(lpName(row.name + "~up", used: &used), "<=", up)
            }
        }
        out += "\nBounds\n"
        for (i, v) in model.variables.enumerated() {
            let n = colNames[i]
            switch (v.lower, v.upper) {
            case (nil, nil): out += " \(n) free\n"
            case (nil, let u?): out += " -inf <= \(n) <= \(num(u))\n"
            case (let l?, nil): out += " \(n) >= \(num(l))\n"
            case (let l?, let u?): out += l == u ? " \(n) = \(num(l))\n" : " \(num(l)) <= \(n) <= \(num(u))\n"
            }
        }
        if let c = constantName { out += " \(c) = 1\n" }
        let ints = model.variables.indices.filter { model.variables[$0].isInteger }
        if !ints.isEmpty {
            out += "\nGeneral\n"
            for i in ints { out += " \(colNames[i])\n" }
        }
        out += "\nEnd\n"
        return out
    }

    /// The model in free MPS format. Names are written as they are (model names never hold white space);
    /// integer columns sit between `MARKER` lines and carry explicit bounds; the objective constant is the
    /// objective coefficient of a column `obj_constant` fixed to 1 (readers disagree on the sign of an objective
    /// right-hand side). A maximising model is written negated (MPS minimises), which the header comment says.
    public static func mps(_ model: LinearModel) -> String {
        let sign: Double = model.sense == .minimize ? 1 : -1
        var out = "* Problem: \(model.name)\n* Written by stplan (free MPS format)\n"
        if model.sense == .maximize { out += "* The objective is negated: this file minimises -(original objective).\n" }
        let objName = model.rows.contains(where: { $0.name == "obj" }) ? "obj~" : "obj"
        out += "NAME \(model.name.filter { !$0.isWhitespace })\nROWS\n N \(objName)\n"
        for row in model.rows {
            let t: String
            switch row.bounds {
            case .lessOrEqual: t = "L"
            case .greaterOrEqual, .ranged: t = "G"
            case .equal: t = "E"
            }
            out += " \(t) \(row.name)\n"
        }
        // Column-wise entries.
        var columns = [[(String, Double)]](repeating: [], count: model.variables.count)
        for (i, c) in model.objective.enumerated() where c != 0 { columns[i].append((objName, sign * c)) }
        for row in model.rows {
            for t in row.terms { columns[t.variable.index].append((row.name, t.coefficient)) }
        }
        out += "COLUMNS\n"
        var inInt = false
        var marker = 0
        for (i, v) in model.variables.enumerated() {
            if v.isInteger != inInt {
                out += " M\(marker) 'MARKER' \(v.isInteger ? "'INTORG'" : "'INTEND'")\n"
                marker += 1
                inInt = v.isInteger
            }
            if columns[i].isEmpty { out += " \(v.name) \(objName) 0\n" }
            for (r, c) in columns[i] { out += " \(v.name) \(r) \(num(c))\n" }
        }
        if inInt { out += " M\(marker) 'MARKER' 'INTEND'\n" }
        var constantName: String?
        if model.objectiveConstant != 0 {
            var n = "obj_constant"
            let taken = Set(model.variables.map(\.name))
            while taken.contains(n) { n += "~" }
            constantName = n
            out += " \(n) \(objName) \(num(sign * model.objectiveConstant))\n"
        }
        out += "RHS\n"
        for row in model.rows {
            let rhs: Double
            switch row.bounds {
            case .lessOrEqual(let v), .greaterOrEqual(let v), .equal(let v): rhs = v
            case .ranged(let lo, _): rhs = lo
            }
            if rhs != 0 { out += " RHS \(row.name) \(num(rhs))\n" }
        }
        let ranged = model.rows.compactMap { row -> (String, Double)? in
            if case .ranged(let lo, let up) = row.bounds { return (row.name, up - lo) }
            return nil
        }
        if !ranged.isEmpty {
            out += "RANGES\n"
            for (n, r) in ranged { out += " RNG \(n) \(num(r))\n" }
        }
        out += "BOUNDS\n"
        for v in model.variables {
            switch (v.lower, v.upper) {
            case (nil, nil): out += " FR BND \(v.name)\n"
            case (nil, let u?): out += " MI BND \(v.name)\n UP BND \(v.name) \(num(u))\n"
            case (let l?, nil):
                out += " LO BND \(v.name) \(num(l))\n"
                if v.isInteger { out += " PL BND \(v.name)\n" }
            case (let l?, let u?):
                if l == u { out += " FX BND \(v.name) \(num(l))\n" } else {
                    out += " LO BND \(v.name) \(num(l))\n UP BND \(v.name) \(num(u))\n"
                }
            }
        }
        if let c = constantName { out += " FX BND \(c) 1\n" }
        out += "ENDATA\n"
        return out
    }

    /// A number as the shortest text that reads back to the same `Double` (`3`, `0.25`, `1e-07`).
    static func num(_ v: Double) -> String {
        if v == v.rounded(), abs(v) < 1e15 { return String(Int64(v)) }
        return "\(v)"
    }

    static func lpName(_ name: String, used: inout Set<String>) -> String {
        let allowed = Set("!\"#$%&()/,.;?@_`'{}|~")
        var s = String(name.map { c -> Character in
            if c == "[" { return "(" }
            if c == "]" { return ")" }
            if c.isASCII, c.isLetter || c.isNumber || allowed.contains(c) { return c }
            return "_"
        })
        if let f = s.first, f.isNumber || f == "." { s = "_" + s }
        if s.isEmpty { s = "_" }
        var candidate = s
        var k = 1
        while used.contains(candidate) {
            candidate = "\(s)~\(k)"
            k += 1
        }
        used.insert(candidate)
        return candidate
    }

    private static func wrap(_ head: String, terms: [(Double, String)]) -> String {
        var out = head
        var line = head.count
        for (i, (c, n)) in terms.enumerated() {
            let sign = c < 0 ? "-" : (i == 0 ? "" : "+")
            let mag = abs(c) == 1 ? "" : num(abs(c)) + " "
            let piece = " \(sign)\(sign.isEmpty ? "" : " ")\(mag)\(n)"
            if line + piece.count > 200 {
                out += "\n   "
                line = 3
            }
            out += piece
            line += piece.count
        }
        return out + "\n"
    }
}
