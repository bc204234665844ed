import STCore

/// One phrase of the reports in both languages: Swedish (the default) and English.
struct Phrase: Sendable {
    /// The Swedish text.
    let sv: String
    /// The English text.
    let en: String
}

extension ReportLanguage {
    /// The phrase in the report's language.
    subscript(_ p: Phrase) -> String { english ? p.en : p.sv }
}

/// Every fixed phrase of the report writers, by report. A writer reads one as `L[.completion]`; phrases with
/// values inside (counts, dates, names) are the functions of `ReportLanguage` below.
extension Phrase {
    // MARK: Activities (every report)

    /// Before the trainee's ST starts.
    static let beforeStart = Phrase(sv: "Före start", en: "Before start")
    /// Service at the home clinic.
    static let home = Phrase(sv: "Hemklinik", en: "Home clinic")
    /// A rotation (also the CSV column of its name).
    static let rotation = Phrase(sv: "Randning", en: "Rotation")
    /// A course.
    static let course = Phrase(sv: "Kurs", en: "Course")
    /// Research (also the CSV column of its share).
    static let research = Phrase(sv: "Vetenskapligt arbete", en: "Research")
    /// Quality work (also the CSV column of its share).
    static let quality = Phrase(sv: "Kvalitetsarbete", en: "Quality work")
    /// Vacation.
    static let vacation = Phrase(sv: "Semester", en: "Vacation")
    /// Leave of no known kind.
    static let leave = Phrase(sv: "Ledighet", en: "Leave")
    /// A buffer week.
    static let buffer = Phrase(sv: "Buffert", en: "Buffer")
    /// After the trainee's ST.
    static let afterEnd = Phrase(sv: "Efter ST", en: "After ST")
    /// Leave of the kind `parental`.
    static let parentalLeave = Phrase(sv: "Föräldraledighet", en: "Parental leave")
    /// Leave of the kind `sick`.
    static let sickLeave = Phrase(sv: "Sjukskrivning", en: "Sick leave")

    // MARK: Events (every report and calendar)

    /// A supervision meeting.
    static let supervisionMeeting = Phrase(sv: "Handledningssamtal", en: "Supervision meeting")
    /// Before the person a meeting or an agreement is with.
    static let withPerson = Phrase(sv: "med", en: "with")
    /// A follow-up by the main supervisor.
    static let followUp = Phrase(sv: "Uppföljning av huvudhandledaren", en: "Follow-up by the main supervisor")
    /// The local supervisor of a rotation.
    static let localSupervisor = Phrase(sv: "Lokal handledare", en: "Local supervisor")
    /// Before the unit that names a local supervisor not yet known.
    static let namedBy = Phrase(sv: "utses av", en: "named by")
    /// A sit-in.
    static let sitIn = Phrase(sv: "Medsittning", en: "Sit-in")
    /// An assessment.
    static let assessment = Phrase(sv: "Bedömning (t.ex. Mini-CEX, CbD)", en: "Assessment (e.g. Mini-CEX, CbD)")
    /// The yearly review.
    static let yearlyReview = Phrase(sv: "Avstämning med studierektor", en: "Yearly review with the director of studies")
    /// Before the number of the ST year a review is of.
    static let stYear = Phrase(sv: "ST-år", en: "ST year")
    /// The training plan's revision.
    static let trainingPlanRevised = Phrase(sv: "Utbildningsplanen revideras", en: "Training plan revised")
    /// The training plan's signing.
    static let trainingPlanSigned = Phrase(sv: "Utbildningsplanen upprättas och undertecknas", en: "Training plan signed")
    /// The specialist board.
    static let specialistBoard = Phrase(sv: "Specialistkollegium", en: "Specialist board")
    /// Before a course's name: its last day to apply.
    static let applicationDeadline = Phrase(sv: "Sista ansökningsdag", en: "Application deadline")
    /// Before a unit's name: the day to book the rotation by.
    static let bookBy = Phrase(sv: "Boka randningen senast", en: "Book the rotation by")
    /// The supervision agreement's signing.
    static let agreementSigned = Phrase(sv: "Handledningsavtal tecknas", en: "Supervision agreement signed")

    // MARK: The solve (plan.md, plan.html, the summary)

