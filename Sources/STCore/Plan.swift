// The plan file (plan.json, format stplan-plan/1): the contract between the planner and every later tool.

/// What a trainee does in one week of the grid.
public enum Activity: String, Codable, Sendable, CaseIterable, Comparable {
    case beforeStart = "before-start"
    case home
    case rotation
    case course
    case research
    case quality
    case vacation
    case leave
    case buffer
    case afterEnd = "after-end"

    public static func < (a: Activity, b: Activity) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    /// True for the activities that are part of the trainee's ST (everything but before-start and after-end).
    public var isInST: Bool { self != .beforeStart && self != .afterEnd }
}

/// A plan: what every trainee does every week, and the load it puts on units and the home clinic.
public struct Plan: Codable, Sendable, Equatable {
    /// Always `stplan-plan/1`.
    public var format: String = Plan.formatName
    /// The scenario's title.
    public var scenario: String
    public var calendar: CalendarInfo
    public var solve: SolveInfo
    public var trainees: [TraineePlan]
    public var units: [UnitLoad]
    public var staffing: [Staffing]
    /// Display names and settings the reports need (units, courses, supervisors); absent in older plan files.
    public var catalog: Catalog?
    /// Where the plan came from: the scenario's hash and the chain of replans; absent in older plan files.
    public var history: History?

    /// The format name this build writes and reads.
    public static let formatName = "stplan-plan/1"

    public init(scenario: String, calendar: CalendarInfo, solve: SolveInfo, trainees: [TraineePlan], units: [UnitLoad], staffing: [Staffing]) {
        self.scenario = scenario
        self.calendar = calendar
        self.solve = solve
        self.trainees = trainees
        self.units = units
        self.staffing = staffing
    }

    /// The planning grid.
    public struct CalendarInfo: Codable, Sendable, Equatable {
        /// Monday of week 0.
        public var start: CivilDate
        /// Number of weeks.
        public var weeks: Int
        /// How period plans are cut: `term` (VT January–June, HT July–December) or `quarter`.
        public var periods: String?
        public init(start: CivilDate, weeks: Int, periods: String? = nil) {
            self.start = start
            self.weeks = weeks
            self.periods = periods
        }
        /// The grid these describe.
        public var grid: WeekGrid { WeekGrid(start: start, count: weeks) }
    }

    /// How the solve went.
    public struct SolveInfo: Codable, Sendable, Equatable {
        /// optimal, feasible, infeasible, unbounded, time-limit or error.
        public var status: String
        public var objective: Double?
        public var bound: Double?
        public var gap: Double?
        public var seconds: Double
        /// Each objective term's value (key: term name), when the planner reports them.
        public var terms: [String: Double]?
        public init(status: String, objective: Double?, bound: Double?, gap: Double?, seconds: Double, terms: [String: Double]? = nil) {
            self.status = status
            self.objective = objective
            self.bound = bound
            self.gap = gap
            self.seconds = seconds
            self.terms = terms
        }
    }

    /// One trainee's plan.
    public struct TraineePlan: Codable, Sendable, Equatable {
        public var id: String
        /// Display name (older plan files: absent).
        public var name: String?
        /// The main supervisor's id.
        public var supervisor: String?
        public var program: String
        /// The trainee's ST start (may be before the calendar).
        public var start: CivilDate
        /// Counted weeks the program requires (260 or 286) less credited weeks.
        public var requiredWeeks: Int
        /// Credited service (`credited_weeks`), when there is any: it counts as served, so it moves the ST clock
        /// (``clockBefore``) from the start. Older plan files: absent.
        public var creditedWeeks: Int?
        /// Counted weeks at completion, including weeks served before the calendar.
        public var countedWeeks: Double
        /// The Monday after the last week in ST, or `nil` when the ST does not end within the horizon.
        public var completion: CivilDate?
        public var extensionWeeks: Int
        /// One entry per calendar week, in order.
        public var weeks: [WeekEntry]
        /// Maximal runs of the same activity and unit, in order.
        public var blocks: [Block]
        public init(id: String, name: String? = nil, supervisor: String? = nil, program: String, start: CivilDate, requiredWeeks: Int, countedWeeks: Double, completion: CivilDate?, extensionWeeks: Int, weeks: [WeekEntry], blocks: [Block]) {
            self.id = id
            self.name = name
            self.supervisor = supervisor
            self.program = program
            self.start = start
            self.requiredWeeks = requiredWeeks
            self.countedWeeks = countedWeeks
            self.completion = completion
            self.extensionWeeks = extensionWeeks
            self.weeks = weeks
            self.blocks = blocks
        }
    }

