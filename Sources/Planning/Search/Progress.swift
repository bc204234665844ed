import Foundation
import STCore

/// What a planning run is doing, updated by the planner and read from another thread (the command line prints it
/// every few seconds; a web page could poll it).
public final class PlanningProgress: @unchecked Sendable {
    /// The planner's stages, in order.
    public enum Phase: String, Sendable {
        case construction, bound, improvement, calendar, done
        /// The stage's name in plain Swedish or English.
        public func name(english: Bool) -> String {
            switch self {
            case .construction: english ? "construction" : "konstruktion"
            case .bound: english ? "bound" : "gräns"
            case .improvement: english ? "improvement" : "förbättring"
            case .calendar: english ? "calendar" : "kalender"
            case .done: english ? "done" : "klar"
            }
        }
    }
    /// One reading of the progress.
    public struct Snapshot: Sendable, Equatable {
        public var phase: Phase = .construction
        public var placed = 0
        public var trainees = 0
        /// The best plan's objective so far, and the best proven lower bound.
        public var objective: Double?
        public var bound: Double?
        public var gap: Double? {
            guard let o = objective, let b = bound, o.isFinite, b.isFinite else { return nil }
            return abs(o - b) / max(1e-9, abs(o))
        }
    }

    private let lock = NSLock()
    private var current = Snapshot()
    public init() {}

    /// The latest reading.
    public var snapshot: Snapshot {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// Changes the reading under the lock.
    func update(_ change: (inout Snapshot) -> Void) {
        lock.lock()
        change(&current)
        lock.unlock()
    }

    /// One progress line, e.g. `[12 s] förbättring: 6/6 placerade, målfunktion 121633,1, gräns 14315,2, gap 88,2 %, 48 s kvar`
    /// (a decimal comma in Swedish, a point in English).
    public func line(elapsed: Double, left: Double, english: Bool) -> String {
        let s = snapshot
        func n(_ v: Double?) -> String { v.map { Self.decimal($0, english: english) } ?? "–" }
        let gap = s.gap.map { Self.decimal(100 * $0, english: english) + " %" } ?? "–"
        let time = String(format: "[%.0f s]", elapsed)
        let rest = String(format: "%.0f s", max(0, left))
        return english
            ? "\(time) \(s.phase.name(english: true)): \(s.placed)/\(s.trainees) placed, objective \(n(s.objective)), bound \(n(s.bound)), gap \(gap), \(rest) left"
            : "\(time) \(s.phase.name(english: false)): \(s.placed)/\(s.trainees) placerade, målfunktion \(n(s.objective)), gräns \(n(s.bound)), gap \(gap), \(rest) kvar"
    }

    /// The latest reading as one line of JSON (``Reading``), for a program that follows the run (the workbench
    /// reads these from `stplan plan --progress json`).
    public func json(elapsed: Double, left: Double) -> String {
        let s = snapshot
        let reading = Reading(phase: s.phase.rawValue, placed: s.placed, trainees: s.trainees,
                              objective: s.objective.flatMap { $0.isFinite ? ($0 * 10).rounded() / 10 : nil },
                              bound: s.bound.flatMap { $0.isFinite ? ($0 * 10).rounded() / 10 : nil },
                              elapsed: (elapsed * 10).rounded() / 10, left: (max(0, left) * 10).rounded() / 10)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return Reading.prefix + String(decoding: (try? encoder.encode(reading)) ?? Data("{}".utf8), as: UTF8.self)
    }

    /// One reading of a run as another program sees it: `stplan-progress {"bound":…,"elapsed":…,…}`.
    public struct Reading: Codable, Sendable, Equatable {
        /// What starts each progress line of JSON, so that it stands out from the rest of standard error.
        public static let prefix = "stplan-progress "
        /// The stage, as ``Phase``'s raw value (`construction`, `bound`, `improvement`, `calendar`, `done`).
        public var phase: String
        /// Trainees placed so far, of all.
        public var placed: Int
        public var trainees: Int
        /// The best plan's objective and the best proven lower bound, when there are any.
        public var objective: Double?
        public var bound: Double?
        /// Seconds since the run started, and seconds left of its limit.
        public var elapsed: Double
        public var left: Double
        /// Reads a line of ``prefix`` and JSON; nil for any other line.
        public static func parse(_ line: String) -> Reading? {
            guard line.hasPrefix(prefix) else { return nil }
            return try? JSONDecoder().decode(Reading.self, from: Data(line.dropFirst(prefix.count).utf8))
        }
        /// The relative gap between objective and bound, when both are known.
        public var gap: Double? {
            guard let o = objective, let b = bound else { return nil }
            return abs(o - b) / max(1e-9, abs(o))
        }
        public init(phase: String, placed: Int, trainees: Int, objective: Double?, bound: Double?, elapsed: Double, left: Double) {
            self.phase = phase; self.placed = placed; self.trainees = trainees
            self.objective = objective; self.bound = bound; self.elapsed = elapsed; self.left = left
        }
    }

    /// `x` with one decimal: `12,5` in Swedish, `12.5` in English.
    public static func decimal(_ x: Double, english: Bool) -> String {
        let s = String(format: "%.1f", x)
        return english ? s : s.replacingOccurrences(of: ".", with: ",")
    }
}