    /// Status `optimal`.
    static let statusOptimal = Phrase(sv: "optimal (bevisat bästa)", en: "optimal (proven best)")
    /// Status `feasible`.
    static let statusFeasible = Phrase(sv: "godtagbar (inte bevisat bästa)", en: "feasible (not proven best)")
    /// Status `infeasible`.
    static let statusInfeasible = Phrase(sv: "ingen plan finns", en: "no plan exists")
    /// Objective term `extension`.
    static let termExtension = Phrase(sv: "förlängning", en: "extension")
    /// Objective term `staffing_shortage`.
    static let termStaffingShortage = Phrase(sv: "under minimibemanning", en: "below the staffing minimum")
    /// Objective term `staffing_below_target`.
    static let termBelowTarget = Phrase(sv: "under målbemanning", en: "below the staffing target")
    /// Objective term `preference`.
    static let termPreference = Phrase(sv: "ej uppfyllda önskemål", en: "wishes not met")
    /// Objective term `research_short`.
    static let termResearchShort = Phrase(sv: "kortare vetenskapligt arbete än önskat", en: "research shorter than preferred")
    /// Objective term `rotation_short`.
    static let termRotationShort = Phrase(sv: "kortare randning än önskat", en: "rotations shorter than preferred")
    /// Objective term `change`.
    static let termChange = Phrase(sv: "ändringar", en: "changes")
    /// The solve line's label in plan.md and plan.html.
    static let solve = Phrase(sv: "Lösning", en: "Solve")
    /// The solve line's label in the summary.
    static let solution = Phrase(sv: "Lösning", en: "Solution")
    /// Before the objective's value.
    static let objective = Phrase(sv: "målfunktion", en: "objective")
    /// Before the bound's value.
    static let bound = Phrase(sv: "gräns", en: "bound")
    /// Before the gap's value.
    static let gap = Phrase(sv: "gap", en: "gap")
    /// Before the calendar's start.
    static let calendar = Phrase(sv: "Kalender", en: "Calendar")
    /// After a number of weeks, in a sentence.
    static let weeksWord = Phrase(sv: "veckor", en: "weeks")
    /// After a number of weeks, short (`4 v`).
    static let weekShort = Phrase(sv: "v", en: "wk")
    /// Before a quarter's number (`Kv1 2027`).
    static let quarter = Phrase(sv: "Kv", en: "Q")

    // MARK: Shared headings and labels (plan.md, plan.html, the IUP, the CSV files)

    /// The main supervisor.
    static let mainSupervisor = Phrase(sv: "Huvudhandledare", en: "Main supervisor")
    /// Before the ST's first day.
    static let stStart = Phrase(sv: "ST-start", en: "ST start")
    /// Before a completion date, capitalised.
    static let completion = Phrase(sv: "Klar", en: "Completion")
    /// Before a completion date, in a sentence.
    static let completionLower = Phrase(sv: "klar", en: "completion")
    /// Before the weeks a trainee's ST is extended by.
    static let extended = Phrase(sv: "förlängd", en: "extended")
    /// Before the weeks of service credited to a trainee.
    static let creditedService = Phrase(sv: "Tillgodoräknad tjänstgöring", en: "Credited service")
    /// The service plan's heading.
    static let servicePlan = Phrase(sv: "Tjänstgöringsplan", en: "Service plan")
    /// Column: the first day.
    static let from = Phrase(sv: "Från", en: "From")
    /// Column: the last day.
    static let to = Phrase(sv: "Till", en: "To")
    /// Column: a number of weeks.
    static let weeksColumn = Phrase(sv: "Veckor", en: "Weeks")
    /// Column: the ST month.
    static let stMonth = Phrase(sv: "ST-månad", en: "ST month")
    /// Column: the activity.
    static let activityColumn = Phrase(sv: "Aktivitet", en: "Activity")
    /// Column: the unit.
    static let unit = Phrase(sv: "Enhet", en: "Unit")
    /// Column: the week.
    static let week = Phrase(sv: "Vecka", en: "Week")
    /// Column: the courses.
    static let courses = Phrase(sv: "Kurser", en: "Courses")
    /// Column: self-study hours.
    static let selfStudyHours = Phrase(sv: "Självstudier h", en: "Self-study h")
    /// Column: supervision hours.
    static let supervisionHours = Phrase(sv: "Handledning h", en: "Supervision h")
    /// Column: the events.
    static let events = Phrase(sv: "Händelser", en: "Events")
    /// The goals (delmål) of a period or a week.
    static let goals = Phrase(sv: "Delmål", en: "Goals")
    /// Supervision, as a label.
    static let supervision = Phrase(sv: "Handledning", en: "Supervision")
    /// Column: a date.
    static let date = Phrase(sv: "Datum", en: "Date")
    /// Column: what is to be done or what changed.
    static let what = Phrase(sv: "Vad", en: "What")
    /// Column: the trainee.
    static let trainee = Phrase(sv: "ST-läkare", en: "Trainee")
    /// The director of studies.
    static let directorOfStudies = Phrase(sv: "Studierektor", en: "Director of studies")

