import LinearModel

extension PlanningModel {
    /// `completion_buffer_weeks`: the last weeks with service before completion are home service (vacation allowed):
    /// no rotation, course, research or quality work. With the ST ending at earliestEnd + j, the buffer is
    /// `bufferWeeks[j]`. The ends that put week w in the buffer form a run j = lo…hi, and "the ST ends in that run"
    /// is ext[lo − 1] − ext[hi] (ext[−1] = 1, ext[maxExtension] = 0). Rows `buf` (whole-week work) and `bufh`
    /// (each work done at home) forbid planning in w when it does.
    mutating func addBufferRows() throws {
        for t in free {
            let tc = context.trainees[t]
            guard tc.program.completionBufferWeeks > 0 else { continue }
            var runs: [Int: (lo: Int, hi: Int)] = [:]
            for (j, weeks) in tc.bufferWeeks.enumerated() {
                for w in weeks { runs[w] = runs[w].map { ($0.lo, j) } ?? (j, j) }
            }
            let ext = extended[t]
            for w in runs.keys.sorted() {
                let (lo, hi) = runs[w]!
                var endTerms: [LinearTerm] = []
                var rhs = 1.0
                if lo == 0 { rhs -= 1 } else { endTerms.append(LinearTerm(ext[lo - 1])) }
                if hi < ext.count { endTerms.append(LinearTerm(ext[hi], -1)) }
                var full: [LinearTerm] = []
                var home: [Int: [LinearTerm]] = [:]
                for c in covering[t][w] {
                    switch c.placement {
                    case .full: full.append(LinearTerm(c.v))
                    case .atHome: home[c.r, default: []].append(LinearTerm(c.v))
                    case .vacation: break
                    }
                }
                let label = context.label(w)
                if !full.isEmpty { try addRow(RowTag(.buffer, trainee: t, week: w), "buf[\(tc.spec.id),\(label)]", full + endTerms, .lessOrEqual(rhs)) }
                for r in home.keys.sorted() {
                    try addRow(RowTag(.bufferHome, trainee: t, requirement: r, week: w), "bufh[\(tc.spec.id),\(tc.requirements[r].id),\(label)]", home[r]! + endTerms, .lessOrEqual(rhs))
                }
            }
        }
    }
}
