import LinearModel

/// A time limit as a value: when it started, when it ends, and the stop signal that ends it early. The planner,
/// the replanner, the improvement loop, the explanation and the calendar stage all take one of these instead of
/// a number of seconds and a clock of their own, so that every stage spends from the same deadline.
///
/// A budget runs on the wall clock, or (``init(workSeconds:stop:)``, `--deterministic`) on a ``WorkMeter``:
/// then its seconds are work seconds, which only the solves it hands out advance, and every choice made from
/// ``remaining`` and ``elapsed`` is the same under any load (with the same build of stplan and GLPK).
public struct TimeBudget: Sendable {
    /// The seconds granted when the budget was made.
    public let limit: Double
    /// When the budget started.
    public let start: ContinuousClock.Instant
    /// When it ends.
    public let deadline: ContinuousClock.Instant
    /// Ends the budget at once when requested (Ctrl-C, a cancel button).
    public let stop: StopSignal?
    /// The work clock of a deterministic budget, and its start and end on it; nil on the wall clock.
    public let work: WorkMeter?
    private let workStart: Double
    private let workDeadline: Double

    /// A budget of `seconds` from now (negative or non-finite seconds give an empty budget).
    public init(seconds: Double, stop: StopSignal? = nil) {
        self.init(seconds: seconds, stop: stop, start: ContinuousClock.now)
    }

    /// A deterministic budget of `seconds` work seconds on a new ``WorkMeter``.
    public init(workSeconds seconds: Double, stop: StopSignal? = nil) {
        let s = Self.clamp(seconds)
        self.init(limit: s, start: ContinuousClock.now, deadline: ContinuousClock.now, stop: stop,
                  work: WorkMeter(), workStart: 0, workDeadline: s)
    }

    /// A budget of `seconds`: work seconds when `deterministic` (``init(workSeconds:stop:)``), else wall seconds.
    public init(seconds: Double, stop: StopSignal?, deterministic: Bool) {
        if deterministic { self.init(workSeconds: seconds, stop: stop) } else { self.init(seconds: seconds, stop: stop) }
    }

    init(seconds: Double, stop: StopSignal?, start: ContinuousClock.Instant) {
        let s = Self.clamp(seconds)
        self.init(limit: s, start: start, deadline: start.advanced(by: .milliseconds(Int64(s * 1000))), stop: stop,
                  work: nil, workStart: 0, workDeadline: 0)
    }

    private init(limit: Double, start: ContinuousClock.Instant, deadline: ContinuousClock.Instant, stop: StopSignal?,
                 work: WorkMeter?, workStart: Double, workDeadline: Double) {
        self.limit = limit
        self.start = start
        self.deadline = deadline
        self.stop = stop
        self.work = work
        self.workStart = workStart
        self.workDeadline = workDeadline
    }

    private static func clamp(_ seconds: Double) -> Double { seconds.isFinite ? max(0, min(seconds, 1e7)) : 0 }

    /// True when the budget counts work seconds instead of wall seconds.
    public var isDeterministic: Bool { work != nil }

    /// Seconds since the start (work seconds on a deterministic budget).
    public var elapsed: Double {
        if let work { return work.spent - workStart }
        return (ContinuousClock.now - start).inSeconds
    }

    /// Seconds left until the deadline, never negative; 0 once a stop was requested, so that every step then does
    /// only what a first result needs.
    public var remaining: Double {
        if stopped { return 0 }
        if let work { return max(0, workDeadline - work.spent) }
        return max(0, (deadline - ContinuousClock.now).inSeconds)
    }

    /// True when the stop signal was raised.
    public var stopped: Bool { stop?.isRequested == true }

    /// `fraction` of the seconds left, kept within `floor`…`cap` (the floor wins over the cap).
    public func share(_ fraction: Double, floor: Double = 0, cap: Double = .infinity) -> Double {
        max(floor, min(cap, remaining * fraction))
    }