    // MARK: plan.md

    /// plan.md's title.
    static let servicePlans = Phrase(sv: "Tjänstgöringsplaner", en: "Service plans")
    /// Before the trainee's programme.
    static let program = Phrase(sv: "Program", en: "Program")
    /// Instead of a completion date beyond the calendar.
    static let notWithinHorizon = Phrase(sv: "inte inom planeringshorisonten", en: "not within the horizon")
    /// Before the counted and the required weeks.
    static let countedWeeks = Phrase(sv: "Räknade veckor", en: "Counted weeks")
    /// How credited service counts.
    static let creditedCounted = Phrase(sv: "räknas som gjord: ST-månaderna räknar med den", en: "counted as served: ST months include it")
    /// The period plans' heading.
    static let periodPlans = Phrase(sv: "Periodplaner", en: "Period plans")
    /// Before a period's self-study hours.
    static let selfStudy = Phrase(sv: "Självstudier", en: "Self-study")
    /// Column: research and quality work.
    static let researchQuality = Phrase(sv: "FoU/kvalitet", en: "Research/quality")
    /// Before a week's share of quality work.
    static let qualityShort = Phrase(sv: "Kval", en: "QI")
    /// The clinic's heading.
    static let theClinic = Phrase(sv: "Kliniken", en: "The clinic")
    /// Before a home clinic's name.
    static let staffingAt = Phrase(sv: "Bemanning på", en: "Staffing at")
    /// Column: trainees present.
    static let present = Phrase(sv: "Närvarande", en: "Present")
    /// Column: the staffing target.
    static let target = Phrase(sv: "Mål", en: "Target")
    /// Column: the shortage below the minimum.
    static let belowMin = Phrase(sv: "Under min", en: "Below min")
    /// Column: the part of the shortage no plan avoids.
    static let ofWhichUnavoidable = Phrase(sv: "varav oundvikligt", en: "of which unavoidable")
    /// The units' load heading.
    static let loadPerUnitPlaces = Phrase(sv: "Beläggning per enhet (ST-läkare / platser)", en: "Load per unit (trainees / places)")

    // MARK: plan.html

    /// Before today's date.
    static let today = Phrase(sv: "I dag", en: "Today")
    /// The legend of today's line.
    static let todayLower = Phrase(sv: "i dag", en: "today")
    /// The Gantt chart's heading.
    static let cohort = Phrase(sv: "Kohorten", en: "Cohort")
    /// The staffing chart's heading with one home clinic.
    static let staffingHome = Phrase(sv: "Bemanning på hemkliniken", en: "Staffing at the home clinic")
    /// The staffing chart's heading, before a home clinic's name.
    static let staffing = Phrase(sv: "Bemanning", en: "Staffing")
    /// The units' chart heading.
    static let loadPerUnit = Phrase(sv: "Beläggning per enhet", en: "Load per unit")
    /// Before a period's name.
    static let periodPlan = Phrase(sv: "Periodplan", en: "Period plan")
    /// Before a period's goals.
    static let goalsShort = Phrase(sv: "Mål", en: "Goals")
    /// The staffing chart's label of the trainees present.
    static let chartPresent = Phrase(sv: "närvarande", en: "present")
    /// The staffing chart's label of the minimum.
    static let chartMinimum = Phrase(sv: "minimum", en: "minimum")
    /// The staffing chart's label of the target.
    static let chartTarget = Phrase(sv: "mål", en: "target")

    // MARK: The IUP (iup/ID.md, iup/ID.html)

