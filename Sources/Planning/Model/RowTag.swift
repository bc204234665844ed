import LinearModel

/// The constraint family a row of the planning model belongs to. Its raw value is the prefix of the row's name
/// (for people reading an exported model); code reads the family from ``PlanningModel/rowTags``, never from a name.
public enum RowFamily: String, Sendable, CaseIterable, Comparable {
    /// A requirement is met once (or 1…split_max blocks, or the year's vacation weeks).
    case once
    /// A split rotation's blocks sum to its length.
    case total
    /// The running occupancy of a group of long blocks.
    case occupancy = "occdef"
    /// One full-week activity a week.
    case oneActivity = "one"
    /// Vacation and a short full-week activity do not share a week.
    case vacationOverlap = "vac"
    /// Home service and a full-week activity do not share a week.
    case home
    /// Home service and vacation do not share a week.
    case homeVacation = "homev"
    /// Short courses and spread work at home fit the week's five working days.
    case homeWork = "homework"
    /// Two course sessions on a common working day are not both attended.
    case courseClash = "clash"
    /// A receiving unit's places in a week.
    case capacity = "cap"
    /// A course session's seats.
    case seats
    /// At most `max_courses_per_term` required courses a term.
    case coursesPerTerm = "term"
    /// A course with `before: research` ends before the research starts.
    case courseBeforeResearch = "prior"
    /// The running count of a predecessor's ended blocks (`after`).
    case doneCount = "donedef"
    /// The running count of a rotation's started blocks (`after`, unsplit).
    case startedCount = "starteddef"
    /// A rotation starts only when its `after` predecessors have ended.
    case after
    /// The number of a requirement's chosen blocks.
    case blockCount = "blocksdef"
    /// Extension weeks are taken in order.
    case extensionOrder = "extorder"
    /// Work ending past the earliest end takes the extension weeks up to it.
    case extensionInstant = "inst"
    /// The completion buffer before the end.
    case buffer = "buf"
    /// The completion buffer kept free of a home-clinic requirement.
    case bufferHome = "bufh"
    /// Vacation inside a rotation: at most the rotation's share.
    case vacationInRotationRotation = "vacrot1"
    /// Vacation inside a rotation: at most the vacation's share.
    case vacationInRotationVacation = "vacrot2"
    /// Vacation inside rotations: at most the weeks the chosen blocks can hold.
    case vacationInRotationCap = "vacrotcap"
    /// Vacation inside one block: at most the rotation's `max_vacation_weeks_in_block`.
    case vacationBlockCap = "vacblock"
    /// Under `extends`: a lengthened block holds at least the vacation weeks it is longer by.
    case vacationBlockExtends = "vacext"
    /// Vacation inside a block with a cap: counted whenever it lies there.
    case vacationBlockCapOn = "vacblockon"
    /// Home presence, defined.
    case presence = "presdef"
    /// Home staffing at least its minimum (with a priced shortage).
    case staffingMin = "staff"
    /// Home staffing at its target (with a priced shortage).
    case staffingTarget = "target"
    /// A replan's limit on extension and shortage.
    case hardLimit = "hardlimit"
    /// A replan's limit on the whole plan objective.
    case totalLimit = "totallimit"

    public static func < (a: RowFamily, b: RowFamily) -> Bool { a.rawValue < b.rawValue }
}

/// What a row of the planning model is about: its family and, by index into the ``PlanningContext``, the parts of
/// the scenario it constrains. Recorded when the row is added, so that the explanation can name the key to change.
public struct RowTag: Sendable, Hashable {
    /// The constraint family.
    public var family: RowFamily
    /// The trainee, by index into ``PlanningContext/trainees``.
    public var trainee: Int?
    /// The requirement, by index into the trainee's ``TraineeContext/requirements``.
    public var requirement: Int?
    /// The `after` rule's predecessor requirement (same indexing as ``requirement``).
    public var predecessor: Int?
    /// The course, by index into the scenario's courses.
    public var course: Int?
    /// The course session, by index into the course's sessions.
    public var session: Int?
    /// The receiving unit's id.
    public var unit: String?
    /// The week, by index into the week grid.
    public var week: Int?
    /// The term's label (VT2027, HT2027).
    public var term: String?

    /// A tag of `family` with the given subjects.
    public init(_ family: RowFamily, trainee: Int? = nil, requirement: Int? = nil, predecessor: Int? = nil,
                course: Int? = nil, session: Int? = nil, unit: String? = nil, week: Int? = nil, term: String? = nil) {
        self.family = family
        self.trainee = trainee
        self.requirement = requirement
        self.predecessor = predecessor
        self.course = course
        self.session = session
        self.unit = unit
        self.week = week
        self.term = term
    }
}

extension PlanningModel {
    /// Adds a row and records its tag: every row of a planning model goes through here, so that
    /// ``rowTags`` stays parallel to the model's rows.
    mutating func addRow(_ tag: RowTag, _ name: String, _ terms: [LinearTerm], _ bounds: RowBounds) throws(ModelError) {
        try model.addRow(name, terms, bounds)
        rowTags.append(tag)
    }
}
