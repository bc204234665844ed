import STCore

/// A planning scenario: the calendar, units, courses, programs, supervisors, trainees and weights.
/// Built only by ``ScenarioLoader``, which validates every field.
public struct Scenario: Sendable {
    /// The scenario's title (`scenario:`).
    public var title: String
    public var calendar: CalendarSpec
    public var units: [UnitSpec]
    public var courses: [CourseSpec]
    public var programs: [ProgramSpec]
    public var supervisors: [SupervisorSpec]
    public var trainees: [TraineeSpec]
    public var weights: Weights
    /// The file it was read from (for messages).
    public var file: String
    /// A variant file's name (`variant:`), when the scenario is a base with a variant merged in.
    public var variant: String? = nil
    /// A variant file's `today:` (the default replan date).
    public var today: CivilDate? = nil
    /// The base scenario's path, for a variant.
    public var baseFile: String? = nil
    /// SHA-256 of the file's bytes (of the base's and then the variant's, for a variant), in hex.
    public var sourceHash: String = ""

    /// The planning grid.
    public var grid: WeekGrid { WeekGrid(start: calendar.start, count: calendar.weeks) }
    /// The home clinics (`home: true`), in file order: one in most scenarios, one per program in a region.
    public var homeUnits: [UnitSpec] { units.filter(\.home) }
    /// The home clinic of `program`: its `home:`, or the scenario's only home clinic.
    public func homeUnit(of program: ProgramSpec) -> UnitSpec {
        if let h = program.home, let u = unit(h) { return u }
        return units.first { $0.home }!
    }
    /// The home clinic of the trainee `trainee` (through its program).
    public func homeUnit(of trainee: TraineeSpec) -> UnitSpec {
        program(trainee.program).map { homeUnit(of: $0) } ?? units.first { $0.home }!
    }
    public func unit(_ id: String) -> UnitSpec? { units.first { $0.id == id } }
    public func program(_ id: String) -> ProgramSpec? { programs.first { $0.id == id } }
    public func course(_ id: String) -> CourseSpec? { courses.first { $0.id == id } }
}

/// How period plans are cut.
public enum PeriodKind: String, Sendable { case term, quarter }

/// `calendar:`
public struct CalendarSpec: Sendable {
    /// A Monday: week 0 of the grid.
    public var start: CivilDate
    /// The horizon in weeks.
    public var weeks: Int
    public var periods: PeriodKind
}

/// A yearly window `MM-DD`…`MM-DD` (may wrap over new year).
public struct YearlyWindow: Sendable, Equatable {
    public var fromMonth: Int, fromDay: Int, toMonth: Int, toDay: Int
    /// True when `date`'s month and day fall inside the window.
    public func contains(_ date: CivilDate) -> Bool {
        let v = date.month * 100 + date.day
        let a = fromMonth * 100 + fromDay
        let b = toMonth * 100 + toDay
        return a <= b ? (a <= v && v <= b) : (v >= a || v <= b)
    }
}

/// A staffing change over a period (`staffing_overrides`).
public struct StaffingOverride: Sendable {
    public var range: DateRange
    public var min: Int?
    public var target: Int?
}

/// `units[]`: the home clinic or a receiving unit.
public struct UnitSpec: Sendable {
    public var id: String
    public var name: String
    public var home: Bool
    /// Trainees needed on site per week (home clinic).
    public var staffingMin: Int
    public var staffingTarget: Int?
    public var staffingOverrides: [StaffingOverride]
    /// Rotating trainees at a time; `nil` means unlimited.
    public var capacity: Int?
    public var closed: [DateRange]
    public var startWindows: [YearlyWindow]
    /// Booking lead time in weeks (default 12).
    public var leadWeeks: Int
    public var localSupervisor: String?
    /// Places over a period instead of `capacity` (closed weeks stay closed).
    public var capacityOverrides: [CapacityOverride] = []
}

/// `units[].capacity_overrides[]`: a unit's places over a period (e.g. halved for a year).
public struct CapacityOverride: Sendable {
    public var range: DateRange
    public var capacity: Int
}