    /// The IUP's heading.
    static let iupTitle = Phrase(sv: "Individuell utbildningsplan (IUP)", en: "Individual training plan")
    /// The IUP page's title.
    static let iupPageTitle = Phrase(sv: "IUP", en: "Individual training plan")
    /// Before the trainee's programme.
    static let programme = Phrase(sv: "Program", en: "Programme")
    /// Before the planned completion date.
    static let plannedCompletion = Phrase(sv: "planerad specialistkompetens", en: "planned completion")
    /// Before the supervision agreement's date.
    static let supervisionAgreement = Phrase(sv: "Handledningsavtal", en: "Supervision agreement")
    /// The goals' heading.
    static let goalsAndHow = Phrase(sv: "Delmål och hur de nås", en: "Goals and how they are reached")
    /// Instead of the goals' table when the programme names none.
    static let noGoals = Phrase(sv: "Programmet anger inga delmål.", en: "The programme names no goals (delmål).")
    /// Column: one goal.
    static let goal = Phrase(sv: "Delmål", en: "Goal")
    /// Column: what in the plan serves the goal.
    static let servedBy = Phrase(sv: "Uppfylls genom", en: "Served by")
    /// A goal nothing in the plan serves.
    static let notServed = Phrase(sv: "inget i planen ännu", en: "nothing in the plan yet")
    /// What to do about a goal nothing serves.
    static let planItWithSupervisor = Phrase(sv: "planeras med handledaren", en: "plan it with the supervisor")
    /// The time plan's heading.
    static let timePlan = Phrase(sv: "Tidsplan", en: "Time plan")
    /// The reviews' heading.
    static let reviews = Phrase(sv: "Avstämningar och revideringar", en: "Reviews and revisions")
    /// The signatures' heading.
    static let signatures = Phrase(sv: "Underskrifter", en: "Signatures")
    /// Column: a signature.
    static let signature = Phrase(sv: "Underskrift", en: "Signature")
    /// Column: the name in print.
    static let nameInPrint = Phrase(sv: "Namnförtydligande", en: "Name")
    /// The trainee, as one who signs.
    static let stDoctor = Phrase(sv: "ST-läkare", en: "ST doctor")

    // MARK: The director of studies' list (todo.md, calendar/studierektor.ics)

    /// todo.md's title.
    static let directorsList = Phrase(sv: "Studierektorns lista", en: "The director of studies' list")
    /// Instead of the list when it is empty.
    static let nothingToDo = Phrase(sv: "Inget att göra.", en: "Nothing to do.")
    /// An item before today.
    static let passed = Phrase(sv: "passerat", en: "passed")

    // MARK: Calendars (calendar/*.ics)

    /// After a supervisor's name: the name of their calendar.
    static let supervisionCalendar = Phrase(sv: "handledning", en: "supervision")

    // MARK: The summary (stplan plan)

    /// The trainees' heading.
    static let trainees = Phrase(sv: "ST-läkare", en: "Trainees")
    /// Before a completion date.
    static let completes = Phrase(sv: "klar", en: "completes")
    /// Instead of a completion date beyond the calendar.
    static let notComplete = Phrase(sv: "inte klar inom planeringshorisonten", en: "not complete within the horizon")
    /// A trainee without rotations.
    static let noRotations = Phrase(sv: "inga randningar", en: "no rotations")
    /// The units' heading.
    static let unitsPeakLoad = Phrase(sv: "Enheter (högsta beläggning)", en: "Units (peak load)")
    /// Before a unit's peak load.
    static let atMost = Phrase(sv: "högst", en: "at most")
    /// A home clinic never below its minimum.
    static let neverBelowMinimum = Phrase(sv: "aldrig under minimibemanningen", en: "never below the staffing minimum")

    // MARK: The CSV files for Excel (weeks.csv, blocks.csv)

    /// Column: the trainee's id.
    static let id = Phrase(sv: "Id", en: "Id")
    /// Column: the ISO week.
    static let isoWeek = Phrase(sv: "ISO-vecka", en: "ISO week")
    /// Column: how much the week counts.
    static let counts = Phrase(sv: "Räknas", en: "Counts")
    /// Column: self-study hours.
    static let selfStudyColumn = Phrase(sv: "Självstudier (h)", en: "Self-study (h)")
    /// Column: supervision hours.
    static let supervisionColumn = Phrase(sv: "Handledning (h)", en: "Supervision (h)")

    // MARK: Replans (changes.md, stplan replan)

