import Foundation
import ScenarioFormat
import STCore

/// What the pages read again and again, kept while its file is unchanged: a plan file (written once by its run) and a
/// scenario file's validation (a whole scenario: an overlay also depends on its base, so overlays are not kept).
/// A 60-trainee plan page decoded plan.json and validated the scenario on every request (177 ms median, measured
/// by Benchmarks/workbench-pages.py); from the cache it only renders.
final class PageCache: @unchecked Sendable {
    static let shared = PageCache()
    private let lock = NSLock()
    private var plans: [String: (stamp: Stamp, plan: Plan)] = [:]
    private var scenarios: [String: (text: String, loaded: Pages.Loaded)] = [:]
    /// How many of each are kept (the oldest goes first).
    static let capacity = 16
    private var planOrder: [String] = []
    private var scenarioOrder: [String] = []

    /// A file's modification time and size.
    struct Stamp: Equatable {
        var modified: Date
        var size: Int
        init?(_ path: String) {
            guard let a = try? FileManager.default.attributesOfItem(atPath: path),
                  let m = a[.modificationDate] as? Date, let s = a[.size] as? Int else { return nil }
            modified = m
            size = s
        }
    }

    /// The plan in `path`, decoded once while the file stays the same.
    func plan(_ path: String) -> Plan? {
        guard let stamp = Stamp(path) else { return nil }
        if let hit = lock.withLock({ plans[path] }), hit.stamp == stamp { return hit.plan }
        guard let data = FileManager.default.contents(atPath: path), let plan = try? PlanFile.decode(data) else { return nil }
        lock.withLock {
            if plans[path] == nil { planOrder.append(path) }
            plans[path] = (stamp, plan)
            while planOrder.count > Self.capacity { plans[planOrder.removeFirst()] = nil }
        }
        return plan
    }

    /// The validation of `text` at `path`, from the cache when the same text was validated there before.
    func loaded(_ text: String, path: String, _ make: () -> Pages.Loaded) -> Pages.Loaded {
        if let hit = lock.withLock({ scenarios[path] }), hit.text == text { return hit.loaded }
        let loaded = make()
        // An overlay's result depends on its base too: not kept.
        guard ScenarioLoader.declaredBase(data: Data(text.utf8)) == nil else { return loaded }
        lock.withLock {
            if scenarios[path] == nil { scenarioOrder.append(path) }
            scenarios[path] = (text, loaded)
            while scenarioOrder.count > Self.capacity { scenarios[scenarioOrder.removeFirst()] = nil }
        }
        return loaded
    }
}
