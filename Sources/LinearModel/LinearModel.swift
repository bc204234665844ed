// A solver-neutral mixed-integer linear model: variables with bounds and readable names, sparse named rows,
// a linear objective. Nothing here knows about GLPK or about ST planning.

/// Identifies a variable of a ``LinearModel`` by its position (0-based, in the order of creation).
public struct VariableID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The 0-based position of the variable in ``LinearModel/variables``.
    public let index: Int
    /// Wraps a 0-based position; the model checks that it exists when the id is used.
    public init(_ index: Int) { self.index = index }
    public static func < (a: VariableID, b: VariableID) -> Bool { a.index < b.index }
    public var description: String { "v\(index)" }
}

/// Identifies a row (constraint) of a ``LinearModel`` by its 0-based position.
public struct RowID: Hashable, Comparable, Sendable {
    /// The 0-based position of the row in ``LinearModel/rows``.
    public let index: Int
    /// Wraps a 0-based position.
    public init(_ index: Int) { self.index = index }
    public static func < (a: RowID, b: RowID) -> Bool { a.index < b.index }
}

/// The domain of a variable.
public enum VariableKind: String, Sendable, Equatable {
    /// Any real value within the bounds.
    case continuous
    /// Any whole number within the bounds.
    case integer
    /// 0 or 1 (the bounds are fixed to [0, 1] unless narrowed to a single value).
    case binary
}

/// A decision variable. `nil` bounds are infinite.
public struct Variable: Sendable, Equatable {
    /// A readable, unique name without white space, at most 255 characters, e.g. `x[anna,kard,2027-W10]`.
    public var name: String
    /// Continuous, integer or binary.
    public var kind: VariableKind
    /// The lower bound, or `nil` for minus infinity.
    public var lower: Double?
    /// The upper bound, or `nil` for plus infinity.
    public var upper: Double?

    /// True for integer and binary variables.
    public var isInteger: Bool { kind != .continuous }
}

/// One coefficient of a linear expression.
public struct LinearTerm: Sendable, Equatable {
    /// The variable the coefficient multiplies.
    public var variable: VariableID
    /// A finite, non-zero coefficient.
    public var coefficient: Double
    /// A term `coefficient × variable`.
    public init(_ variable: VariableID, _ coefficient: Double = 1) {
        self.variable = variable
        self.coefficient = coefficient
    }
}

/// The sense and right-hand side(s) of a row.
public enum RowBounds: Sendable, Equatable {
    /// expression ≤ value
    case lessOrEqual(Double)
    /// expression ≥ value
    case greaterOrEqual(Double)
    /// expression = value
    case equal(Double)
    /// lower ≤ expression ≤ upper
    case ranged(Double, Double)

    /// The lower limit of the expression, or `nil` when it has none.
    public var lower: Double? {
        switch self {
        case .lessOrEqual: return nil
        case .greaterOrEqual(let v), .equal(let v), .ranged(let v, _): return v
        }
    }

    /// The upper limit of the expression, or `nil` when it has none.
    public var upper: Double? {
        switch self {
        case .greaterOrEqual: return nil
        case .lessOrEqual(let v), .equal(let v), .ranged(_, let v): return v
        }
    }
}

/// A named sparse constraint row. Its terms are merged by variable, sorted, and free of zeros.
public struct Row: Sendable, Equatable {
    /// A readable, unique name without white space, at most 255 characters.
    public var name: String
    /// The non-zero coefficients, sorted by variable, one per variable.
    public var terms: [LinearTerm]
    /// The sense and right-hand side.
    public var bounds: RowBounds
}

/// Whether the objective is minimised or maximised.
public enum ObjectiveSense: String, Sendable, Equatable {
    case minimize
    case maximize
}

