// The GLPK backend: the only file in the project that calls GLPK's C API.
//
// GLPK aborts the whole process on an invalid call (an index out of range, a bad bound type, a duplicate
// matrix entry, a name over 255 characters). Everything it receives is therefore checked here, or was checked
// by LinearModel when the model was built: names, bounds, merged and sorted rows, finite numbers.

import CGLPK
import LinearModel

/// Solves ``LinearModel``s with GLPK (simplex for LPs, branch-and-cut `glp_intopt` for MIPs).
///
/// GLPK's terminal output never reaches the terminal: it is collected into ``SolveResult/log``.
/// One solve uses one `glp_prob` on the calling thread; separate solves may run on separate threads.
public struct GLPKSolver: MILPSolver {
    /// A solver with no state of its own.
    public init() {}

    /// `GLPK` and the library's version, e.g. `GLPK 5.0`.
    public var solverName: String { "GLPK " + String(cString: glp_version()) }

    /// The linked library's version string.
    public static var version: String { String(cString: glp_version()) }

    public func solve(_ model: LinearModel, options: SolverOptions) throws(SolverError) -> SolveResult {
        try Self.validate(model, options)
        let clock = ContinuousClock()
        let started = clock.now
        func elapsed() -> Double { (clock.now - started).inSeconds }
        let isMIP = model.hasIntegerVariables && !options.relaxIntegrality
        if model.variables.isEmpty {
            // Charged like a node, so that no loop on a work budget can spin on solves that cost nothing.
            var empty = Self.solveEmpty(model, seconds: elapsed())
            empty.work = WorkCost(model, limit: 0).node
            options.workMeter?.charge(empty.work)
            return empty
        }
        // With a work limit the wall clock decides nothing: the simplex gets an iteration limit and the tree
        // search is ended by the callback at the node where the estimated work reaches the limit.
        let work = options.workLimit.map { WorkCost(model, limit: $0) }
        let timeLimit = work == nil ? options.timeLimit : nil

        let log = LogBox()
        glp_term_hook(logHook, Unmanaged.passUnretained(log).toOpaque())
        defer { glp_term_hook(nil, nil) }

        guard let prob = glp_create_prob() else { throw .invalidModel("GLPK could not create a problem") }
        defer { glp_delete_prob(prob) }
        Self.load(model, into: prob, integer: isMIP)

        // 1. The LP relaxation, always: its status tells infeasible/unbounded, its value is the root bound.
        var smcp = glp_smcp()
        glp_init_smcp(&smcp)
        smcp.msg_lev = GLP_MSG_ALL
        smcp.presolve = GLP_ON
        if let t = timeLimit { smcp.tm_lim = Self.milliseconds(t) }
        if let work { smcp.it_lim = work.iterationsLeft(after: 0) }
        var lpCode: Int32
        if let stop = options.stop, !isMIP, let work {
            // The same slices, counted in iterations: where a slice ends depends on the model alone.
            smcp.presolve = GLP_OFF
            glp_adv_basis(prob, 0)
            repeat {
                let left = work.iterationsLeft(after: Int(glp_get_it_cnt(prob)))
                smcp.it_lim = min(left, work.sliceIterations)
                lpCode = glp_simplex(prob, &smcp)
            } while lpCode == GLP_EITLIM && !stop.isRequested && work.spent(iterations: Int(glp_get_it_cnt(prob)), nodes: 0) < work.limit
        } else if let stop = options.stop, !isMIP {
            // The simplex has no callback: an LP with a stop signal runs in slices of at most 0.5 s, each going on
            // from the basis the last one left (so without the presolver, from an advanced basis), and a
            // requested stop ends it between slices.
            smcp.presolve = GLP_OFF
            glp_adv_basis(prob, 0)
            repeat {
                let left = timeLimit.map { $0 - elapsed() } ?? 0.5
                smcp.tm_lim = Self.milliseconds(max(0.001, min(0.5, left)))
                lpCode = glp_simplex(prob, &smcp)
            } while lpCode == GLP_ETMLIM && !stop.isRequested && (timeLimit.map { elapsed() < $0 } ?? true)
        } else if isMIP, options.warmRootLP, let start = options.startSolution {
            lpCode = Self.warmRootLP(prob, model, start: start, smcp: smcp, left: { timeLimit.map { $0 - elapsed() } },
                                     iterationsLeft: { work?.iterationsLeft(after: Int(glp_get_it_cnt(prob))) })
        } else {
            lpCode = glp_simplex(prob, &smcp)
        }
        var result = SolveResult(status: .error)
        result.simplexIterations = Int(glp_get_it_cnt(prob))
        let lpIterations = result.simplexIterations
        result.work = (work ?? WorkCost(model, limit: 0)).spent(iterations: lpIterations, nodes: 0)
        let lpStatus = glp_get_status(prob)

        func finish(_ status: TerminationStatus, message: String? = nil) -> SolveResult {
            var status = status, message = message
            // The start solution is the incumbent from the outset: a MIP stopped by the time limit or a stop
            // before GLPK offered it (in the root LP, say) returns it, instead of no solution at all.
            if isMIP, status == .timeLimitNoSolution, let start = options.startSolution {
                result.values = zip(start, model.variables).map { $1.isInteger ? $0.rounded() : $0 }
                result.objective = model.objectiveValue(result.values)
                status = .feasible
                message = (message ?? "the search ended") + "; the start solution is returned"
            }
            result.status = status
            result.message = message
            result.seconds = elapsed()
            result.log = log.text
            options.workMeter?.charge(result.work)
            if !status.hasSolution { result.values = []; result.objective = nil }
            return result
        }

        switch lpCode {
        case 0: break
        case GLP_ENOPFS: return finish(.infeasible, message: "the LP relaxation has no feasible solution")
        case GLP_ENODFS:
            return finish(isMIP ? .error : .unbounded, message: isMIP
                ? "the LP relaxation is unbounded or infeasible; GLPK cannot tell which for the MIP"
                : "the LP relaxation is unbounded or infeasible")
        case GLP_ETMLIM: return finish(.timeLimitNoSolution, message: "the time limit ran out in the LP relaxation")
        case GLP_EITLIM: return finish(.timeLimitNoSolution, message: "the work limit ran out in the LP relaxation")
        default: return finish(.error, message: "GLPK's simplex failed (code \(lpCode))")
        }
        switch lpStatus {
        case GLP_OPT: break
        case GLP_NOFEAS: return finish(.infeasible, message: "the LP relaxation has no feasible solution")
        case GLP_UNBND:
            return finish(.unbounded, message: "the objective can improve without end")
        default: return finish(.error, message: "GLPK's simplex ended with status \(lpStatus)")
        }
        let lpObjective = glp_get_obj_val(prob)

        if !isMIP {
            result.values = (1...model.variables.count).map { glp_get_col_prim(prob, Int32($0)) }
            // Rows are 1…count in GLPK; a model without rows has no duals (and no range to map).
            result.rowDuals = model.rows.indices.map { glp_get_row_dual(prob, Int32($0 + 1)) }
            result.objective = lpObjective
            result.bound = lpObjective
            return finish(.optimal)
        }

        // 2. Branch-and-cut.
        let tree = TreeContext(columns: model.variables.count)
        tree.bound = lpObjective
        tree.maximize = model.sense == .maximize
        tree.stop = options.stop
        if let g = options.afterFirstSolution, g.isFinite { tree.afterFirst = max(0, g) }
        tree.work = work
        tree.branchTableauRows = options.branching == .driebeckTomlin
        let presolved = options.presolve && options.startSolution == nil
        if let start = options.startSolution {
            // Integer columns are snapped to their whole value; continuous ones are passed as they are.
            // GLPK does not re-check rows for a heuristic solution, so the start must be feasible as given.
            tree.start = [0] + zip(start, model.variables).map { $1.isInteger ? $0.rounded() : $0 }
        }
        var iocp = glp_iocp()
        glp_init_iocp(&iocp)
        iocp.msg_lev = GLP_MSG_ALL
        iocp.presolve = presolved ? GLP_ON : GLP_OFF
        if let t = timeLimit { iocp.tm_lim = Self.milliseconds(max(0.001, t - elapsed())) }
        if let g = options.relativeGap { iocp.mip_gap = g }
        iocp.gmi_cuts = options.cuts.gomory ? GLP_ON : GLP_OFF
        iocp.mir_cuts = options.cuts.mixedIntegerRounding ? GLP_ON : GLP_OFF
        iocp.cov_cuts = options.cuts.cover ? GLP_ON : GLP_OFF
        iocp.clq_cuts = options.cuts.clique ? GLP_ON : GLP_OFF
        iocp.fp_heur = options.feasibilityPump ? GLP_ON : GLP_OFF
        // Proximity search has a wall-clock limit only: off under a work limit.
        iocp.ps_heur = options.proximitySearch && work == nil ? GLP_ON : GLP_OFF
        iocp.ps_tm_lim = Self.milliseconds(options.proximitySearchTimeLimit)
        switch options.branching {
        case .driebeckTomlin: iocp.br_tech = GLP_BR_DTH
        case .mostFractional: iocp.br_tech = GLP_BR_MFV
        }
        iocp.cb_func = treeCallback
        iocp.cb_info = Unmanaged.passUnretained(tree).toOpaque()
        let mipCode = withExtendedLifetime(tree) { glp_intopt(prob, &iocp) }
        result.simplexIterations = Int(glp_get_it_cnt(prob))
        result.nodes = tree.nodes
        result.work = max(result.work, tree.spent)
        result.startSolutionAccepted = tree.accepted
        let mipStatus = glp_mip_status(prob)
        if mipStatus == GLP_OPT || mipStatus == GLP_FEAS {
            result.values = (1...model.variables.count).map { glp_mip_col_val(prob, Int32($0)) }
            result.objective = glp_mip_obj_val(prob)
        }
        result.bound = tree.bound
        // A safety net: GLPK trusts heuristic solutions; what it returns must satisfy the model.
        if !result.values.isEmpty, let why = model.firstViolation(result.values, tolerance: 1e-5) {
            return finish(.error, message: "GLPK returned a solution that breaks the model (\(why))")
        }
        switch (mipCode, mipStatus) {
        case (0, GLP_OPT):
            result.bound = result.objective
            return finish(.optimal)
        case (0, GLP_NOFEAS), (GLP_ENOPFS, _):
            return finish(.infeasible, message: "no integer solution satisfies every row")
        case (GLP_ENODFS, _): return finish(.unbounded, message: "the LP relaxation is unbounded")
        case (GLP_ETMLIM, GLP_FEAS), (GLP_ETMLIM, GLP_OPT):
            return finish(.feasible, message: "the time limit stopped the search")
        case (GLP_ETMLIM, _):
            return finish(.timeLimitNoSolution, message: "the time limit ran out before an integer solution was found")
        case (GLP_EMIPGAP, _):
            return finish(.feasible, message: "the relative gap tolerance was reached")
        case (GLP_ESTOP, GLP_FEAS) where tree.workStopped, (GLP_ESTOP, GLP_OPT) where tree.workStopped:
            return finish(.feasible, message: "the work limit stopped the search")
        case (GLP_ESTOP, _) where tree.workStopped:
            return finish(.timeLimitNoSolution, message: "the work limit ran out before an integer solution was found")
        case (GLP_ESTOP, GLP_FEAS), (GLP_ESTOP, GLP_OPT):
            return finish(.feasible, message: "the search was stopped")
        case (GLP_ESTOP, _):
            return finish(.timeLimitNoSolution, message: "the search was stopped before an integer solution was found")
        default:
            return finish(.error, message: "GLPK's branch-and-cut ended with code \(mipCode), status \(mipStatus)")
        }
    }

