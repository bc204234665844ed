import STCore
import Testing

/// The Swedish working calendar against published dates (Svenska kyrkans almanacka, Riksdagens helgdagslag).
@Suite("Swedish calendar")
struct SwedishCalendarTests {
    static func d(_ s: String) -> CivilDate { CivilDate(iso: s)! }

    @Test("Easter Sunday on its published dates, the earliest and latest possible included")
    func easter() {
        let published = ["1818-03-22", "1943-04-25", "2000-04-23", "2019-04-21", "2024-03-31", "2025-04-20", "2026-04-05", "2027-03-28",
                         "2028-04-16", "2029-04-01", "2030-04-21", "2031-04-13", "2032-03-28", "2033-04-17", "2034-04-09", "2035-03-25", "2038-04-25"]
        for s in published { #expect(SwedishCalendar.easterSunday(Self.d(s).year) == Self.d(s), "\(s)") }
    }

    @Test("the days off of 2027 and 2028: movable holidays, midsummer, All Saints, the eves")
    func daysOff() {
        let y2027 = SwedishCalendar.daysOff(2027).map { "\($0.date) \($0.name)" }
        #expect(y2027 == ["2027-01-01 nyårsdagen", "2027-01-06 trettondedag jul", "2027-03-26 långfredagen", "2027-03-28 påskdagen",
                          "2027-03-29 annandag påsk", "2027-05-01 första maj", "2027-05-06 Kristi himmelsfärdsdag", "2027-05-16 pingstdagen",
                          "2027-06-06 nationaldagen", "2027-06-25 midsommarafton", "2027-06-26 midsommardagen", "2027-11-06 alla helgons dag",
                          "2027-12-24 julafton", "2027-12-25 juldagen", "2027-12-26 annandag jul", "2027-12-31 nyårsafton"])
        #expect(SwedishCalendar.dayOffName(Self.d("2028-06-23")) == "midsommarafton")
        #expect(SwedishCalendar.dayOffName(Self.d("2028-05-25")) == "Kristi himmelsfärdsdag")
        #expect(SwedishCalendar.dayOffName(Self.d("2026-10-31")) == "alla helgons dag")
        #expect(SwedishCalendar.dayOffName(Self.d("2028-06-22")) == nil)
    }

    @Test("working days: weekends and days off are not; a deadline on one moves to the working day before")
    func workingDays() {
        #expect(SwedishCalendar.isWorkingDay(Self.d("2027-05-03")))
        #expect(!SwedishCalendar.isWorkingDay(Self.d("2027-05-08")))
        #expect(!SwedishCalendar.isWorkingDay(Self.d("2030-12-24")))
        // 1 May 2027 is a Saturday, 1 May 2028 a Monday: the SK autumn deadline is the Friday before, 30 and 28 April.
        #expect(SwedishCalendar.workingDay(onOrBefore: Self.d("2027-05-01")) == Self.d("2027-04-30"))
        #expect(SwedishCalendar.workingDay(onOrBefore: Self.d("2028-05-01")) == Self.d("2028-04-28"))
        // Easter week 2027: Monday 29 March is annandag påsk.
        #expect(SwedishCalendar.workingDays(ofWeekStarting: Self.d("2027-03-29")).map(\.description) == ["2027-03-30", "2027-03-31", "2027-04-01", "2027-04-02"])
        // Christmas week 2028: 25 and 26 December are Monday and Tuesday, 24 a Sunday; 29 is a working day.
        #expect(SwedishCalendar.workingDays(ofWeekStarting: Self.d("2028-12-25")).map(\.description) == ["2028-12-27", "2028-12-28", "2028-12-29"])
    }
}