/// `courses[].sessions[]`
public struct CourseSession: Sendable {
    public var start: CivilDate
    public var days: Int
    /// Seats across the cohort; `nil` means unlimited.
    public var seats: Int?
    public var applicationDeadline: CivilDate?
    /// A cancelled session (kept in the file for the record): no one can attend it.
    public var cancelled: Bool = false
    /// The session's `days` working days (Monday–Friday) from `start` on, as days since the epoch.
    public var workingDays: Set<Int> {
        var out = Set<Int>()
        var day = start
        while out.count < days {
            if day.weekday <= 5 { out.insert(day.daysSinceEpoch) }
            day = day.adding(days: 1)
        }
        return out
    }
}

/// Whether a course is an SK-kurs (national, applied for months ahead) or a local course.
public enum CourseKind: String, Sendable { case sk, local }

/// `courses[]`
public struct CourseSpec: Sendable {
    public var id: String
    public var name: String
    public var sessions: [CourseSession]
    /// `kind: sk` gives each session an application deadline (default `local`).
    public var kind: CourseKind = .local
    /// The goals (delmål) the course serves, for the period plans.
    public var goals: [String] = []
}

/// `programs[].self_study`
public struct SelfStudySpec: Sendable {
    /// Average hours per home week in every period.
    public var hoursPerWeek: Double
    /// Gathered into full days of 8 hours.
    public var fullDays: Bool = false
    /// At most this many hours in one week (default 8).
    public var maxHoursPerWeek: Int = 8
}

/// Which regulation a program follows.
public enum Regulation: String, Sendable {
    case sosfs2015 = "SOSFS 2015:8"
    case hslf2021 = "HSLF-FS 2021:8"
    /// Counted weeks required: 260 (60 months) or 286 (66 months including BT).
    public var requiredWeeks: Int { self == .sosfs2015 ? 260 : 286 }
}

/// `vacation_in_rotation` (per program, or per rotation overriding it): whether vacation may lie inside a rotation
/// block, and what it is then.
public enum VacationInRotation: String, Sendable, CaseIterable {
    /// Vacation may lie inside a block of 8 weeks or more and counts toward the rotation's length (the default).
    case counts
    /// No vacation inside the rotation: each of its weeks is worked there.
    case forbidden
    /// Vacation inside a block of a rotation of 8 weeks or more lengthens the block: its length counts weeks worked
    /// there, and the block is that much longer (up to `max_vacation_weeks_in_block`, default 4, a summer's
    /// vacation). For a rotation in one block.
    case extends
}

/// `programs[].rotations[]`: a required side rotation.
public struct RotationSpec: Sendable {
    public var id: String
    /// Alternative units (any one of them per block).
    public var units: [String]
    /// Total length in weeks: `minWeeks…maxWeeks` (equal for a fixed length).
    public var minWeeks: Int
    public var maxWeeks: Int
    /// At most this many blocks (1: one contiguous block).
    public var splitMax: Int
    /// Each block at least this long (default: the whole length, i.e. one block).
    public var minBlockWeeks: Int?
    /// Completed before ST month `beforeMonth` starts (counted service ≤ (m − 1)… see README).
    public var beforeMonth: Double?
    /// Started no earlier than ST month `afterMonth`.
    public var afterMonth: Double?
    /// Rotation ids that must be completed first.
    public var after: [String]
    public var goals: [String]
    /// Whether vacation may lie inside the rotation (`vacation_in_rotation`, the program's unless the rotation gives its own).
    public var vacation: VacationInRotation = .counts
    /// The length the plan aims at (`weeks: {min, max, preferred}`; default the minimum): each week short of it
    /// costs `weights.rotation_short_week`. Only for a rotation in one block.
    public var preferredWeeks: Int = 0
    /// At most this many vacation weeks inside one block of the rotation (`max_vacation_weeks_in_block`, the
    /// program's unless the rotation gives its own; `nil`: as many as the block's weeks allow).
    public var maxVacationWeeksInBlock: Int? = nil
    /// Whether a block of `length` weeks of this rotation may hold vacation: 8 weeks or more, unless forbidden.
    public func holdsVacation(length: Int) -> Bool { vacation != .forbidden && length >= 8 }
    /// The vacation weeks one block may hold under `extends`: `max_vacation_weeks_in_block`, default 4.
    public var extendsBy: Int { vacation == .extends && minWeeks >= 8 ? (maxVacationWeeksInBlock ?? 4) : 0 }
}

