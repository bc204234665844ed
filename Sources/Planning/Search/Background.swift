import Dispatch

/// Work started at once on another thread; ``value()`` waits for its result. The planner builds the full model
/// this way while the construction places trainees, so the first plan does not wait for the bound's model.
final class Background<T: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var result: Result<T, any Error>?

    init(_ work: @escaping @Sendable () throws -> T) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result { try work() }
            done.signal()
        }
    }

    /// The work's result, waiting for it; it rethrows the work's error. The result is read only after the
    /// semaphore has passed, which orders it after the worker's write.
    func value() throws -> T {
        done.wait()
        defer { done.signal() }  // later callers pass at once
        return try result!.get()
    }
}