    // MARK: - Loading

    /// Loads columns, rows and the matrix. Every index is 1-based and in range, every (i, j) appears once:
    /// LinearModel merges duplicate terms when a row is added.
    private static func load(_ model: LinearModel, into prob: OpaquePointer, integer: Bool) {
        glp_set_prob_name(prob, String(model.name.prefix(255)))
        glp_set_obj_dir(prob, model.sense == .minimize ? GLP_MIN : GLP_MAX)
        let n = model.variables.count
        let m = model.rows.count
        glp_add_cols(prob, Int32(n))
        if m > 0 { glp_add_rows(prob, Int32(m)) }
        for (k, v) in model.variables.enumerated() {
            let j = Int32(k + 1)
            glp_set_col_name(prob, j, v.name)
            if integer && v.isInteger { glp_set_col_kind(prob, j, GLP_IV) }
            let (type, lo, up) = boundType(v.lower, v.upper)
            glp_set_col_bnds(prob, j, type, lo, up)
            glp_set_obj_coef(prob, j, model.objective[k])
        }
        glp_set_obj_coef(prob, 0, model.objectiveConstant)
        var ia: [Int32] = [0]
        var ja: [Int32] = [0]
        var ar: [Double] = [0]
        let nz = model.nonZeroCount
        ia.reserveCapacity(nz + 1); ja.reserveCapacity(nz + 1); ar.reserveCapacity(nz + 1)
        for (k, row) in model.rows.enumerated() {
            let i = Int32(k + 1)
            glp_set_row_name(prob, i, row.name)
            let (type, lo, up) = boundType(row.bounds.lower, row.bounds.upper)
            glp_set_row_bnds(prob, i, type, lo, up)
            for t in row.terms {
                ia.append(i)
                ja.append(Int32(t.variable.index + 1))
                ar.append(t.coefficient)
            }
        }
        glp_load_matrix(prob, Int32(ia.count - 1), ia, ja, ar)
    }