/// `programs[].courses[]`
public struct CourseRequirement: Sendable {
    public var course: String
    public var beforeMonth: Double?
    /// Attended before the research work starts (`before: research`).
    public var beforeResearch: Bool
}

/// How research or quality work is laid out.
public enum WorkMode: String, Sendable {
    /// Whole weeks of the work, in one run.
    case block
    /// A share of each week of a run of home weeks.
    case spread
    /// Spread thinly over clinical service at the home clinic (quality work, as the guidelines prefer): a share
    /// of 0.1 a week unless `share` says otherwise.
    case integrated

    /// The share of a week the work takes in this mode (`share` given, or the mode's default).
    public func weekShare(_ share: Double?) -> Double {
        switch self {
        case .block: return 1
        case .spread: return share ?? 0.2
        case .integrated: return share ?? 0.1
        }
    }
}

/// `programs[].research`
public struct ResearchSpec: Sendable {
    public var minWeeks: Int
    public var maxWeeks: Int
    /// The length the plan aims at (`weeks: {min, max, preferred}`; default the maximum, as the supervisor
    /// manual recommends): each week short of it costs `weights.research_short_week`.
    public var preferredWeeks: Int
    public var startBeforeMonth: Double?
    public var mode: WorkMode
    public var share: Double?
}

/// `programs[].quality`
public struct QualitySpec: Sendable {
    public var weeks: Int
    public var mode: WorkMode
    public var share: Double?
}

/// `programs[].supervision`
public struct SupervisionSpec: Sendable {
    public var hours: Double
    public var everyWeeksFirstYear: Int
    public var everyWeeksAfter: Int
}

/// `programs[].vacation_earning_leave`: the days of leave a year that earn vacation as service does
/// (semesterlönegrundande frånvaro, Semesterlagen 17 §): sick leave up to 180 days, parental leave up to 120 days a
/// year by default; leave of kind `other` earns none.
public struct VacationEarningLeave: Sendable, Equatable {
    public var sickDays: Int
    public var parentalDays: Int
    /// Semesterlagen's days: 180 of sick leave, 120 of parental leave.
    public static let semesterlagen = VacationEarningLeave(sickDays: 180, parentalDays: 120)
    public init(sickDays: Int, parentalDays: Int) {
        self.sickDays = sickDays
        self.parentalDays = parentalDays
    }
}

/// `programs[].goals[]`: a goal (delmål) of the program, e.g. `{ id: c1, name: "Medicinsk kompetens 1" }`.
public struct GoalSpec: Sendable {
    public var id: String
    public var name: String
    public init(id: String, name: String) { self.id = id; self.name = name }
}

/// `programs[].bt` (HSLF-FS 2021:8 basic training block).
public struct BTSpec: Sendable {
    /// The BT block's length in ST time (at least 26 weeks).
    public var weeks: Int
    /// The rotations that lie inside the BT block.
    public var rotations: [String]
    /// Whether `credited_weeks` count toward the BT block (`count_credited`, default `false`): credited service
    /// shortens the ST and moves every month rule, but the BT block is served in this ST unless the scenario says
    /// so; a BT credited as a whole is `done: [bt]`.
    public var countCredited: Bool
    public init(weeks: Int, rotations: [String], countCredited: Bool = false) {
        self.weeks = weeks
        self.rotations = rotations
        self.countCredited = countCredited
    }
}