    /// One week of one trainee.
    public struct WeekEntry: Codable, Sendable, Equatable {
        /// The week's Monday.
        public var week: CivilDate
        public var activity: Activity
        /// Set for `home` and `rotation`.
        public var unit: String?
        /// ST time credited this week (employment rate; 0 on leave and outside ST).
        public var counts: Double
        public var courses: [String]
        /// Share of the week (0…1) on research.
        public var research: Double
        /// Share of the week (0…1) on quality work.
        public var quality: Double
        /// The planned rotation (requirement id) for `rotation` weeks.
        public var rotation: String?
        /// Self-study hours planned this week (whole hours).
        public var selfStudyHours: Int
        /// Hours with the main supervisor this week (meetings and follow-ups).
        public var supervisionHours: Double
        /// Meetings, assessments, deadlines and other dated events in this week (deadlines before the grid sit
        /// in its first week, after it in its last).
        public var events: [Event]
        /// Goals of the rotation and courses of this week.
        public var goals: [String]
        /// The leave's kind for `leave` weeks: `parental`, `sick` or `other` (absent in older plans).
        public var leave: String?
        public init(week: CivilDate, activity: Activity, unit: String? = nil, counts: Double, courses: [String] = [], research: Double = 0, quality: Double = 0, rotation: String? = nil,
                    selfStudyHours: Int = 0, supervisionHours: Double = 0, events: [Event] = [], goals: [String] = []) {
            self.week = week
            self.activity = activity
            self.unit = unit
            self.counts = counts
            self.courses = courses
            self.research = research
            self.quality = quality
            self.rotation = rotation
            self.selfStudyHours = selfStudyHours
            self.supervisionHours = supervisionHours
            self.events = events
            self.goals = goals
        }
        enum CodingKeys: String, CodingKey {
            case week, activity, unit, counts, courses, research, quality, rotation, selfStudyHours, supervisionHours, events, goals, leave
        }
        public init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            week = try c.decode(CivilDate.self, forKey: .week)
            activity = try c.decode(Activity.self, forKey: .activity)
            unit = try c.decodeIfPresent(String.self, forKey: .unit)
            counts = try c.decode(Double.self, forKey: .counts)
            courses = try c.decode([String].self, forKey: .courses)
            research = try c.decode(Double.self, forKey: .research)
            quality = try c.decode(Double.self, forKey: .quality)
            rotation = try c.decodeIfPresent(String.self, forKey: .rotation)
            selfStudyHours = try c.decodeIfPresent(Int.self, forKey: .selfStudyHours) ?? 0
            supervisionHours = try c.decodeIfPresent(Double.self, forKey: .supervisionHours) ?? 0
            events = try c.decodeIfPresent([Event].self, forKey: .events) ?? []
            goals = try c.decodeIfPresent([String].self, forKey: .goals) ?? []
            leave = try c.decodeIfPresent(String.self, forKey: .leave)
        }
    }

    /// What kind of dated event a week holds.
    public enum EventKind: String, Codable, Sendable, CaseIterable, Comparable {
        /// A supervision meeting with the main supervisor (handledningssamtal).
        case supervision
        /// The main supervisor's follow-up in the middle of a rotation longer than 4 weeks.
        case followUp = "follow-up"
        /// The named local supervisor at the start of a rotation longer than 4 weeks.
        case localSupervisor = "local-supervisor"
        /// A sit-in (medsittning) in the middle of a placement.
        case sitIn = "sit-in"
        /// An assessment (bedömning, e.g. Mini-CEX or CbD).
        case assessment
        /// The yearly follow-up with the director of studies (avstämning).
        case yearlyReview = "yearly-review"
        /// The training plan (utbildningsplan): signed, then revised yearly.
        case trainingPlan = "training-plan"
        /// The specialist board (specialistkollegium).
        case specialistBoard = "specialist-board"
        /// Last day to apply for a course session.
        case applicationDeadline = "application-deadline"
        /// Last day to book a rotation at another unit.
        case booking
        /// The supervision agreement (handledningsavtal) between trainee and main supervisor, in the introduction.
        case supervisionAgreement = "supervision-agreement"
        public static func < (a: EventKind, b: EventKind) -> Bool {
            allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
        }
    }

    /// A dated event of one trainee.
    public struct Event: Codable, Sendable, Equatable {
        public var kind: EventKind
        public var date: CivilDate
        /// What it is about: a course, unit or rotation id, or a person's name (local supervisor).
        public var subject: String?
        /// The supervisor's id for supervision and follow-ups.
        public var with: String?
        /// Hours it takes of the supervisor's time.
        public var hours: Double?
        public init(kind: EventKind, date: CivilDate, subject: String? = nil, with: String? = nil, hours: Double? = nil) {
            self.kind = kind
            self.date = date
            self.subject = subject
            self.with = with
            self.hours = hours
        }
    }

    /// The plan's lineage: which scenario it was made for and, for a replanned plan, every replan step.
    public struct History: Codable, Sendable, Equatable {
        /// SHA-256 (hex) of the scenario file's bytes (a variant's base, then the variant).
        public var scenarioHash: String
        /// The scenario file as given on the command line.
        public var scenarioFile: String?
        /// Replans, oldest first.
        public var replans: [Replan]
        public init(scenarioHash: String, scenarioFile: String? = nil, replans: [Replan] = []) {
            self.scenarioHash = scenarioHash
            self.scenarioFile = scenarioFile
            self.replans = replans
        }
        /// The Mondays at which replans cut the plan (weeks before them were kept as they were).
        public var cuts: [CivilDate] { replans.map { $0.today.monday } }
    }

    /// One replan step: the plan it started from, its date and what it changed.
    public struct Replan: Codable, Sendable, Equatable {
        /// `--today`: weeks before the Monday of its week were kept.
        public var today: CivilDate
        /// SHA-256 (hex) of the previous plan.json's bytes and of the scenario it was made for.
        public var fromPlanHash: String
        public var fromScenarioHash: String?
        /// `strict`, `balanced` or `free`.
        public var stability: String
        /// Trainees whose weeks changed, changed trainee-weeks and moved blocks (as the change report counts them).
        public var changedTrainees: [String]
        public var changedWeeks: Int
        public var movedBlocks: Int
        /// The rotations at other units that the previous plan started inside their unit's notice (`lead_weeks`)
        /// from `today`: booked before the replan, so they may still start at short notice. `nil` in plans written
        /// before replans kept the list (the checker does not judge notice there).
        public var booked: [Booking]?
        public init(today: CivilDate, fromPlanHash: String, fromScenarioHash: String?, stability: String, changedTrainees: [String],
                    changedWeeks: Int, movedBlocks: Int, booked: [Booking]? = nil) {
            self.today = today
            self.fromPlanHash = fromPlanHash
            self.fromScenarioHash = fromScenarioHash
            self.stability = stability
            self.changedTrainees = changedTrainees
            self.changedWeeks = changedWeeks
            self.movedBlocks = movedBlocks
            self.booked = booked
        }
    }

    /// A rotation start that was booked with its unit: the trainee, the rotation, the unit and the Monday it starts.
    public struct Booking: Codable, Sendable, Equatable, Hashable {
        public var trainee: String
        public var rotation: String
        public var unit: String
        public var start: CivilDate
        public init(trainee: String, rotation: String, unit: String, start: CivilDate) {
            self.trainee = trainee
            self.rotation = rotation
            self.unit = unit
            self.start = start
        }
    }

    /// Display names and settings from the scenario, so that reports need only the plan file.
    public struct Catalog: Codable, Sendable, Equatable {
        public var units: [Named]
        public var courses: [Course]
        public var rotations: [Named]
        public var supervisors: [Supervisor]
        /// Self-study hours per week on average, per program id.
        public var selfStudy: [String: Double]
        /// The programs' names (absent in plans written before they were kept).
        public var programs: [Named]?
        /// The programs' goals (delmål), each with its program (absent in older plans).
        public var goals: [Goal]?
        public init(units: [Named], courses: [Course], rotations: [Named], supervisors: [Supervisor], selfStudy: [String: Double],
                    programs: [Named]? = nil, goals: [Goal]? = nil) {
            self.units = units
            self.courses = courses
            self.rotations = rotations
            self.supervisors = supervisors
            self.selfStudy = selfStudy
            self.programs = programs
            self.goals = goals
        }
        /// A goal (delmål) of a program.
        public struct Goal: Codable, Sendable, Equatable {
            public var id: String
            public var name: String
            public var program: String
            public init(id: String, name: String, program: String) { self.id = id; self.name = name; self.program = program }
        }
        /// An id with its display name.
        public struct Named: Codable, Sendable, Equatable {
            public var id: String
            public var name: String
            public init(id: String, name: String) { self.id = id; self.name = name }
        }
        /// A course and its sessions (start date and working days).
        public struct Course: Codable, Sendable, Equatable {
            public var id: String
            public var name: String
            /// `sk` or `local`.
            public var kind: String
            public var sessions: [Session]
            public init(id: String, name: String, kind: String, sessions: [Session]) {
                self.id = id; self.name = name; self.kind = kind; self.sessions = sessions
            }
            public struct Session: Codable, Sendable, Equatable {
                public var start: CivilDate
                public var days: Int
                public init(start: CivilDate, days: Int) { self.start = start; self.days = days }
            }
        }
        /// `supervisors[]`
        public struct Supervisor: Codable, Sendable, Equatable {
            public var id: String
            public var name: String
            public var hoursPerMonth: Double
            public init(id: String, name: String, hoursPerMonth: Double) { self.id = id; self.name = name; self.hoursPerMonth = hoursPerMonth }
        }
        /// The display name of a unit, course, rotation or supervisor id (the id when unknown).
        public func name(_ id: String) -> String {
            units.first { $0.id == id }?.name ?? courses.first { $0.id == id }?.name ?? rotations.first { $0.id == id }?.name
                ?? supervisors.first { $0.id == id }?.name ?? goals?.first { $0.id == id }?.name ?? id
        }
        /// A rotation's name (ids of rotations and units may be the same, so the kind is asked for).
        public func rotationName(_ id: String) -> String { rotations.first { $0.id == id }?.name ?? id }
        /// A course's name.
        public func courseName(_ id: String) -> String { courses.first { $0.id == id }?.name ?? id }
        /// A goal's (delmål's) name.
        public func goalName(_ id: String) -> String { goals?.first { $0.id == id }?.name ?? id }
    }

    /// A run of weeks with the same activity, unit and rotation (and kind of leave).
    public struct Block: Codable, Sendable, Equatable {
        public var activity: Activity
        public var unit: String?
        public var rotation: String?
        /// The leave's kind for a `leave` block.
        public var leave: String?
        /// Monday of the first week.
        public var from: CivilDate
        /// Sunday of the last week.
        public var to: CivilDate
        public var weeks: Int
        public init(activity: Activity, unit: String?, rotation: String? = nil, from: CivilDate, to: CivilDate, weeks: Int, leave: String? = nil) {
            self.activity = activity
            self.unit = unit
            self.rotation = rotation
            self.leave = leave
            self.from = from
            self.to = to
            self.weeks = weeks
        }
    }

    /// Trainees rotating at a unit, per week.
    public struct UnitLoad: Codable, Sendable, Equatable {
        public var id: String
        public var load: [Int]
        /// Places per week (0 in closed weeks), when the unit has a capacity.
        public var capacity: [Int]?
        public init(id: String, load: [Int], capacity: [Int]? = nil) {
            self.id = id
            self.load = load
            self.capacity = capacity
        }
    }

    /// The home clinic's trainees present per week, against its minimum.
    public struct Staffing: Codable, Sendable, Equatable {
        public var unit: String
        /// Employment-weighted trainees present.
        public var present: [Double]
        public var min: [Int]
        public var target: [Int]?
        public var shortage: [Double]
        public init(unit: String, present: [Double], min: [Int], target: [Int]? = nil, shortage: [Double]) {
            self.unit = unit
            self.present = present
            self.min = min
            self.target = target
            self.shortage = shortage
        }
    }
}

