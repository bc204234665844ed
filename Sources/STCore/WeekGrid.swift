// The planning grid: consecutive Monday-based weeks from the calendar start.

/// The weekly planning grid: week 0 starts on `start` (a Monday), and there are `count` weeks.
public struct WeekGrid: Hashable, Sendable {
    /// The Monday of week 0.
    public let start: CivilDate
    /// The number of weeks in the horizon.
    public let count: Int

    /// A grid of `count` weeks from the Monday `start`.
    public init(start: CivilDate, count: Int) {
        self.start = start
        self.count = count
    }

    /// The Monday of week `w`.
    public func monday(_ w: Int) -> CivilDate { start.adding(days: 7 * w) }

    /// The week that contains `date` (may be negative or ≥ count when outside the horizon).
    public func week(containing date: CivilDate) -> Int {
        let d = start.days(to: date)
        return d >= 0 ? d / 7 : -((-d + 6) / 7)
    }

    /// The first week whose Monday is on or after `date`.
    public func firstWeek(onOrAfter date: CivilDate) -> Int {
        let d = start.days(to: date)
        return d <= 0 ? -((-d) / 7) : (d + 6) / 7
    }

    /// The weeks of the grid whose working days (Monday–Friday) the range touches.
    public func weeks(touching range: DateRange) -> Range<Int> {
        let first = max(0, week(containing: range.from) + (range.from.weekday >= 6 ? 1 : 0))
        let last = min(count - 1, week(containing: range.to))
        return first <= last ? first..<(last + 1) : 0..<0
    }

    /// All weeks.
    public var indices: Range<Int> { 0..<count }
}

/// ST-time arithmetic: "month m" is reached when counted service reaches m × 52/12 weeks.
public enum STTime {
    /// Weeks of counted service in one ST month (52/12).
    public static let weeksPerMonth = 52.0 / 12.0

    /// Counted weeks that make `months` ST months: 60 → 260, 66 → 286, 3 → 13.
    public static func weeks(months: Double) -> Double { months * weeksPerMonth }

    /// Whole weeks for a length given in months, rounded to the nearest week (3 months = 13 weeks).
    public static func wholeWeeks(months: Double) -> Int { Int((months * weeksPerMonth).rounded()) }

    /// The ST month (1-based) a trainee is in after `counted` weeks of service.
    public static func month(afterCounted counted: Double) -> Int { Int((counted / weeksPerMonth + 1e-9).rounded(.down)) + 1 }
}
