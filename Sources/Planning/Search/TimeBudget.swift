import LinearModel

/// A time limit as a value: when it started, when it ends, and the stop signal that ends it early. The planner,
/// the replanner, the improvement loop, the explanation and the calendar stage all take one of these instead of
/// a number of seconds and a clock of their own, so that every stage spends from the same deadline.
public struct TimeBudget: Sendable {
    /// The seconds granted when the budget was made.
    public let limit: Double
    /// When the budget started.
    public let start: ContinuousClock.Instant
    /// When it ends.
    public let deadline: ContinuousClock.Instant
    /// Ends the budget at once when requested (Ctrl-C, a cancel button).
    public let stop: StopSignal?

    /// A budget of `seconds` from now (negative or non-finite seconds give an empty budget).
    public init(seconds: Double, stop: StopSignal? = nil) {
        self.init(seconds: seconds, stop: stop, start: ContinuousClock.now)
    }

    init(seconds: Double, stop: StopSignal?, start: ContinuousClock.Instant) {
        let s = seconds.isFinite ? max(0, min(seconds, 1e7)) : 0
        limit = s
        self.start = start
        deadline = start.advanced(by: .milliseconds(Int64(s * 1000)))
        self.stop = stop
    }

    /// Seconds since the start.
    public var elapsed: Double { (ContinuousClock.now - start).inSeconds }

    /// Seconds left until the deadline, never negative; 0 once a stop was requested, so that every step then does
    /// only what a first result needs.
    public var remaining: Double { stopped ? 0 : max(0, (deadline - ContinuousClock.now).inSeconds) }

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

    /// A budget of `seconds` from now with the same stop signal; it may end after this one's deadline (a floor
    /// such as "at least one second for the explanation" is granted even at the end).
    public func slice(_ seconds: Double) -> TimeBudget { TimeBudget(seconds: seconds, stop: stop) }

    /// The budget that ends `seconds` before this one (and no earlier than now), with the same start and stop.
    public func reserving(_ seconds: Double) -> TimeBudget {
        let left = max(0, (deadline - ContinuousClock.now).inSeconds - max(0, seconds))
        return TimeBudget(limit: limit, start: start, deadline: ContinuousClock.now.advanced(by: .milliseconds(Int64(left * 1000))), stop: stop)
    }

    /// The same budget without its stop signal: for a step that must finish for there to be anything to keep.
    public var ignoringStop: TimeBudget { TimeBudget(limit: limit, start: start, deadline: deadline, stop: nil) }

    /// The same deadline with another stop signal: for work beside the main search that the search ends when
    /// it returns (the user's stop reaches it through the search).
    public func stopped(by signal: StopSignal) -> TimeBudget {
        TimeBudget(limit: limit, start: start, deadline: deadline, stop: signal)
    }

    /// The earlier-ending of this budget and `seconds` from now.
    public func capped(_ seconds: Double) -> TimeBudget {
        let end = ContinuousClock.now.advanced(by: .milliseconds(Int64(max(0, seconds) * 1000)))
        return TimeBudget(limit: limit, start: start, deadline: min(end, deadline), stop: stop)
    }

    private init(limit: Double, start: ContinuousClock.Instant, deadline: ContinuousClock.Instant, stop: StopSignal?) {
        self.limit = limit
        self.start = start
        self.deadline = deadline
        self.stop = stop
    }

    /// Solver options for one solve of `seconds` (as given: callers choose it from ``remaining``), with this
    /// budget's stop signal and an optional relative gap.
    public func solverOptions(_ seconds: Double, gap: Double? = nil) -> SolverOptions {
        var o = SolverOptions(timeLimit: max(0, seconds), relativeGap: gap)
        o.stop = stop
        return o
    }
}