    /// The root LP of a MIP from its start solution's basis: the simplex from a slack basis may spend most of its
    /// time finding any feasible point (phase 1) of a model whose equalities chain (occupancies, running sums),
    /// when the start solution is one. With the integer columns fixed at their start values the LP is trivial; its
    /// optimal basis, with the integer columns put back between their bounds (each non-basic one at the bound it
    /// holds), is primal feasible, and the primal simplex goes on from it in phase 2. Falls back to the plain
    /// simplex when the fixed LP does not end optimal. Returns `glp_simplex`'s code.
    private static func warmRootLP(_ prob: OpaquePointer, _ model: LinearModel, start: [Double], smcp: glp_smcp,
                                   left: () -> Double?, iterationsLeft: () -> Int32?) -> Int32 {
        var fixed = smcp
        fixed.msg_lev = GLP_MSG_OFF
        let integers = model.variables.indices.filter { model.variables[$0].isInteger }
        for k in integers {
            let v = start[k].rounded()
            glp_set_col_bnds(prob, Int32(k + 1), GLP_FX, v, v)
        }
        let code = glp_simplex(prob, &fixed)
        let feasible = code == 0 && glp_get_status(prob) == GLP_OPT
        for k in integers {
            let j = Int32(k + 1)
            let v = model.variables[k]
            let (type, lo, up) = boundType(v.lower, v.upper)
            glp_set_col_bnds(prob, j, type, lo, up)
            guard feasible, glp_get_col_stat(prob, j) != GLP_BS else { continue }
            // A non-basic column sits at the bound that holds its start value (fixed columns stay GLP_NS).
            let value = start[k].rounded()
            switch type {
            case GLP_DB: glp_set_col_stat(prob, j, value == up ? GLP_NU : GLP_NL)
            case GLP_LO: glp_set_col_stat(prob, j, GLP_NL)
            case GLP_UP: glp_set_col_stat(prob, j, GLP_NU)
            default: break
            }
        }
        var warm = smcp
        // What the fixed LP took is gone from the time limit.
        if let t = left() { warm.tm_lim = milliseconds(max(0.001, t)) }
        if let n = iterationsLeft() { warm.it_lim = n }
        if feasible {
            // The presolver would throw the basis away.
            warm.presolve = GLP_OFF
        } else {
            glp_std_basis(prob)
        }
        return glp_simplex(prob, &warm)
    }