    /// Stability `strict`.
    static let stabilityStrict = Phrase(sv: "strikt", en: "strict")
    /// Stability `balanced`.
    static let stabilityBalanced = Phrase(sv: "balanserad", en: "balanced")
    /// Stability `free`.
    static let stabilityFree = Phrase(sv: "fri", en: "free")
    /// changes.md's title.
    static let changesTitle = Phrase(sv: "Ändringar efter omplaneringen", en: "Changes after the replan")
    /// The replan's notes' heading.
    static let notes = Phrase(sv: "Att känna till", en: "Notes")
    /// The trainees' heading.
    static let perTrainee = Phrase(sv: "Per ST-läkare", en: "Per trainee")
    /// Instead of the trainees when none changed.
    static let noTraineeChanged = Phrase(sv: "Ingen ST-läkares plan ändrades.", en: "No trainee's plan changed.")
    /// A trainee new in the plan.
    static let traineeNew = Phrase(sv: "ny", en: "new")
    /// A trainee no longer in the plan.
    static let traineeGone = Phrase(sv: "finns inte längre i planen", en: "no longer in the plan")
    /// Instead of a completion date beyond the calendar.
    static let notWithinCalendar = Phrase(sv: "inte inom kalendern", en: "not within the calendar")
    /// A piece added.
    static let changeAdded = Phrase(sv: "tillagd", en: "added")
    /// A piece removed.
    static let changeRemoved = Phrase(sv: "borttagen", en: "removed")
    /// A piece moved.
    static let changeMoved = Phrase(sv: "flyttad", en: "moved")
    /// A piece shortened.
    static let changeShortened = Phrase(sv: "förkortad", en: "shortened")
    /// A piece lengthened.
    static let changeLengthened = Phrase(sv: "förlängd", en: "lengthened")
    /// A piece at another unit.
    static let changeUnit = Phrase(sv: "annan enhet", en: "at another unit")
    /// Column: how a piece changed.
    static let change = Phrase(sv: "Ändring", en: "Change")
    /// Column: the piece before.
    static let before = Phrase(sv: "Före", en: "Before")
    /// Column: the piece after.
    static let after = Phrase(sv: "Efter", en: "After")
    /// Before a trainee's number of changed weeks.
    static let changedWeeks = Phrase(sv: "Ändrade veckor", en: "Changed weeks")
    /// The units' heading.
    static let unitsChanged = Phrase(sv: "Enheter vars beläggning ändrades", en: "Units whose load changed")
    /// The courses' heading.
    static let coursesChanged = Phrase(sv: "Kurser vars deltagare ändrades", en: "Courses whose attendees changed")
    /// Before a course session's Monday.
    static let weekOf = Phrase(sv: "veckan", en: "week of")
    /// Before the trainees a course session gains.
    static let booked = Phrase(sv: "bokas", en: "booked")
    /// Before the trainees a course session loses.
    static let bookingLost = Phrase(sv: "platsen avbokas eller flyttas", en: "booking lost or moved")
    /// The notices' heading.
    static let noticesToSend = Phrase(sv: "Meddelanden att skicka", en: "Notices to send")
    /// Instead of the notices when there are none.
    static let noNotices = Phrase(sv: "Inga.", en: "None.")
    /// Before a unit's name: a notice to it.
    static let toUnit = Phrase(sv: "Till enheten", en: "To the unit")
    /// Before a course's name: a notice to its organiser.
    static let toCourseOrganiser = Phrase(sv: "Till kursgivaren för", en: "To the course organiser of")

    // MARK: The what-if comparison (comparison.md, comparison.html)

    /// The title's start, before the comparison's name.
    static let whatIf = Phrase(sv: "Tänk om", en: "What if")
    /// A cell of a variant without a plan.
    static let noPlan = Phrase(sv: "ingen plan", en: "no plan")
    /// Column: the figure.
    static let figure = Phrase(sv: "Mått", en: "Figure")
    /// Row: how the plan was made.
    static let planned = Phrase(sv: "Planerad", en: "Planned")
    /// Row: the objective.
    static let objectiveRow = Phrase(sv: "Målfunktion", en: "Objective")
    /// Row: the objective less the base's.
    static let differenceFromBase = Phrase(sv: "Skillnad mot basen", en: "Difference from the base")
    /// Row: the gap.
    static let gapRow = Phrase(sv: "Gap", en: "Gap")
    /// Row: the solve time.
    static let solveTime = Phrase(sv: "Lösningstid (s)", en: "Solve time (s)")
    /// Row: the extension weeks of all trainees.
    static let extensionWeeksAll = Phrase(sv: "Förlängningsveckor (alla)", en: "Extension weeks (all)")
    /// Row: the shortage below the minimum.
    static let belowMinWeeks = Phrase(sv: "Under min (ST-läkarveckor)", en: "Below min (trainee-weeks)")
    /// Row: the shortage below the target.
    static let belowTargetWeeks = Phrase(sv: "Under mål (ST-läkarveckor)", en: "Below target (trainee-weeks)")
    /// Row: the required courses the plan does not hold.
    static let coursesMissed = Phrase(sv: "Missade kurser", en: "Courses missed")
    /// Row, before a unit's name: its peak load.
    static let peakLoad = Phrase(sv: "Högsta beläggning", en: "Peak load")
    /// Instead of a completion date beyond the calendar.
    static let afterCalendar = Phrase(sv: "efter kalendern", en: "after the calendar")
    /// A plan made from scratch.
    static let fromScratch = Phrase(sv: "från början", en: "from scratch")
    /// A plan made from scratch with the base plan as its start.
    static let fromBase = Phrase(sv: "från början, med basplanen som start", en: "from scratch, the base plan as start")
    /// A difference within the gap.
    static let noise = Phrase(sv: "brus: inom gapet", en: "noise: within the gap")
}