extension Plan {
    /// Groups consecutive weeks with the same activity, unit and rotation into blocks (before-start and
    /// after-end runs are left out).
    public static func blocks(of weeks: [WeekEntry]) -> [Block] {
        var out: [Block] = []
        var i = 0
        while i < weeks.count {
            var j = i
            while j + 1 < weeks.count, weeks[j + 1].activity == weeks[i].activity, weeks[j + 1].unit == weeks[i].unit,
                  weeks[j + 1].rotation == weeks[i].rotation, weeks[j + 1].leave == weeks[i].leave {
                j += 1
            }
            if weeks[i].activity.isInST {
                out.append(Block(activity: weeks[i].activity, unit: weeks[i].unit, rotation: weeks[i].rotation,
                                 from: weeks[i].week, to: weeks[j].week.adding(days: 6), weeks: j - i + 1, leave: weeks[i].leave))
            }
            i = j + 1
        }
        return out
    }
}

extension Plan {
    /// The period a week belongs to, by its Monday: for `term`, year × 2 + 0 (VT, January–June) or 1 (HT,
    /// July–December); for `quarter`, year × 4 + quarter − 1.
    public static func periodKey(_ monday: CivilDate, _ kind: String) -> Int {
        kind == "quarter" ? monday.year * 4 + (monday.month - 1) / 3 : monday.year * 2 + (monday.month > 6 ? 1 : 0)
    }
}

extension Plan.TraineePlan {
    /// The ST clock before each grid week: service before the calendar + credited weeks + the weeks counted
    /// before it in this plan. ST months and ST years are read off this clock.
    public var clockBefore: [Double] {
        let credited = Double(creditedWeeks ?? 0)
        return countedBefore.map { $0 + credited }
    }

    /// Counted ST weeks before each grid week (service before the calendar included, credited weeks not).
    public var countedBefore: [Double] {
        var c = countedWeeks - weeks.reduce(0) { $0 + $1.counts }
        return weeks.map { w in
            defer { c += w.counts }
            return c
        }
    }
}
