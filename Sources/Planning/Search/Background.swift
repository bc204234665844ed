import Dispatch
import Foundation

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

/// Frees large values on a thread of their own, a second after they are handed over. Freeing the full model of
/// a 160-trainee cohort (9 M terms in 640 000 rows) takes about a second, which the user would otherwise wait for
/// between the end of the search and the writing of the plan. The caller drops its own references within that
/// second (it returns), so the last reference, and the freeing, is this thread's.
enum Reclaimer {
    /// Keeps `value` alive on a background thread for a second, then lets it go there.
    static func release<T>(_ value: T) {
        let box = Box(value)
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 1)
            withExtendedLifetime(box) {}
        }
    }

    private final class Box<T>: @unchecked Sendable {
        let value: T
        init(_ value: T) { self.value = value }
    }
}
