/// The range of every number in the scenario format (the README's table of bounds). The loader refuses a value
/// outside its range at its key, so that nothing downstream (week arithmetic, dates, the model's sizes) can
/// overflow or grow without end.
public enum Bounds {
    /// The longest planning horizon, `calendar.weeks` (23 years); every length in weeks is at most this.
    public static let horizonWeeks = 1200
    /// A length in months (`months:`): the horizon's.
    public static let months = 276.0
    /// A unit's places, staffing and a course session's seats.
    public static let places = 10_000
    /// A unit's booking lead time (`lead_weeks`, two years).
    public static let leadWeeks = 104
    /// Weeks kept free at the end of an ST (`completion_buffer_weeks`, two years).
    public static let bufferWeeks = 104
    /// Weeks of one year (vacation per year, the introduction, supervision intervals, a block's vacation).
    public static let yearWeeks = 52
    /// Days of one year (`vacation_earning_leave`).
    public static let yearDays = 366
    /// Working days of one course session.
    public static let courseDays = 60
    /// Blocks of one rotation (`split_max`) and courses a term (`max_courses_per_term`).
    public static let count = 100
    /// Hours in a week or a month of supervision and self-study.
    public static let weekHours = 40.0
    /// A weight of the objective (`weights.*`).
    public static let weight = 1_000_000.0
    /// Characters of a name or any other text.
    public static let textCharacters = 200
    /// Characters of a variant's `base:` path and `description:`.
    public static let longTextCharacters = 4096
    /// Items of all lists of one file together, aliases expanded (a region of 2 000 trainees with their leave,
    /// courses and preferences needs some tens of thousands).
    public static let itemsInAll = 100_000
    /// Items of any other list (units, courses, sessions, rotations, goals, preferences…).
    public static let listItems = 10_000
    /// Trainees in one scenario.
    public static let trainees = 2_000
    /// Leave periods of one trainee, and of all trainees together.
    public static let leavePerTrainee = 200
    public static let leaveTotal = 20_000
    /// The years a date may lie in: a calendar of the longest horizon from the last of them still has ISO weeks
    /// of four-digit years.
    public static let years = 1900...2200
}