/// A problem in the model's terms, found before any solver sees it.
public enum ModelError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidName(String, reason: String)
    case duplicateName(String)
    case invalidBounds(name: String, lower: Double?, upper: Double?)
    case nonFiniteCoefficient(row: String, variable: String)
    case unknownVariable(row: String, index: Int)
    case invalidRowBounds(name: String, reason: String)

    public var description: String {
        switch self {
        case .invalidName(let n, let reason):
            return "model name \"\(n)\" is not usable: \(reason); use letters, digits and [],._- only"
        case .duplicateName(let n):
            return "model name \"\(n)\" is used twice; every variable and row needs its own name"
        case .invalidBounds(let n, let lo, let up):
            return "variable \(n) has bounds [\(fmt(lo)), \(fmt(up))]: the lower bound must be finite-or-open and not above the upper"
        case .nonFiniteCoefficient(let r, let v):
            return "row \(r) has a non-finite coefficient on \(v); coefficients must be finite numbers"
        case .unknownVariable(let r, let i):
            return "row \(r) refers to variable #\(i), which the model does not have; add the variable first"
        case .invalidRowBounds(let n, let reason):
            return "row \(n): \(reason)"
        }
    }

    private func fmt(_ v: Double?) -> String { v.map { "\($0)" } ?? "inf" }
}

/// A mixed-integer linear program in solver-neutral form.
///
/// Build it with ``addVariable(_:kind:lower:upper:)`` and ``addRow(_:_:_:)``; every call validates its input,
/// so a model that exists is one any backend can load without further checks of names, bounds and indices.
public struct LinearModel: Sendable {
    /// The model's name (used in LP/MPS headers).
    public var name: String
    /// Minimise or maximise.
    public var sense: ObjectiveSense = .minimize
    /// Variables in creation order.
    public private(set) var variables: [Variable] = []
    /// Rows in creation order.
    public private(set) var rows: [Row] = []
    /// Objective coefficients by variable index (0 where a variable has none).
    public private(set) var objective: [Double] = []
    /// A constant added to the objective.
    public var objectiveConstant: Double = 0

    private var names: Set<String> = []

    /// An empty model called `name`.
    public init(name: String = "model") { self.name = name }

    /// Makes room for `variables` more variables and `rows` more rows at once: a builder that knows about how big
    /// its model will be saves growing (and rehashing the name index) step by step.
    public mutating func reserveCapacity(variables: Int, rows: Int) {
        self.variables.reserveCapacity(self.variables.count + max(0, variables))
        objective.reserveCapacity(objective.count + max(0, variables))
        self.rows.reserveCapacity(self.rows.count + max(0, rows))
        names.reserveCapacity(names.count + max(0, variables) + max(0, rows))
    }

    /// The number of non-zero coefficients in all rows.
    public var nonZeroCount: Int { rows.reduce(0) { $0 + $1.terms.count } }

    /// True when at least one variable is integer or binary.
    public var hasIntegerVariables: Bool { variables.contains { $0.isInteger } }

    /// Adds a variable and returns its id.
    ///
    /// - Throws: ``ModelError`` when the name is empty, has white space, is longer than 255 characters or is used,
    ///   or when the bounds are not numbers or the lower is above the upper.
    @discardableResult
    public mutating func addVariable(
        _ name: String, kind: VariableKind = .continuous, lower: Double? = 0, upper: Double? = nil
    ) throws(ModelError) -> VariableID {
        try claim(name)
        var lo = lower
        var up = upper
        if kind == .binary {
            lo = max(lo ?? 0, 0)
            up = min(up ?? 1, 1)
        }
        if let l = lo, l.isNaN || l == .infinity { throw .invalidBounds(name: name, lower: lower, upper: upper) }
        if let u = up, u.isNaN || u == -.infinity { throw .invalidBounds(name: name, lower: lower, upper: upper) }
        if lo == -.infinity { lo = nil }
        if up == .infinity { up = nil }
        if let l = lo, let u = up, l > u { throw .invalidBounds(name: name, lower: lower, upper: upper) }
        variables.append(Variable(name: name, kind: kind, lower: lo, upper: up))
        objective.append(0)
        return VariableID(variables.count - 1)
    }

