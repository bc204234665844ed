// The Swedish working calendar: public holidays (lag 1989:253 om allmänna helgdagar) and the eves that are
// treated as days off (midsommarafton, julafton, nyårsafton), computed for any year.

/// Swedish public holidays and working days.
///
/// A **working day** is Monday–Friday and not a day off: the public holidays of lag (1989:253) om allmänna
/// helgdagar that fall on a weekday (nyårsdagen, trettondedag jul, långfredagen, annandag påsk, första maj,
/// Kristi himmelsfärdsdag, nationaldagen, juldagen, annandag jul; påskdagen, pingstdagen, midsommardagen and alla
/// helgons dag are always weekend days) and the three eves that clinics and course providers treat as days off:
/// midsommarafton, julafton and nyårsafton.
public enum SwedishCalendar {
    /// Easter Sunday of `year` (Gregorian; the anonymous "Meeus/Jones/Butcher" computus).
    public static func easterSunday(_ year: Int) -> CivilDate {
        let a = year % 19, b = year / 100, c = year % 100
        let d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4, k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CivilDate(year: year, month: month, day: day)!
    }

    /// Every day off of `year` with its Swedish name, in date order (weekend holidays included).
    public static func daysOff(_ year: Int) -> [(date: CivilDate, name: String)] {
        let easter = easterSunday(year)
        func date(_ m: Int, _ d: Int) -> CivilDate { CivilDate(year: year, month: m, day: d)! }
        /// The first `weekday` (ISO) on or after `from`.
        func first(_ weekday: Int, onOrAfter from: CivilDate) -> CivilDate { from.adding(days: (weekday - from.weekday + 7) % 7) }
        let midsummerEve = first(5, onOrAfter: date(6, 19))
        let days: [(CivilDate, String)] = [
            (date(1, 1), "nyårsdagen"),
            (date(1, 6), "trettondedag jul"),
            (easter.adding(days: -2), "långfredagen"),
            (easter, "påskdagen"),
            (easter.adding(days: 1), "annandag påsk"),
            (date(5, 1), "första maj"),
            (easter.adding(days: 39), "Kristi himmelsfärdsdag"),
            (easter.adding(days: 49), "pingstdagen"),
            (date(6, 6), "nationaldagen"),
            (midsummerEve, "midsommarafton"),
            (midsummerEve.adding(days: 1), "midsommardagen"),
            (first(6, onOrAfter: date(10, 31)), "alla helgons dag"),
            (date(12, 24), "julafton"),
            (date(12, 25), "juldagen"),
            (date(12, 26), "annandag jul"),
            (date(12, 31), "nyårsafton"),
        ]
        return days.sorted { $0.0 < $1.0 }.map { (date: $0.0, name: $0.1) }
    }

    /// The day off's name when `date` is one (a public holiday or one of the three eves), else `nil`. Weekends
    /// that are no holiday give `nil`.
    public static func dayOffName(_ date: CivilDate) -> String? {
        // Only a handful of days a year can be holidays; answer the common case without building the year.
        guard date.month != 7, date.month != 8, date.month != 9, date.month != 2 else { return nil }
        return daysOff(date.year).first { $0.date == date }?.name
    }

    /// True on Monday–Friday that are not a day off.
    public static func isWorkingDay(_ date: CivilDate) -> Bool { date.weekday <= 5 && dayOffName(date) == nil }

    /// `date` when it is a working day, else the last working day before it (a deadline on a day off is due the
    /// working day before, so that it is never missed).
    public static func workingDay(onOrBefore date: CivilDate) -> CivilDate {
        var d = date
        while !isWorkingDay(d) { d = d.adding(days: -1) }
        return d
    }

    /// The working days of the week that starts on `monday`, Monday first.
    public static func workingDays(ofWeekStarting monday: CivilDate) -> [CivilDate] {
        (0..<5).map { monday.adding(days: $0) }.filter(isWorkingDay)
    }
}
