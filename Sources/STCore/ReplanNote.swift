/// Something a replan did that the studierektor should know, in data: the reports word it in either language with
/// names (``description`` is the English form with ids, for logs and `changes.json`).
public enum ReplanNote: Sendable, Equatable, CustomStringConvertible {
    /// A trainee of the old plan is no longer in the scenario and leaves the plan.
    case left(trainee: String)
    /// Keeping every booking inside its unit's notice from `today` left no plan: they were released.
    case bookingsReleased(today: CivilDate)
    /// Letting the rotations running at `today` run on left no plan: they could be cut.
    case runningMayBeCut(today: CivilDate)
    /// A rotation running at `today` cannot run on at its unit; its last `weeks` are planned anew.
    case cannotRunOn(trainee: String, rotation: String, unit: String, today: CivilDate, weeks: Int)
    /// A research block the edit breaks ends at `today` after `weeks` (at least `minimum`); `later` weeks are dropped.
    case researchCut(trainee: String, from: CivilDate, today: CivilDate, weeks: Int, minimum: Int, later: Int)
    /// More vacation weeks of a year were taken before `today` than the edited scenario gives the year; they stay.
    case vacationKept(trainee: String, weeks: Int, year: Int, today: CivilDate)

    /// The trainee the note is about, if one.
    public var trainee: String? {
        switch self {
        case .left(let t), .cannotRunOn(let t, _, _, _, _), .researchCut(let t, _, _, _, _, _), .vacationKept(let t, _, _, _): return t
        case .bookingsReleased, .runningMayBeCut: return nil
        }
    }

    public var description: String {
        switch self {
        case .left(let t): return "\(t) is no longer in the scenario and leaves the plan"
        case .bookingsReleased(let d): return "bookings within lead_weeks of \(d) were released: keeping them all left no plan"
        case .runningMayBeCut(let d): return "rotations running at \(d) could be cut: letting them run on left no plan"
        case .cannotRunOn(let t, let r, let u, let d, let w): return "\(t): \(r) at \(u) cannot run on from \(d); its last \(w) weeks are planned anew"
        case .researchCut(let t, let f, let d, let w, let m, let l):
            return "\(t): research from \(f) ends at \(d) after \(w) weeks (at least \(m)); its \(l) later weeks are not planned"
        case .vacationKept(let t, let w, let y, let d):
            return "\(t): \(w) vacation weeks taken in \(y) before \(d) are more than the edited scenario gives the year; they stay"
        }
    }
}
