import STCore

// The checker's own Swedish calendar: the planner's holidays are computed again here with another Easter
// algorithm, so that a mistake in one shows as a broken rule instead of passing on both sides.
extension PlanChecker {
    /// Easter Sunday by the Lilius–Clavius rule as Knuth states it (TAOCP 1.3.2, exercise 14).
    static func easter(_ year: Int) -> CivilDate {
        let golden = year % 19 + 1
        let century = year / 100 + 1
        let x = 3 * century / 4 - 12
        let z = (8 * century + 5) / 25 - 5
        let d = 5 * year / 4 - x - 10
        var epact = (11 * golden + 20 + z - x) % 30
        if (epact == 25 && golden > 11) || epact == 24 { epact += 1 }
        var n = 44 - epact
        if n < 21 { n += 30 }
        n = n + 7 - (d + n) % 7
        return n > 31 ? CivilDate(year: year, month: 4, day: n - 31)! : CivilDate(year: year, month: 3, day: n)!
    }

    /// The name of the day off on `date` (public holidays, midsommarafton, julafton, nyårsafton), or `nil`.
    static func dayOff(_ date: CivilDate) -> String? {
        let (m, d) = (date.month, date.day)
        switch (m, d) {
        case (1, 1): return "nyårsdagen"
        case (1, 6): return "trettondedag jul"
        case (5, 1): return "första maj"
        case (6, 6): return "nationaldagen"
        case (12, 24): return "julafton"
        case (12, 25): return "juldagen"
        case (12, 26): return "annandag jul"
        case (12, 31): return "nyårsafton"
        default: break
        }
        // Midsommarafton is the Friday of 19–25 June, midsommardagen the Saturday of 20–26 June, alla helgons dag
        // the Saturday of 31 October–6 November.
        if m == 6, (19...25).contains(d), date.weekday == 5 { return "midsommarafton" }
        if m == 6, (20...26).contains(d), date.weekday == 6 { return "midsommardagen" }
        if ((m == 10 && d == 31) || (m == 11 && d <= 6)) && date.weekday == 6 { return "alla helgons dag" }
        switch easter(date.year).days(to: date) {
        case -2: return "långfredagen"
        case 0: return "påskdagen"
        case 1: return "annandag påsk"
        case 39: return "Kristi himmelsfärdsdag"
        case 49: return "pingstdagen"
        default: return nil
        }
    }

    /// What keeps `date` from being a working day ("a Saturday", "midsommarafton"), or `nil` on a working day.
    static func notWorking(_ date: CivilDate) -> String? {
        if let name = dayOff(date) { return name }
        return date.weekday == 6 ? "a Saturday" : date.weekday == 7 ? "a Sunday" : nil
    }

    /// `date`, or the last working day before it.
    static func lastWorkingDay(onOrBefore date: CivilDate) -> CivilDate {
        var d = date
        while notWorking(d) != nil { d = d.adding(days: -1) }
        return d
    }
}
