// The contract between a planning model and any MILP backend.

/// How a solve ended, kept apart from the values it found.
public enum TerminationStatus: String, Sendable, Equatable, CaseIterable {
    /// A solution proven optimal (within the solver's tolerances).
    case optimal
    /// A feasible solution without proof of optimality: a time limit or the gap tolerance stopped the search.
    case feasible
    /// No solution exists.
    case infeasible
    /// The objective can improve without end.
    case unbounded
    /// The time limit ran out before any feasible solution was found.
    case timeLimitNoSolution = "time-limit"
    /// The solver failed (numerical trouble, bad input found late).
    case error

    /// True when the solve carries values that satisfy the model.
    public var hasSolution: Bool { self == .optimal || self == .feasible }
}

/// GLPK-style cut families, solver-neutral: a backend that lacks one ignores it.
public struct CutOptions: Sendable, Equatable {
    /// Gomory's mixed-integer cuts.
    public var gomory = false
    /// Mixed-integer rounding cuts.
    public var mixedIntegerRounding = false
    /// Mixed cover cuts.
    public var cover = false
    /// Clique cuts.
    public var clique = false

    /// No cuts (the default).
    public init(gomory: Bool = false, mixedIntegerRounding: Bool = false, cover: Bool = false, clique: Bool = false) {
        self.gomory = gomory
        self.mixedIntegerRounding = mixedIntegerRounding
        self.cover = cover
        self.clique = clique
    }

    /// Every family on.
    public static let all = CutOptions(gomory: true, mixedIntegerRounding: true, cover: true, clique: true)
}

/// Which fractional variable branch-and-bound branches on (GLPK's `br_tech`), solver-neutral.
public enum Branching: Sendable, Equatable {
    /// Driebeck and Tomlin's heuristic, GLPK's default: a tableau row per candidate, costly on wide models.
    case driebeckTomlin
    /// The most fractional variable: no tableau rows; twice as fast on the decomposition bound's pricing problems.
    case mostFractional
}

/// What a solve may do and for how long.
public struct SolverOptions: Sendable {
    /// Wall-clock limit in seconds for the whole solve (LP and branch-and-cut), or `nil` for none.
    public var timeLimit: Double?
    /// Relative MIP gap at which the search stops, e.g. 0.01 for 1 %; `nil` for the solver's default (0).
    public var relativeGap: Double?
    /// Cutting-plane families.
    public var cuts = CutOptions()
    /// GLPK's feasibility pump heuristic.
    public var feasibilityPump = false
    /// GLPK's proximity search heuristic, and its own time limit in seconds.
    public var proximitySearch = false
    /// Time limit for one proximity search run, in seconds.
    public var proximitySearchTimeLimit: Double = 60
    /// The branching rule of the MIP search.
    public var branching = Branching.driebeckTomlin
    /// The solver's MIP presolver (ignored when a start solution is given: the start is for the original model).
    public var presolve = true
    /// Once the branch-and-cut search has its first integer solution (found by the search or a heuristic, or an
    /// offered start that was accepted), it
    /// goes on at most this many seconds and then returns the best it has: for a repair that needs any plan soon
    /// more than a proven one. `nil`: the time limit and the gap alone end the search.
    public var afterFirstSolution: Double?
    /// A full, integer-feasible assignment offered to the solver as its first incumbent.
    public var startSolution: [Double]?
    /// Solve a MIP's root LP from the start solution's basis (when one is given) instead of from a slack basis.
    public var warmRootLP = true
    /// Solve only the LP relaxation (integrality dropped); the result's objective is then a bound.
    public var relaxIntegrality = false
    /// When requested, the branch-and-cut search stops and returns its incumbent; an LP stops within 0.5 s (the
    /// root LP of a MIP runs to its time limit).
    public var stop: StopSignal?