/// The phrases with values inside, each with its Swedish and English side by side.
extension ReportLanguage {
    // MARK: Every report

    /// A week's or block's activity.
    func activity(_ a: Activity) -> String {
        switch a {
        case .beforeStart: return self[.beforeStart]
        case .home: return self[.home]
        case .rotation: return self[.rotation]
        case .course: return self[.course]
        case .research: return self[.research]
        case .quality: return self[.quality]
        case .vacation: return self[.vacation]
        case .leave: return self[.leave]
        case .buffer: return self[.buffer]
        case .afterEnd: return self[.afterEnd]
        }
    }

    /// A week's or block's activity, a leave by its kind: föräldraledighet, sjukskrivning, ledighet.
    func activity(_ a: Activity, leave: String?) -> String {
        guard a == .leave else { return activity(a) }
        switch leave {
        case "parental": return self[.parentalLeave]
        case "sick": return self[.sickLeave]
        default: return activity(a)
        }
    }

    /// An event in plain words, with the names the catalog knows.
    func event(_ e: Plan.Event, _ catalog: Plan.Catalog?) -> String {
        let subject = e.subject.map { catalog?.name($0) ?? $0 }
        let with = e.with.map { catalog?.name($0) ?? $0 }
        let withPerson = with.map { " \(self[.withPerson]) " + $0 } ?? ""
        switch e.kind {
        case .supervision: return self[.supervisionMeeting] + hours(e.hours) + withPerson
        case .followUp: return self[.followUp] + hours(e.hours) + (subject.map { ", \($0)" } ?? "")
        case .localSupervisor: return self[.localSupervisor] + ": " + (e.with ?? (self[.namedBy] + " " + (subject ?? "?")))
        case .sitIn: return self[.sitIn] + (subject.map { ", \($0)" } ?? "")
        case .assessment: return self[.assessment]
        case .yearlyReview: return self[.yearlyReview] + (e.subject.map { ", \(self[.stYear]) \($0)" } ?? "")
        case .trainingPlan: return e.subject == "revised" ? self[.trainingPlanRevised] : self[.trainingPlanSigned]
        case .specialistBoard: return self[.specialistBoard]
        case .applicationDeadline: return self[.applicationDeadline] + ": " + (subject ?? "?")
        case .booking: return self[.bookBy] + ": " + (subject ?? "?")
        case .supervisionAgreement: return self[.agreementSigned] + withPerson
        }
    }

    /// A period's name: a quarter (`Kv1 2027`, `Q1 2027`) or a term (`VT 2027`, `HT 2027`, in both languages).
    func period(_ key: Int, _ kind: String) -> String {
        kind == "quarter" ? "\(self[.quarter])\(key % 4 + 1) \(key / 4)" : (key % 2 == 0 ? "VT \(key / 2)" : "HT \(key / 2)")
    }

    /// A number of weeks, short: `4 v`, `4 wk`.
    func weeks(_ n: Int) -> String { "\(n) \(self[.weekShort])" }

    // MARK: The solve

    /// A solve status in plain words.
    func status(_ s: String) -> String {
        switch s {
        case "optimal": return self[.statusOptimal]
        case "feasible": return self[.statusFeasible]
        case "infeasible": return self[.statusInfeasible]
        default: return s
        }
    }

