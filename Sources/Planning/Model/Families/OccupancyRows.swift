import LinearModel

/// One entry of ``PlanningModel/covering``: a variable that is 1 when trainee t does something in week w.
struct Cover: Sendable {
    /// The requirement it serves.
    var r: Int
    var v: VariableID
    var placement: Placement
    /// A rotation block of 8 weeks or more, which may hold vacation weeks.
    var holdsVacation: Bool
    /// The receiving unit, for rotation blocks.
    var unit: String?
    /// Share of the week taken from home service.
    var share: Double
}

/// The occupancy of one group of blocks: a trainee's blocks of one requirement at one unit that all hold
/// vacation or all do not. `occ[w − first]` is the number of the group's chosen blocks that cover week w.
struct OccupancyStream: Sendable {
    var first: Int
    var occ: [VariableID]
}

extension PlanningModel {
    /// Unsplit blocks at least this long (a quarter) are summed through an occupancy; shorter ones directly.
    static let streamedLength = 13

    /// Whole-week blocks that run for weeks (rotation blocks, block research and quality work) are many and long:
    /// summed over every week they cover, they would put a candidate into a row for each of its weeks, and the
    /// model would grow with the number of candidates times their lengths. Instead each group of such blocks (a
    /// trainee's blocks of one requirement at one unit, split by whether they may hold vacation) gets a running
    /// occupancy, defined by telescoping rows:
    ///
    /// `occdef[t,req,unit,w]`: occ[w] − occ[w − 1] − Σ blocks starting at w + Σ blocks ending at w = 0.
    ///
    /// Each block is in two rows, each occupancy in two, and the rows that sum over a week (one activity a week,
    /// vacation, buffer, home presence, unit capacity) take one occupancy per group instead of every block. The
    /// rows are equalities, so the occupancy is the integer count of the group's chosen blocks covering the week
    /// (at most 1: a trainee does one thing at a time) and the LP relaxation is the same as before. Short blocks
    /// (courses, vacation weeks, work done at home) are summed directly.
    mutating func addOccupancyRows() throws(ModelError) {
        let freeSet = Set(free)
        streams = []
        streamOf = context.candidates.map { $0.map { [Int](repeating: -1, count: $0.count) } }
        covering = context.candidates.map { _ in [[Cover]](repeating: [], count: context.grid.count) }
        for t in context.candidates.indices where freeSet.contains(t) {
            var out = [[Cover]](repeating: [], count: context.grid.count)
            let id = context.trainees[t].spec.id
            for (r, cands) in context.candidates[t].enumerated() {
                var groups: [String: [Int]] = [:]
                let split = context.trainees[t].requirements[r].totalWeeks != nil
                for (k, c) in cands.enumerated() {
                    if weekSums != .direct, c.placement == .full, c.session == nil,
                       split || (weekSums == .occupancy && c.length >= Self.streamedLength) {
                        groups["\(c.unit ?? "")|\(c.holdsVacation)", default: []].append(k)
                    } else {
                        for w in c.start..<c.end {
                            out[w].append(Cover(r: r, v: block[t][r][k], placement: c.placement, holdsVacation: c.holdsVacation, unit: c.unit,
                                               share: c.share(at: w)))
                        }
                    }
                }
                let req = context.trainees[t].requirements[r].id
                for key in groups.keys.sorted() {
                    let members = groups[key]!
                    let first = members.map { cands[$0].start }.min()!
                    let end = members.map { cands[$0].end }.max()!
                    var starting: [Int: [VariableID]] = [:], ending: [Int: [VariableID]] = [:]
                    for k in members {
                        starting[cands[k].start, default: []].append(block[t][r][k])
                        ending[cands[k].end, default: []].append(block[t][r][k])
                    }
                    let sample = cands[members[0]]
                    let tag = "\(id),\(req),\(sample.unit ?? "-")\(sample.holdsVacation ? "" : ",s")"
                    var occ: [VariableID] = []
                    for w in first..<end {
                        let label = context.label(w)
                        let v = try model.addVariable("occ[\(tag),\(label)]", lower: 0, upper: 1)
                        var terms = [LinearTerm(v)]
                        if let p = occ.last { terms.append(LinearTerm(p, -1)) }
                        terms += (starting[w] ?? []).map { LinearTerm($0, -1) } + (ending[w] ?? []).map { LinearTerm($0) }
                        try addRow(RowTag(.occupancy, trainee: t, requirement: r, unit: sample.unit, week: w), "occdef[\(tag),\(label)]", terms, .equal(0))
                        occ.append(v)
                        out[w].append(Cover(r: r, v: v, placement: .full, holdsVacation: sample.holdsVacation, unit: sample.unit, share: 1))
                    }
                    for k in members { streamOf[t][r][k] = streams.count }
                    streams.append(OccupancyStream(first: first, occ: occ))
                }
            }
            covering[t] = out
        }
    }
}