    /// A work limit in work seconds (see ``WorkMeter``) instead of the wall clock: when set, ``timeLimit`` is
    /// ignored, the LP gets an iteration limit and the branch-and-cut search is stopped at the first callback
    /// where its estimated work reaches the limit (node LPs and the presolved root LP have none of their own), so
    /// that the same model gives the same result under any load; ``afterFirstSolution`` is then counted in work
    /// seconds too, and proximity search (which has only a wall-clock limit) is off.
    public var workLimit: Double?
    /// Where the solve adds the work it did. Without ``workLimit`` only the LP's work is counted.
    public var workMeter: WorkMeter?

    /// Default options: no limit, no gap, presolve on, no cuts, no heuristics, no start.
    public init(timeLimit: Double? = nil, relativeGap: Double? = nil) {
        self.timeLimit = timeLimit
        self.relativeGap = relativeGap
    }
}

/// The outcome of a solve.
public struct SolveResult: Sendable {
    /// How the solve ended.
    public var status: TerminationStatus
    /// One value per variable when ``TerminationStatus/hasSolution``; empty otherwise.
    public var values: [Double]
    /// The objective value of ``values``, or `nil` without a solution.
    public var objective: Double?
    /// The best proven bound on the optimum (a lower bound when minimising), or `nil` when unknown.
    public var bound: Double?
    /// The relative gap |objective − bound| / max(|objective|, 1e-9), or `nil` when either is unknown.
    public var gap: Double? { Self.relativeGap(objective: objective, bound: bound) }

    /// |objective − bound| / max(|objective|, 1e-9), or `nil` when either is unknown.
    public static func relativeGap(objective: Double?, bound: Double?) -> Double? {
        guard let o = objective, let b = bound else { return nil }
        return abs(o - b) / max(abs(o), 1e-9)
    }
    /// One dual value (shadow price) per row for a solved LP (`∂ objective / ∂ right-hand side`: ≥ 0 on a binding
    /// `≥` row and ≤ 0 on a binding `≤` row when minimising); empty for a MIP or without an optimal LP.
    public var rowDuals: [Double] = []
    /// Wall-clock seconds spent in the solver.
    public var seconds: Double
    /// True when the caller's start solution was accepted as an incumbent.
    public var startSolutionAccepted = false
    /// The work the solve did in work seconds (see ``WorkMeter``): deterministic for a given model and options
    /// with a ``SolverOptions/workLimit`` (without one, the branch-and-cut search is not counted).
    public var work: Double = 0
    /// Simplex iterations (deterministic for a given model and options).
    public var simplexIterations = 0
    /// Branch-and-bound nodes created.
    public var nodes = 0
    /// The solver's terminal output.
    public var log: String
    /// A sentence explaining an `error` status or an unusual end.
    public var message: String?

    /// A result.
    public init(
        status: TerminationStatus, values: [Double] = [], objective: Double? = nil, bound: Double? = nil,
        seconds: Double = 0, log: String = "", message: String? = nil
    ) {
        self.status = status
        self.values = values
        self.objective = objective
        self.bound = bound
        self.seconds = seconds
        self.log = log
        self.message = message
    }
}

/// A problem found before or while calling a solver, in words a user can act on.
public enum SolverError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model cannot be given to this solver (too large, bad numbers).
    case invalidModel(String)
    /// The start solution is not a feasible assignment of the model.
    case invalidStartSolution(String)
    /// An option is out of its range.
    case invalidOption(String)
    /// Writing an export file failed.
    case io(String)

    public var description: String {
        switch self {
        case .invalidModel(let s): return "the model cannot be solved: \(s)"
        case .invalidStartSolution(let s):
            return "the start solution was refused: \(s); give one value per variable that satisfies every row"
        case .invalidOption(let s): return "solver option: \(s)"
        case .io(let s): return s
        }
    }
}

extension Duration {
    /// The duration in seconds, as a `Double`.
    public var inSeconds: Double { Double(components.seconds) + Double(components.attoseconds) * 1e-18 }
}

/// A MILP backend.
public protocol MILPSolver: Sendable {
    /// A short name and version, e.g. `GLPK 5.0`.
    var solverName: String { get }
    /// Solves `model` (as an LP when it has no integer variables or `options.relaxIntegrality` is set).
    func solve(_ model: LinearModel, options: SolverOptions) throws(SolverError) -> SolveResult
}