    /// The seconds kept at the end of a run for the supervision and self-study calendar of `trainees` trainees:
    /// 5 % of the limit (at least 0.3 s, at most 3 s), or 15 ms a trainee where that is more (one supervisor's
    /// model takes about 25 ms with two trainees), but never more than a quarter of the limit.
    public func calendarReserve(trainees: Int) -> Double {
        min(limit * 0.25, max(min(3, max(0.3, limit * 0.05)), 0.015 * Double(trainees)))
    }

    /// The budget that ends `seconds` from now, whatever is left of this one. With its stop signal and clock; it may
    /// end after this one's deadline (a floor such as "at least one second for the explanation" is granted even at
    /// the end).
    public func slice(_ seconds: Double) -> TimeBudget {
        guard let work else { return TimeBudget(seconds: seconds, stop: stop) }
        let now = work.spent, s = Self.clamp(seconds)
        return TimeBudget(limit: s, start: start, deadline: deadline, stop: stop, work: work, workStart: now, workDeadline: now + s)
    }

    /// The budget that ends `seconds` before this one (and no earlier than now), with the same start and stop.
    public func reserving(_ seconds: Double) -> TimeBudget {
        if let work {
            let end = max(work.spent, workDeadline - max(0, seconds))
            return TimeBudget(limit: limit, start: start, deadline: deadline, stop: stop, work: work, workStart: workStart, workDeadline: end)
        }
        let left = max(0, (deadline - ContinuousClock.now).inSeconds - max(0, seconds))
        return TimeBudget(limit: limit, start: start, deadline: ContinuousClock.now.advanced(by: .milliseconds(Int64(left * 1000))), stop: stop,
                          work: nil, workStart: 0, workDeadline: 0)
    }

    /// The same budget without its stop signal: for a step that must finish for there to be anything to keep.
    public var ignoringStop: TimeBudget {
        TimeBudget(limit: limit, start: start, deadline: deadline, stop: nil, work: work, workStart: workStart, workDeadline: workDeadline)
    }

    /// The same deadline with another stop signal: for work beside the main search that the search ends when
    /// it returns (the user's stop reaches it through the search).
    public func stopped(by signal: StopSignal) -> TimeBudget {
        TimeBudget(limit: limit, start: start, deadline: deadline, stop: signal, work: work, workStart: workStart, workDeadline: workDeadline)
    }

    /// The same budget on a work clock of its own that starts where this one's is: for work on another thread,
    /// which would otherwise make the two threads' work counts depend on how they interleave. The wall-clock
    /// budget is returned as it is.
    public var forked: TimeBudget {
        guard let work else { return self }
        return TimeBudget(limit: limit, start: start, deadline: deadline, stop: stop, work: WorkMeter(spent: work.spent),
                          workStart: workStart, workDeadline: workDeadline)
    }

    /// The earlier-ending of this budget and `seconds` from now.
    public func capped(_ seconds: Double) -> TimeBudget {
        if let work {
            let end = min(workDeadline, work.spent + max(0, seconds))
            return TimeBudget(limit: limit, start: start, deadline: deadline, stop: stop, work: work, workStart: workStart, workDeadline: end)
        }
        let end = ContinuousClock.now.advanced(by: .milliseconds(Int64(max(0, seconds) * 1000)))
        return TimeBudget(limit: limit, start: start, deadline: min(end, deadline), stop: stop, work: nil, workStart: 0, workDeadline: 0)
    }

    /// On a deterministic budget, charges the work of building a model of `nonZeros` non-zeros (3 M a second, what
    /// the release build does on the reference machine), so that model building counts too; on the wall clock it
    /// counts itself and nothing is charged.
    public func chargeBuild(nonZeros: Int) { work?.charge(Double(max(0, nonZeros)) / 3e6) }

    /// Solver options for one solve of `seconds` (as given: callers choose it from ``remaining``), with this
    /// budget's stop signal and an optional relative gap. On a deterministic budget the seconds are a work limit
    /// and the solve's work is charged to the budget's meter.
    public func solverOptions(_ seconds: Double, gap: Double? = nil) -> SolverOptions {
        var o = SolverOptions(timeLimit: max(0, seconds), relativeGap: gap)
        if let work {
            o.timeLimit = nil
            o.workLimit = max(0, seconds)
            o.workMeter = work
        }
        o.stop = stop
        return o
    }
}