    private static func boundType(_ lower: Double?, _ upper: Double?) -> (Int32, Double, Double) {
        switch (lower, upper) {
        case (nil, nil): return (GLP_FR, 0, 0)
        case (let l?, nil): return (GLP_LO, l, 0)
        case (nil, let u?): return (GLP_UP, 0, u)
        case (let l?, let u?): return l == u ? (GLP_FX, l, l) : (GLP_DB, l, u)
        }
    }

    // MARK: - Validation (GLPK aborts on what it does not accept)

    static func validate(_ model: LinearModel, _ options: SolverOptions) throws(SolverError) {
        let limit = Int(Int32.max) - 1
        if model.variables.count > limit || model.rows.count > limit || model.nonZeroCount > limit {
            throw .invalidModel("GLPK takes at most \(limit) columns, rows and non-zeros")
        }
        for v in model.variables {
            for b in [v.lower, v.upper] {
                if let b, !b.isFinite || abs(b) > 1e30 {
                    throw .invalidModel("variable \(v.name) has bound \(b); bounds must be finite and below 1e30")
                }
            }
            if let l = v.lower, let u = v.upper, l > u {
                throw .invalidModel("variable \(v.name) has lower bound \(l) above upper bound \(u)")
            }
        }
        if !model.objectiveConstant.isFinite { throw .invalidModel("the objective constant is not a finite number") }
        if let t = options.timeLimit, !(t.isFinite && t >= 0) {
            throw .invalidOption("time limit \(t) s must be a number of seconds, 0 or more")
        }
        if let w = options.workLimit, !(w.isFinite && w >= 0) {
            throw .invalidOption("work limit \(w) must be a number of work seconds, 0 or more")
        }
        if let g = options.relativeGap, !(g.isFinite && g >= 0) {
            throw .invalidOption("relative gap \(g) must be a number, 0 or more (0.01 means 1 %)")
        }
        if !(options.proximitySearchTimeLimit.isFinite && options.proximitySearchTimeLimit > 0) {
            throw .invalidOption("proximity search time limit must be a positive number of seconds")
        }
        if let start = options.startSolution {
            if let why = model.firstViolation(start, tolerance: 1e-6) { throw .invalidStartSolution(why) }
        }
    }