    /// An objective term's name in plain words.
    func term(_ key: String) -> String {
        switch key {
        case "extension": return self[.termExtension]
        case "staffing_shortage": return self[.termStaffingShortage]
        case "staffing_below_target": return self[.termBelowTarget]
        case "preference": return self[.termPreference]
        case "research_short": return self[.termResearchShort]
        case "rotation_short": return self[.termRotationShort]
        case "change": return self[.termChange]
        default: return key.replacingOccurrences(of: "_", with: " ")
        }
    }

    // MARK: plan.md and plan.html

    /// plan.md: where the clinic's tables end, when before the calendar's end.
    func tablesEnd(_ monday: CivilDate) -> String {
        self[Phrase(sv: "Tabellerna slutar \(monday), veckan efter den sista ST:n som blir klar.",
                    en: "The tables end on \(monday), the week after the last completion.")]
    }

    /// plan.md: the shortage below the minimum in its two parts, explained.
    func belowMinimumExplained(total: Double, unavoidable: Double) -> String {
        let (t, u, c) = (number(total), number(unavoidable), number(total - unavoidable))
        return self[Phrase(
            sv: "Under minimum: \(t) ST-läkarveckor, varav \(u) oundvikliga (veckor då färre ST-läkare är i tjänst än minimum, innan kohorten har börjat eller när den slutar; ingen plan tar bort dem) och \(c) planens val.",
            en: "Below the minimum: \(t) trainee-weeks, of which \(u) unavoidable (weeks with fewer trainees in ST than the minimum, before the cohort has started or as it finishes; no plan removes them) and \(c) the plan's choice.")]
    }

    /// plan.html: the shortage below the minimum in its two parts, short.
    func belowMinimumNote(total: Double, unavoidable: Double) -> String {
        let (t, u, c) = (number(total), number(unavoidable), number(total - unavoidable))
        return self[Phrase(sv: "Under minimum: \(t) ST-läkarveckor, varav \(u) oundvikliga (färre ST-läkare i tjänst än minimum) och \(c) planens val.",
                           en: "Below the minimum: \(t) trainee-weeks, of which \(u) unavoidable (fewer trainees in ST than the minimum) and \(c) the plan's choice.")]
    }

    // MARK: The IUP

    /// The vacation inside a rotation run: ` (varav 1 v semester)`.
    func ofWhichVacation(_ weeks: Int) -> String {
        self[Phrase(sv: " (varav \(self.weeks(weeks)) semester)", en: " (of which \(self.weeks(weeks)) vacation)")]
    }

    /// The supervision meetings planned and the first one's date.
    func meetingsPlanned(_ count: Int, first: CivilDate) -> String {
        self[Phrase(sv: "\(count) \(count == 1 ? "samtal planerat," : "samtal planerade, det första") \(first)",
                    en: "\(count) \(count == 1 ? "meeting planned, on" : "meetings planned, the first on") \(first)")]
    }

    // MARK: The director of studies' list

    /// todo.md's introduction.
    func directorIntro(today: CivilDate) -> String {
        self[Phrase(sv: "Bokningar, sista ansökningsdagar för SK-kurser, avstämningar, utbildningsplaner och specialistkollegier för hela kohorten, i datumordning. Det som ligger före \(today) är markerat som passerat.",
                    en: "Bookings, SK application deadlines, yearly reviews, training plans and specialist boards of the whole cohort, in date order. Items before \(today) are marked as passed.")]
    }

    // MARK: The summary

    /// A unit's places: `av 1 plats`, `of 1 places`.
    func ofPlaces(_ places: Int) -> String {
        self[Phrase(sv: "av \(places) \(places == 1 ? "plats" : "platser")", en: "of \(places) places")]
    }

    /// The shortage below the minimum, its weeks and its two parts.
    func belowMinimumSummary(total: Double, weeks: Int, unavoidable: Double) -> String {
        let (t, u, c) = (number(total), number(unavoidable), number(total - unavoidable))
        return self[Phrase(sv: "\(t) ST-läkarveckor under minimibemanningen (\(weeks) veckor): \(u) oundvikliga (färre ST-läkare i tjänst än minimum), \(c) planens val",
                           en: "\(t) trainee-weeks below the staffing minimum (\(weeks) weeks): \(u) unavoidable (fewer trainees in ST than the minimum), \(c) the plan's choice")]
    }

    // MARK: Replans

