import GLPKBackend
import LinearModel
@testable import Planning
import ScenarioFormat
import Testing

/// The decomposition bound (issue 14, item 4): every trainee priced alone against multipliers on the rows that tie
/// trainees together. Whatever the multipliers, L(λ) may never exceed a plan's objective; at the absence LP's
/// duals it should beat the staffing arithmetic where the trainees' own rules keep them from the cheap weeks.
@Suite("Decomposition bound")
struct DecompositionBoundTests {
    /// Any multipliers within their limits give a lower bound: a sign error in a staffing, place or seat link, or a
    /// constant counted twice, breaks this on the first λ that leans on the row.
    @Test("L(λ) never exceeds the proven optimum, for the starting prices and for random ones",
          arguments: ["courses.yaml", "two-homes.yaml"])
    func anyPricesBound(file: String) throws {
        let (s, _) = try ScenarioLoader.load(path: fixture(file))
        let context = PlanningContext(scenario: s)
        let full = try PlanningModel(context: context)
        let optimum = try GLPKSolver().solve(full.model, options: SolverOptions(timeLimit: 60))
        try #require(optimum.status == .optimal)
        let best = try #require(optimum.objective)
        let plan = full.assignment(from: optimum.values, base: Assignment(empty: context))
        #expect(abs(context.objective(plan) - best) < 1e-6)

        let d = try DecompositionBound(context: context, solver: GLPKSolver(), incumbent: plan)
        var models = d.pricing
        let budget = TimeBudget(seconds: 60)
        let start = try #require(try d.startingPrices(budget: budget))
        var rng = SplitMix64(seed: 7)
        var tried: [[Double]] = [start, d.rows.map { _ in 0 }, d.rows.map { $0.price ?? 0 }]
        for _ in 0..<4 {
            tried.append(d.rows.map { row in Double.random(in: 0...(row.price ?? 200), using: &rng) })
        }
        for lambda in tried {
            let value = try #require(try d.evaluate(lambda, models: &models, budget: budget).value)
            #expect(value <= best + 1e-6, "L(λ) = \(value) above the optimum \(best)")
        }
        // The incumbent's plan is one of each trainee's choices, so at λ = 0 the bound is the trainees' own costs
        // at their cheapest, no more than the optimum's own-cost part.
        let own = try #require(try d.evaluate(d.rows.map { _ in 0 }, models: &models, budget: budget).value)
        #expect(own <= (context.terms(plan)["extension"] ?? 0) + (context.terms(plan)["preference"] ?? 0) + 1e-6)
    }

    /// On a generated cohort the trainees' own rules (windows, `after`, deadlines) keep absence off some of the
    /// weeks the aggregate bound fills first: the first round, at the absence LP's duals, is already above the
    /// aggregate bound, and below the plan it started from.
    @Test("the first round beats the aggregate bound on a generated cohort and stays below its plan")
    func firstRound() throws {
        // `stplan-bench generate --trainees 2 --seed 1`: aggregate 7 245, the full model's LP 7 455.
        let (s, _) = try ScenarioLoader.load(path: fixture("cohort-2.yaml"))
        let context = PlanningContext(scenario: s)
        let aggregate = try #require(context.aggregateBound())
        let greedy = try #require(Planner.greedy(context))
        let out = try DecompositionBound.run(context, solver: GLPKSolver(), incumbent: greedy, upper: context.objective(greedy),
                                             budget: TimeBudget(seconds: 60), maxRounds: 1)
        let bound = try #require(out.bound)
        #expect(out.rounds == 1)
        #expect(bound > aggregate + 100, "decomposition bound \(bound), aggregate \(aggregate)")
        #expect(bound <= context.objective(greedy) + 1e-6)
    }

    /// The bound runs beside the search and is stopped when the search returns: it must not go on building one
    /// pricing problem per trainee (seconds at 160 trainees) after that.
    @Test("a stopped budget builds no pricing problem and the run returns without a bound")
    func stopped() throws {
        let (s, _) = try ScenarioLoader.load(path: fixture("cohort-6.yaml"))
        let context = PlanningContext(scenario: s)
        let greedy = try #require(Planner.greedy(context))
        let stop = StopSignal()
        stop.request()
        let budget = TimeBudget(seconds: 60, stop: stop)
        let d = try DecompositionBound(context: context, solver: GLPKSolver(), incumbent: greedy, budget: budget)
        #expect(!d.complete && d.pricing.isEmpty)
        let out = try DecompositionBound.run(context, solver: GLPKSolver(), incumbent: greedy, upper: context.objective(greedy), budget: budget)
        #expect(out.bound == nil && out.rounds == 0)
    }

    /// The planner runs the bound beside the improvement and prints the better of the bounds.
    @Test("the planner logs the decomposition bound and keeps its printed bound below its plan")
    func plannerBound() throws {
        let (s, _) = try ScenarioLoader.load(path: fixture("cohort-2.yaml"))
        let outcome = try Planner(solver: GLPKSolver()).plan(s, options: PlannerOptions(timeLimit: 8))
        let objective = try #require(outcome.objective)
        #expect(try #require(outcome.bound) <= objective + 1e-6)
        #expect(outcome.log.contains("decomposition bound:"))
    }
}