/// `programs[]`
public struct ProgramSpec: Sendable {
    public var id: String
    public var name: String
    public var regulation: Regulation
    public var rotations: [RotationSpec]
    public var courses: [CourseRequirement]
    public var maxCoursesPerTerm: Int?
    public var research: ResearchSpec?
    public var quality: QualitySpec?
    public var selfStudy: SelfStudySpec?
    public var supervision: SupervisionSpec?
    public var vacationWeeksPerYear: Int?
    public var completionBufferWeeks: Int
    public var bt: BTSpec?
    /// `introduction_weeks` (default 4): the protected introduction at the home clinic at the start of an ST that
    /// begins inside the calendar, with no vacation, course, rotation, research or quality work in it.
    public var introductionWeeks: Int = 4
    /// `goals`: the program's goals (delmål), each served by rotations and courses that name it.
    public var goals: [GoalSpec] = []
    /// `vacation_earning_leave` (default Semesterlagen's 180 days of sick and 120 of parental leave a year).
    public var vacationEarningLeave: VacationEarningLeave = .semesterlagen
    /// The home clinic whose staffing the program's trainees serve (`home:`); needed when the scenario has more
    /// than one home clinic (a region), else the only one.
    public var home: String? = nil
    public func rotation(_ id: String) -> RotationSpec? { rotations.first { $0.id == id } }
}

/// `supervisors[]`
public struct SupervisorSpec: Sendable {
    public var id: String
    public var name: String
    public var hoursPerMonth: Double
}

/// Why a trainee is away.
public enum LeaveKind: String, Sendable { case parental, sick, other }

/// `trainees[].leave[]`: not counted as ST time.
public struct LeaveSpec: Sendable {
    public var range: DateRange
    public var kind: LeaveKind
}

/// `trainees[].preferences[]` (soft).
public struct PreferenceSpec: Sendable {
    public var rotation: String
    public var notBefore: CivilDate?
    public var notAfter: CivilDate?
    public var unit: String?
}

/// `trainees[].pins[]` (hard): rotation `rotation` starts in the week of `start` (at `unit` when given). The
/// workbench writes these when a block is pinned; the planner keeps them like any other rule.
public struct PinSpec: Sendable, Equatable {
    public var rotation: String
    public var start: CivilDate
    public var unit: String?
    public init(rotation: String, start: CivilDate, unit: String? = nil) {
        self.rotation = rotation
        self.start = start
        self.unit = unit
    }
}

/// `trainees[].forbidden[]` (hard): no rotation at `unit` in a week touching `range` (working days, as closures).
public struct ForbiddenSpec: Sendable, Equatable {
    public var unit: String
    public var range: DateRange
    public init(unit: String, range: DateRange) {
        self.unit = unit
        self.range = range
    }
}

/// `trainees[]`
public struct TraineeSpec: Sendable {
    public var id: String
    public var name: String
    public var program: String
    public var start: CivilDate
    public var supervisor: String?
    /// Employment rate (0 < e ≤ 1); each week counts e.
    public var employment: Double
    public var leave: [LeaveSpec]
    /// Credited service (tillgodoräknad tjänstgöring), in weeks.
    public var creditedWeeks: Int
    /// Rotation or course ids already completed.
    public var done: [String]
    public var preferences: [PreferenceSpec]
    /// Extra weeks of service required (e.g. after an action plan).
    public var extensionWeeks: Int
    /// Rotations pinned to a start week, and units forbidden in a period (both hard).
    public var pins: [PinSpec] = []
    public var forbidden: [ForbiddenSpec] = []
}

/// `weights:` the objective's weights.
public struct Weights: Sendable, Equatable {
    /// Per week of extension beyond the earliest possible completion.
    public var extensionWeek: Double = 1000
    /// Per trainee-week of home staffing below `min`.
    public var staffingShortage: Double = 100
    /// Per trainee-week of home staffing below `target`.
    public var staffingBelowTarget: Double = 5
    /// Per week a preference is not met.
    public var preference: Double = 10
    /// Per week the research is shorter than its preferred length.
    public var researchShortWeek: Double = 10
    /// A week a rotation is shorter than its preferred length (`rotations[].weeks.preferred`).
    public var rotationShortWeek: Double = 10
    public init() {}
}
