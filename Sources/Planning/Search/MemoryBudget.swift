import Foundation
import LinearModel
import ScenarioFormat
import STCore

/// The memory one planning run may take (`--memory-limit`, default 8 GiB).
public struct MemoryBudget: Sendable, Equatable, CustomStringConvertible {
    /// Bytes.
    public let bytes: Int
    /// A budget of `gibibytes` GiB (0.25–1024), or nil outside that range.
    public init?(gibibytes: Double) {
        guard gibibytes.isFinite, (0.25...1024).contains(gibibytes) else { return nil }
        bytes = Int(gibibytes * 1_073_741_824)
    }
    /// A budget of `bytes` bytes.
    public init(bytes: Int) { self.bytes = max(0, bytes) }
    /// 8 GiB: a third of this machine's memory, and less than most laptops have.
    public static let standard = MemoryBudget(gibibytes: 8)!
    /// "8.0 GiB".
    public var description: String { ModelEstimate.gib(bytes) }
}

/// The size of a cohort's model and the memory planning it takes, estimated before the model is built.
public struct ModelEstimate: Sendable, Equatable {
    /// Estimated non-zeros of the full model.
    public let nonZeros: Int
    /// Estimated peak memory of the run, in bytes.
    public let bytes: Int
    /// The trainees the estimate is of.
    public let trainees: Int

    /// Peak resident memory of `stplan plan` (release, this machine, `/usr/bin/time -f %M`) grows by about 160
    /// bytes a non-zero of the full model: the example (0.57 M non-zeros) 149 MB, regional-40 (2.69 M) 482 MB,
    /// and `export-model` of 200 generated trainees (18.2 M) 4.2 GB; 200 leaves room for GLPK's copies.
    static let bytesPerNonZero = 200
    /// What a run takes whatever the model (the binary, the scenario, the reports): some 60 MB measured.
    static let baseBytes = 64 * 1_048_576

    /// The estimate for `scenario`: three trainees of each programme (its first, middle and last in the file:
    /// trainees far into their ST and new starters have models of different sizes) are each modelled alone (the
    /// columns and the share of the shared rows, in a context of the samples only), and the largest counts once
    /// for each trainee of that programme. Nothing here grows with the cohort, so a cohort too large is refused
    /// at once.
    static func of(_ scenario: Scenario) throws(PlanningError) -> ModelEstimate {
        var members: [String: [Int]] = [:]
        var order: [String] = []
        for (i, t) in scenario.trainees.enumerated() {
            if members[t.program] == nil { order.append(t.program) }
            members[t.program, default: []].append(i)
        }
        var sample = scenario
        sample.trainees = []
        for program in order {
            let m = members[program]!
            for i in Set([m[0], m[m.count / 2], m[m.count - 1]]).sorted() {
                sample.trainees.append(scenario.trainees[i])
            }
        }
        let context = PlanningContext(scenario: sample)
        var largest: [String: Int] = [:]
        for t in context.trainees.indices {
            let sub = try PlanningModel(context: context, free: [t], fixed: Assignment(empty: context))
            let program = context.trainees[t].program.id
            largest[program] = max(largest[program] ?? 0, sub.model.nonZeroCount)
        }
        let nonZeros = order.reduce(0) { $0 + (largest[$1] ?? 0) * (members[$1]?.count ?? 0) }
        return ModelEstimate(nonZeros: nonZeros, bytes: baseBytes + bytesPerNonZero * nonZeros, trainees: scenario.trainees.count)
    }

    /// Non-zeros a second granted to building the full model in the time check: about twice what the release
    /// build does on this machine (the example 3.5 M a second, regional-40 3.2 M, 200 generated trainees 2.2 M), so
    /// that only a cohort that could not be built in time on a fast machine either is refused.
    static let buildRate = 6_000_000.0

    /// Seconds building the estimated model takes at ``buildRate``: a lower bound on any plan of the cohort.
    public var buildSeconds: Double { Double(nonZeros) / Self.buildRate }

    /// The estimate for `scenario`, or nil without a memory limit. A cohort estimated above `limit` is refused,
    /// and so is one whose model alone takes longer to build than `timeLimit` seconds (the time limit is a promise:
    /// a run that cannot keep it says so at once instead of breaking it).
    static func checked(_ scenario: Scenario, against limit: MemoryBudget?, timeLimit: Double? = nil) throws -> ModelEstimate? {
        guard let limit else { return nil }
        let estimate = try of(scenario)
        if estimate.bytes > limit.bytes { throw ModelTooLarge(estimate: estimate, limit: limit) }
        if let t = timeLimit, t.isFinite, estimate.buildSeconds > t { throw ModelTooLarge(estimate: estimate, limit: limit, timeLimit: t) }
        return estimate
    }

    static func gib(_ bytes: Int) -> String { JSONValue.format((Double(bytes) / 1_073_741_824 * 10).rounded() / 10) + " GiB" }
}

/// A cohort whose model would not fit the memory budget, or could not be built within the time limit: refused
/// before the model is built.
public struct ModelTooLarge: Error, Sendable, CustomStringConvertible {
    public let estimate: ModelEstimate
    public let limit: MemoryBudget
    /// The time limit the model could not be built within, when time is the reason (nil: memory is).
    public var timeLimit: Double? = nil
    public var description: String {
        if let t = timeLimit {
            // Whole seconds as "5", others with one decimal as "2.5".
            func seconds(_ x: Double) -> String { x == x.rounded() && abs(x) < 1e9 ? String(Int(x)) : String(format: "%.1f", x) }
            return "planning these \(estimate.trainees) trainees at once takes a model of some \(estimate.nonZeros / 1_000_000) million non-zeros, "
                + "which alone takes about \(seconds((estimate.buildSeconds * 10).rounded(.up) / 10)) s or more to build, more than the time limit of "
                + "\(seconds(t)) s (--time-limit). Plan the cohort in parts (a scenario per programme or intake), or give a --time-limit of "
                + "at least \(seconds((estimate.buildSeconds * 2).rounded(.up))) s."
        }
        return "planning these \(estimate.trainees) trainees at once would take about \(ModelEstimate.gib(estimate.bytes)) of memory "
            + "(a model of some \(estimate.nonZeros / 1_000_000) million non-zeros), more than the limit of \(limit) (--memory-limit). "
            + "Plan the cohort in parts (a scenario per programme or intake), or raise --memory-limit if the machine has the memory."
    }
}