    /// A replan's stability in words: strict, balanced, free (`strikt`, `balanserad`, `fri`).
    public func stability(_ raw: String) -> String {
        switch raw {
        case "strict": return self[.stabilityStrict]
        case "balanced": return self[.stabilityBalanced]
        case "free": return self[.stabilityFree]
        default: return raw
        }
    }

    /// changes.md: the day the replan starts and its stability.
    func replannedFrom(_ day: CivilDate, stability raw: String) -> String {
        let s = stability(raw)
        return self[Phrase(sv: "Omplanerad från \(day) (veckorna före är oförändrade), stabilitet \(s).",
                           en: "Replanned from \(day) (weeks before it kept as they were), stability \(s).")]
    }

    /// changes.md: the changed weeks, the moved blocks and the trainees affected.
    func changeCounts(weeks: Int, blocks: Int, trainees: Int) -> String {
        self[Phrase(sv: "Ändrade ST-läkarveckor: \(weeks). Flyttade block: \(blocks). Berörda ST-läkare: \(trainees).",
                    en: "Changed trainee-weeks: \(weeks). Moved blocks: \(blocks). Trainees affected: \(trainees).")]
    }

    /// changes.md: an extension the plan itself makes.
    func extendedByPlan(_ weeks: Int) -> String {
        self[Phrase(sv: "**förlängd \(weeks) \(weeks == 1 ? "vecka" : "veckor") av planen själv** (inte av ledighet eller krav på förlängning)",
                    en: "**extended \(weeks) \(weeks == 1 ? "week" : "weeks") by the plan itself** (not by leave or a required extension)")]
    }

    /// A replan's note in plain words, with the names the plans know (trainee, rotation, unit; the new plan
    /// first, the old one for a trainee who left).
    public func note(_ n: ReplanNote, in plans: [Plan]) -> String {
        func person(_ id: String) -> String { plans.lazy.compactMap { $0.trainees.first { $0.id == id }?.name }.first ?? id }
        func rotation(_ id: String) -> String { plans.first { $0.catalog != nil }?.catalog?.rotationName(id) ?? id }
        func unit(_ id: String) -> String { plans.first { $0.catalog != nil }?.catalog?.name(id) ?? id }
        switch n {
        case .left(let t):
            return self[Phrase(sv: "\(person(t)) finns inte längre i scenariot och lämnar planen",
                               en: "\(person(t)) is no longer in the scenario and leaves the plan")]
        case .bookingsReleased(let d):
            return self[Phrase(sv: "bokningar inom enheternas framförhållning från \(d) släpptes: att hålla alla gav ingen plan",
                               en: "bookings within the units' notice from \(d) were released: keeping them all left no plan")]
        case .runningMayBeCut(let d):
            return self[Phrase(sv: "randningar som pågick \(d) fick avbrytas: att låta dem löpa vidare gav ingen plan",
                               en: "rotations running on \(d) could be cut: letting them run on left no plan")]
        case .cannotRunOn(let t, let r, let u, let d, let w):
            return self[Phrase(sv: "\(person(t)): randningen \(rotation(r)) vid \(unit(u)) kan inte fortsätta från \(d); de sista \(weeks(w)) planeras om",
                               en: "\(person(t)): \(rotation(r)) at \(unit(u)) cannot go on from \(d); its last \(weeks(w)) are planned anew")]
        case .researchCut(let t, let f, let d, let w, let m, let l):
            return self[Phrase(sv: "\(person(t)): det vetenskapliga arbetet från \(f) avslutas \(d) efter \(weeks(w)) (minst \(weeks(m))); de \(weeks(l)) som återstod planeras inte",
                               en: "\(person(t)): the research from \(f) ends on \(d) after \(weeks(w)) (at least \(weeks(m))); its \(weeks(l)) after that are not planned")]
        case .vacationKept(let t, let w, let y, let d):
            return self[Phrase(sv: "\(person(t)): \(weeks(w)) semester som tagits \(y) före \(d) är fler än det ändrade scenariot ger året; de ligger kvar",
                               en: "\(person(t)): \(weeks(w)) of vacation taken in \(y) before \(d) are more than the edited scenario gives the year; they stay")]
        }
    }

    // MARK: The what-if comparison

    /// A plan replanned from the base from a day.
    func replannedFromBase(_ day: CivilDate) -> String {
        self[Phrase(sv: "omplanerad från basen från \(day)", en: "replanned from the base from \(day)")]
    }
}