    /// Adds a row; terms on the same variable are summed, zero coefficients dropped, terms sorted by variable.
    ///
    /// - Throws: ``ModelError`` for a bad or used name, an unknown variable, a non-finite coefficient or
    ///   right-hand side, or a range whose lower end is above its upper end.
    @discardableResult
    public mutating func addRow(_ name: String, _ terms: [LinearTerm], _ bounds: RowBounds) throws(ModelError) -> RowID {
        for v in [bounds.lower, bounds.upper] {
            if let v, !v.isFinite {
                throw .invalidRowBounds(name: name, reason: "right-hand side \(v) is not a finite number")
            }
        }
        if case .ranged(let lo, let up) = bounds, lo > up {
            throw .invalidRowBounds(name: name, reason: "range [\(lo), \(up)] is empty")
        }
        let merged = try merge(terms, context: name)
        try claim(name)
        rows.append(Row(name: name, terms: merged, bounds: bounds))
        return RowID(rows.count - 1)
    }

    /// Adds `coefficient` × `variable` to an existing row (merged with a term already there), e.g. to give a
    /// row an elastic slack.
    ///
    /// - Throws: ``ModelError`` for an unknown row or variable or a non-finite coefficient.
    public mutating func addTerm(_ row: RowID, _ variable: VariableID, _ coefficient: Double) throws(ModelError) {
        guard rows.indices.contains(row.index) else { throw .unknownVariable(row: "#\(row.index)", index: variable.index) }
        let name = rows[row.index].name
        rows[row.index].terms = try merge(rows[row.index].terms + [LinearTerm(variable, coefficient)], context: name)
    }

    /// Sets the objective coefficient of a variable (replacing any earlier one).
    public mutating func setObjective(_ variable: VariableID, _ coefficient: Double) throws(ModelError) {
        guard variable.index >= 0, variable.index < variables.count else {
            throw .unknownVariable(row: "objective", index: variable.index)
        }
        guard coefficient.isFinite else { throw .nonFiniteCoefficient(row: "objective", variable: variables[variable.index].name) }
        objective[variable.index] = coefficient
    }

    /// Adds to the objective coefficient of a variable.
    public mutating func addObjective(_ variable: VariableID, _ coefficient: Double) throws(ModelError) {
        guard variable.index >= 0, variable.index < variables.count else {
            throw .unknownVariable(row: "objective", index: variable.index)
        }
        try setObjective(variable, objective[variable.index] + coefficient)
    }

    /// Replaces the whole objective (one coefficient per variable), e.g. to price a sub-problem anew.
    ///
    /// - Throws: ``ModelError`` when the count differs from the variables' or a coefficient is not finite.
    public mutating func replaceObjective(_ coefficients: [Double]) throws(ModelError) {
        guard coefficients.count == variables.count else {
            throw .unknownVariable(row: "objective", index: coefficients.count)
        }
        if let i = coefficients.firstIndex(where: { !$0.isFinite }) {
            throw .nonFiniteCoefficient(row: "objective", variable: variables[i].name)
        }
        objective = coefficients
    }

