import Foundation

/// A request to stop, made from another thread (a signal handler, a cancel button) and read by solves and search
/// loops: a solver that sees it ends its search and returns the best solution it has.
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    /// A signal whose request this one also answers to (the user's stop, for a signal of the program's own).
    private let parent: StopSignal?
    /// A signal of its own; with `parent`, also requested whenever the parent is.
    public init(parent: StopSignal? = nil) { self.parent = parent }
    /// Asks every solve and loop that holds this signal to stop.
    public func request() {
        lock.lock()
        requested = true
        lock.unlock()
    }
    /// Calls ``request()`` `seconds` from now, from a thread of its own (not Dispatch's shared pool, which the
    /// solves beside it can keep busy: a stop scheduled there for 2 s came at 13 s under load).
    public func request(after seconds: Double) {
        Thread.detachNewThread { [self] in
            Thread.sleep(forTimeInterval: max(0, seconds))
            request()
        }
    }
    /// True once ``request()`` has been called, on this signal or its parent.
    public var isRequested: Bool {
        lock.lock()
        let own = requested
        lock.unlock()
        return own || parent?.isRequested == true
    }
}

/// A work clock for reproducible runs: solves add the work they did, in *work seconds* (an estimate of the
/// seconds GLPK takes on the reference machine, computed from the model's size, the simplex iterations, the
/// branch-and-bound nodes and branching candidates, never from a clock), and budgets read it instead of the wall
/// clock. The same model, options and work limit then stop GLPK at the same point under any load, with the same
/// binary and GLPK build (another CPU or build may round floating point differently).
public final class WorkMeter: @unchecked Sendable {
    private let lock = NSLock()
    private var total: Double
    /// A meter at `spent` work seconds (0 for a new run; a fork starts where its parent is).
    public init(spent: Double = 0) { total = spent }
    /// Adds `seconds` of work (negative or non-finite amounts add nothing).
    public func charge(_ seconds: Double) {
        guard seconds.isFinite, seconds > 0 else { return }
        lock.lock()
        total += seconds
        lock.unlock()
    }
    /// The work seconds charged so far.
    public var spent: Double {
        lock.lock()
        defer { lock.unlock() }
        return total
    }
}
