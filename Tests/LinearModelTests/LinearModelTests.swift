import LinearModel
import Testing

@Suite("Linear model")
struct LinearModelTests {
    @Test("dropping rows keeps variables and objective and frees the dropped names; a new objective is checked")
    func dropAndReprice() throws {
        var m = LinearModel()
        let x = try m.addVariable("x")
        let y = try m.addVariable("y")
        try m.addRow("a", [LinearTerm(x)], .lessOrEqual(1))
        try m.addRow("b", [LinearTerm(y)], .lessOrEqual(2))
        try m.addRow("c", [LinearTerm(x), LinearTerm(y)], .greaterOrEqual(1))
        try m.setObjective(y, 5)
        var d = m.droppingRows { $0 == 1 }
        #expect(d.rows.map(\.name) == ["a", "c"])
        #expect(d.variables.count == 2 && d.objective == [0, 5])
        try d.addRow("b", [LinearTerm(x)], .lessOrEqual(4))  // the name is free again
        #expect(throws: ModelError.self) { try d.addRow("a", [LinearTerm(x)], .lessOrEqual(4)) }
        try d.replaceObjective([1, 2])
        #expect(d.objective == [1, 2])
        #expect(throws: ModelError.self) { try d.replaceObjective([1]) }
        #expect(throws: ModelError.self) { try d.replaceObjective([1, .nan]) }
        #expect(m.rows.count == 3)  // the original is untouched
    }

    @Test("rows merge duplicate terms, drop zeros and sort by variable")
    func mergeTerms() throws {
        var m = LinearModel()
        let x = try m.addVariable("x")
        let y = try m.addVariable("y")
        let z = try m.addVariable("z")
        let r = try m.addRow("r", [LinearTerm(z, 1), LinearTerm(x, 2), LinearTerm(z, -1), LinearTerm(x, 1), LinearTerm(y, 0)], .lessOrEqual(3))
        #expect(m.rows[r.index].terms == [LinearTerm(x, 3)])
    }

    @Test("names must be unique, non-empty, printable ASCII without spaces, at most 255 bytes")
    func names() throws {
        var m = LinearModel()
        _ = try m.addVariable("x[anna,kard,2027-W10]")
        #expect(throws: ModelError.duplicateName("x[anna,kard,2027-W10]")) { try m.addVariable("x[anna,kard,2027-W10]") }
        #expect(throws: ModelError.self) { try m.addVariable("") }
        #expect(throws: ModelError.self) { try m.addVariable("has space") }
        #expect(throws: ModelError.self) { try m.addVariable("åsa") }
        #expect(throws: ModelError.self) { try m.addVariable(String(repeating: "a", count: 256)) }
        #expect(throws: ModelError.self) { try m.addRow("x[anna,kard,2027-W10]", [], .equal(0)) }
    }

    @Test("bounds and coefficients are checked when added")
    func bounds() throws {
        var m = LinearModel()
        #expect(throws: ModelError.self) { try m.addVariable("a", lower: 2, upper: 1) }
        #expect(throws: ModelError.self) { try m.addVariable("b", lower: .nan) }
        let c = try m.addVariable("c", lower: -.infinity, upper: .infinity)
        #expect(m.variables[c.index].lower == nil && m.variables[c.index].upper == nil)
        let d = try m.addVariable("d", kind: .binary, lower: nil, upper: 5)
        #expect(m.variables[d.index].lower == 0 && m.variables[d.index].upper == 1)
        #expect(throws: ModelError.self) { try m.addRow("r", [LinearTerm(c, .infinity)], .equal(0)) }
        #expect(throws: ModelError.self) { try m.addRow("r2", [LinearTerm(VariableID(99))], .equal(0)) }
        #expect(throws: ModelError.self) { try m.addRow("r3", [LinearTerm(c)], .ranged(3, 1)) }
        #expect(throws: ModelError.self) { try m.addRow("r4", [LinearTerm(c)], .lessOrEqual(.nan)) }
    }

    @Test("feasibility of an assignment is checked against bounds, integrality and rows")
    func violations() throws {
        var m = LinearModel()
        let x = try m.addVariable("x", kind: .integer, upper: 3)
        let y = try m.addVariable("y")
        try m.addRow("sum", [LinearTerm(x), LinearTerm(y)], .ranged(1, 4))
        #expect(m.firstViolation([1, 0]) == nil)
        #expect(m.firstViolation([1.5, 0])?.contains("whole") == true)
        #expect(m.firstViolation([3, 2])?.contains("sum") == true)
        #expect(m.firstViolation([4, 0])?.contains("upper") == true)
        #expect(m.firstViolation([1])?.contains("1 values") == true)
    }

    @Test("the LP export keeps names readable and valid for LP readers")
    func lpText() throws {
        var m = LinearModel(name: "t")
        let x = try m.addVariable("x[anna,kard,2027-W10]", kind: .binary)
        let y = try m.addVariable("x(anna,kard,2027_W10)", kind: .binary)
        try m.addRow("r-1", [LinearTerm(x), LinearTerm(y, -2)], .lessOrEqual(1))
        try m.setObjective(x, 1)
        let lp = ModelExport.lp(m)
        #expect(lp.contains("x(anna,kard,2027_W10)"))
        #expect(lp.contains("x(anna,kard,2027_W10)~1"))
        #expect(lp.contains(" r_1: x(anna,kard,2027_W10) - 2 x(anna,kard,2027_W10)~1 <= 1"))
        #expect(lp.contains("General"))
        let mps = ModelExport.mps(m)
        #expect(mps.contains(" x[anna,kard,2027-W10] r-1 1"))
        #expect(mps.contains("'INTORG'") && mps.contains("'INTEND'"))
    }

    @Test("exports are deterministic")
    func deterministic() throws {
        func build() throws -> LinearModel {
            var m = LinearModel(name: "d")
            let vs = try (0..<20).map { try m.addVariable("v\($0)", kind: $0 % 2 == 0 ? .binary : .continuous) }
            for i in 0..<10 { try m.addRow("r\(i)", vs.shuffled().prefix(5).map { LinearTerm($0, Double(i + 1)) }, .lessOrEqual(3)) }
            return m
        }
        var a = try build()
        a.objectiveConstant = 0
        #expect(ModelExport.lp(a) == ModelExport.lp(a))
        #expect(ModelExport.mps(a) == ModelExport.mps(a))
    }
}