    /// The same model without the rows for which `drop` is true (their names are free again); the variables,
    /// their indices and the objective stay as they are.
    public func droppingRows(where drop: (Int) -> Bool) -> LinearModel {
        var m = self
        var kept: [Row] = []
        kept.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            if drop(i) { m.names.remove(row.name) } else { kept.append(row) }
        }
        m.rows = kept
        return m
    }

    /// Narrows a variable's bounds (used to fix variables when re-solving a sub-problem).
    public mutating func setBounds(_ variable: VariableID, lower: Double?, upper: Double?) throws(ModelError) {
        guard variable.index >= 0, variable.index < variables.count else {
            throw .unknownVariable(row: "bounds", index: variable.index)
        }
        let name = variables[variable.index].name
        if let l = lower, !l.isFinite { throw .invalidBounds(name: name, lower: lower, upper: upper) }
        if let u = upper, !u.isFinite { throw .invalidBounds(name: name, lower: lower, upper: upper) }
        if let l = lower, let u = upper, l > u { throw .invalidBounds(name: name, lower: lower, upper: upper) }
        variables[variable.index].lower = lower
        variables[variable.index].upper = upper
    }

    /// The objective value of a full assignment of values (one per variable).
    public func objectiveValue(_ values: [Double]) -> Double {
        var total = objectiveConstant
        for (i, c) in objective.enumerated() where c != 0 { total += c * values[i] }
        return total
    }

    /// The value of a row's expression under an assignment of values.
    public func activity(of row: Row, _ values: [Double]) -> Double {
        row.terms.reduce(0) { $0 + $1.coefficient * values[$1.variable.index] }
    }

    /// Checks an assignment against every bound, integrality and row, with absolute tolerance `tolerance`.
    /// Returns a readable description of the first violation, or `nil` when the assignment is feasible.
    public func firstViolation(_ values: [Double], tolerance: Double = 1e-6) -> String? {
        guard values.count == variables.count else {
            return "the assignment has \(values.count) values for \(variables.count) variables"
        }
        for (i, v) in variables.enumerated() {
            let x = values[i]
            if !x.isFinite { return "\(v.name) = \(x) is not a number" }
            if let l = v.lower, x < l - tolerance { return "\(v.name) = \(x) is below its lower bound \(l)" }
            if let u = v.upper, x > u + tolerance { return "\(v.name) = \(x) is above its upper bound \(u)" }
            if v.isInteger, abs(x - x.rounded()) > tolerance { return "\(v.name) = \(x) is not a whole number" }
        }
        for row in rows {
            let a = activity(of: row, values)
            if let l = row.bounds.lower, a < l - tolerance { return "row \(row.name): \(a) < \(l)" }
            if let u = row.bounds.upper, a > u + tolerance { return "row \(row.name): \(a) > \(u)" }
        }
        return nil
    }

    /// Looks a variable up by name (linear time; meant for tests and tools, not hot paths).
    public func variable(named name: String) -> VariableID? {
        variables.firstIndex { $0.name == name }.map(VariableID.init)
    }

    private mutating func claim(_ name: String) throws(ModelError) {
        if name.isEmpty { throw .invalidName(name, reason: "it is empty") }
        if name.utf8.count > 255 { throw .invalidName(name, reason: "it is longer than 255 bytes") }
        // Printable ASCII is 0x21...0x7E; every white space and every non-ASCII scalar has a UTF-8 byte outside it.
        if name.utf8.contains(where: { $0 < 0x21 || $0 > 0x7E }) {
            throw .invalidName(name, reason: "it contains white space or a character outside printable ASCII")
        }
        if !names.insert(name).inserted { throw .duplicateName(name) }
    }

    private func merge(_ terms: [LinearTerm], context: String) throws(ModelError) -> [LinearTerm] {
        var canonical = true  // sorted by variable, no variable twice, no zero coefficient
        var previous = -1
        for t in terms {
            guard t.variable.index >= 0, t.variable.index < variables.count else {
                throw .unknownVariable(row: context, index: t.variable.index)
            }
            guard t.coefficient.isFinite else {
                throw .nonFiniteCoefficient(row: context, variable: variables[t.variable.index].name)
            }
            if t.variable.index <= previous || t.coefficient == 0 { canonical = false }
            previous = t.variable.index
        }
        if canonical { return terms }  // most rows: no copy (a third of the model build's allocations)
        var sorted = terms
        sorted.sort { $0.variable < $1.variable }
        var out: [LinearTerm] = []
        out.reserveCapacity(sorted.count)
        for t in sorted {
            if let last = out.last, last.variable == t.variable {
                out[out.count - 1].coefficient += t.coefficient
            } else {
                out.append(t)
            }
        }
        return out.filter { $0.coefficient != 0 }
    }
}