    static func milliseconds(_ seconds: Double) -> Int32 {
        let ms = (seconds * 1000).rounded(.up)
        return ms >= Double(Int32.max) ? Int32.max : Int32(max(1, ms))
    }

    /// A model without variables: every row is a constant 0, the objective its constant.
    private static func solveEmpty(_ model: LinearModel, seconds: Double) -> SolveResult {
        for row in model.rows {
            if let l = row.bounds.lower, l > 1e-9 {
                return SolveResult(status: .infeasible, seconds: seconds, message: "row \(row.name) needs \(l) of nothing")
            }
            if let u = row.bounds.upper, u < -1e-9 {
                return SolveResult(status: .infeasible, seconds: seconds, message: "row \(row.name) needs at most \(u) of nothing")
            }
        }
        return SolveResult(
            status: .optimal, values: [], objective: model.objectiveConstant, bound: model.objectiveConstant,
            seconds: seconds, message: "the model has no variables")
    }
}

// MARK: - C callbacks (they capture nothing; their state comes through the info pointer)

/// Collects GLPK's terminal output.
final class LogBox {
    var text = ""
}

/// The branch-and-cut callback's state.
final class TreeContext {
    let columns: Int
    var start: [Double]?
    var offered = false
    var accepted = false
    var bound: Double?
    var maximize = false
    var nodes = 0
    var stop: StopSignal?
    /// Seconds the search may go on after its first own incumbent (``SolverOptions/afterFirstSolution``).
    var afterFirst: Double?
    /// When the search found its first incumbent.
    var firstFound: ContinuousClock.Instant?
    /// The work limit's costs, when the solve has one.
    var work: WorkCost?
    /// The tree's simplex iterations when last seen: its problem's count, which holds the root LP's iterations
    /// (GLPK's MIP presolver copies the count into the problem it makes).
    var treeIterations = 0
    /// The work done when the first incumbent was seen.
    var firstFoundWork: Double?
    /// True when the work limit ended the search.
    var workStopped = false
    /// True when branching computes a tableau row a candidate (Driebeck and Tomlin's rule).
    var branchTableauRows = false
    /// Branching candidates seen so far (with ``branchTableauRows``).
    var candidates = 0
    init(columns: Int) { self.columns = columns }

    /// The work done so far (0 without a work limit).
    var spent: Double { work?.spent(iterations: treeIterations, nodes: nodes, candidates: candidates) ?? 0 }
}

/// What work a solve of one model costs, in work seconds (``WorkMeter``): loading its non-zeros, each simplex
/// iteration (by its rows, columns and non-zeros), each branch-and-bound node and each branching candidate (by the
/// non-zeros). The constants are fitted to GLPK 5.0 on the reference machine (2 cores, Debian 12); elsewhere the
/// same counts take other wall seconds.
struct WorkCost {
    /// The work limit.
    let limit: Double
    /// Work seconds to load the model.
    let load: Double
    /// Work seconds a simplex iteration.
    let iteration: Double
    /// Work seconds a node, besides its iterations.
    let node: Double
    /// Work seconds a branching candidate's tableau row.
    let candidate: Double

