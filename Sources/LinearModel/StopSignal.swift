import Foundation

/// A request to stop, made from another thread (a signal handler, a cancel button) and read by solves and search
/// loops: a solver that sees it ends its search and returns the best solution it has.
public final class StopSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false
    public init() {}
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
    /// True once ``request()`` has been called.
    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }
}