    init(_ model: LinearModel, limit: Double) {
        let size = Double(model.rows.count + model.variables.count)
        self.limit = limit
        load = Double(model.nonZeroCount) * 5e-7
        iteration = 1e-6 + size * 1.2e-8 + Double(model.nonZeroCount) * 3e-9
        node = 1e-4 + Double(model.nonZeroCount) * 7.5e-8
        candidate = 1e-6 + Double(model.nonZeroCount) * 3e-8
    }

    /// The work after `iterations` simplex iterations, `nodes` nodes and `candidates` branching candidates.
    func spent(iterations: Int, nodes: Int, candidates: Int = 0) -> Double {
        load + Double(iterations) * iteration + Double(nodes) * node + Double(candidates) * candidate
    }

    /// Iterations left after `iterations` (at least 1, so that GLPK's 0, "no limit", is never passed).
    func iterationsLeft(after iterations: Int) -> Int32 {
        let left = ((limit - spent(iterations: iterations, nodes: 0)) / iteration).rounded(.down)
        return Int32(max(1, min(Double(Int32.max - 1), left)))
    }

    /// Iterations in half a work second: the slices of an LP that a stop can end.
    var sliceIterations: Int32 { Int32(max(1, min(Double(Int32.max - 1), (0.5 / iteration).rounded(.down)))) }
}

private let logHook: @convention(c) (UnsafeMutableRawPointer?, UnsafePointer<CChar>?) -> Int32 = { info, text in
    guard let info, let text else { return 1 }
    Unmanaged<LogBox>.fromOpaque(info).takeUnretainedValue().text += String(cString: text)
    return 1  // non-zero: GLPK writes nothing to the terminal itself
}

private let treeCallback: @convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> Void = { tree, info in
    guard let tree, let info else { return }
    let ctx = Unmanaged<TreeContext>.fromOpaque(info).takeUnretainedValue()
    var active: Int32 = 0, current: Int32 = 0, total: Int32 = 0
    glp_ios_tree_size(tree, &active, &current, &total)
    ctx.nodes = Int(total)
    if let work = ctx.work {
        ctx.treeIterations = Int(glp_get_it_cnt(glp_ios_get_prob(tree)))
        if glp_ios_reason(tree) == GLP_IBRANCH, ctx.branchTableauRows {
            // Driebeck and Tomlin's rule computes a tableau row for every candidate: most of a node's time on a
            // wide model, and not in the iteration count.
            let p = glp_ios_get_prob(tree)
            let n = glp_get_num_cols(p)
            var k = 0
            if n > 0 { for j in 1...n where glp_ios_can_branch(tree, j) != 0 { k += 1 } }
            ctx.candidates += k
        }
        if ctx.spent >= work.limit {
            ctx.workStopped = true
            glp_ios_terminate(tree)
            return
        }
    }
    let best = glp_ios_best_node(tree)
    if best != 0 {
        let b = glp_ios_node_bound(tree, best)
        if b.isFinite { ctx.bound = b }
    }
    if glp_ios_reason(tree) == GLP_IHEUR, !ctx.offered, let x = ctx.start, x.count == ctx.columns + 1 {
        ctx.offered = true
        // The columns of the tree's problem are the model's columns: presolve is off when a start is given.
        let rc = x.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
        ctx.accepted = rc == 0
    }
    // The first incumbent, however found: GLPK reports a better solution of its own search (GLP_IBINGO), but one
    // from a heuristic (its rounding, an offered start) raises no event; the problem's MIP status shows both.
    if ctx.afterFirst != nil, ctx.firstFound == nil,
       glp_ios_reason(tree) == GLP_IBINGO || glp_mip_status(glp_ios_get_prob(tree)) == GLP_FEAS {
        ctx.firstFound = .now
        ctx.firstFoundWork = ctx.spent
    }
    if let grace = ctx.afterFirst, ctx.work != nil, let first = ctx.firstFoundWork {
        if ctx.spent - first >= grace { glp_ios_terminate(tree); return }
    } else if let grace = ctx.afterFirst, let first = ctx.firstFound, ContinuousClock.now - first >= .seconds(grace) {
        glp_ios_terminate(tree)
        return
    }
    // After the start is offered, so that a stop keeps it as the incumbent.
    if ctx.stop?.isRequested == true, ctx.start == nil || ctx.offered { glp_ios_terminate(tree) }
}
