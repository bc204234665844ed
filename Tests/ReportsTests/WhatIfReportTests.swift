import Foundation
@testable import Reports
import STCore
import Testing

/// The comparison's difference from the base, and when it is noise.
@Suite("What-if comparison")
struct WhatIfReportTests {
    static func variant(_ name: String, objective: Double, gap: Double?, method: WhatIfVariant.Method) -> WhatIfVariant {
        var p = ReportGoldenTests.richPlan()
        p.solve.objective = objective
        p.solve.gap = gap
        return WhatIfVariant(name: name, file: name + ".yaml", plan: p, failure: nil, seconds: 1, coursesMissed: 0, method: method)
    }

    @Test("a difference within the larger gap × objective is marked as noise; a larger one, or one without a gap, is not")
    func noise() throws {
        let base = Self.variant("bas", objective: 1000, gap: 0.01, method: .base)            // ± 10
        let small = Self.variant("liten", objective: 1006, gap: 0.0, method: .fromBase)      // +6, within 10
        let large = Self.variant("stor", objective: 1040, gap: 0.0, method: .fromBase)       // +40
        let replanned = Self.variant("om", objective: 994, gap: nil, method: .replanned(from: CivilDate(iso: "2028-03-06")!))
        #expect(WhatIfReport.difference(small, base)?.noise == true)
        #expect(WhatIfReport.difference(large, base)?.noise == false)
        // The base's own uncertainty still holds when the variant has no gap (a replan proves no bound).
        #expect(WhatIfReport.difference(replanned, base)?.noise == true)
        #expect(WhatIfReport.difference(base, base) == nil)
        let exact = Self.variant("exakt", objective: 1006, gap: 0, method: .fromBase)
        let proven = Self.variant("bevisad", objective: 1000, gap: 0, method: .base)
        #expect(WhatIfReport.difference(exact, proven)?.noise == false, "with both proven optimal nothing is noise")
        let md = WhatIfReport.markdown([base, small, large, replanned], title: "T", language: ReportLanguage(english: false))
        #expect(md.contains("| Skillnad mot basen | – | +6,0 (brus: inom gapet) | +40,0 | −6,0 (brus: inom gapet) |"), "\(md)")
        #expect(md.contains("| Planerad | från början | från början, med basplanen som start | från början, med basplanen som start | omplanerad från basen från 2028-03-06 |"), "\(md)")
        #expect(md.contains("| Målfunktion | 1000,0 | 1006,0 | 1040,0 | 994,0 |"), "\(md)")
    }
}

/// Issue 15, item 8: a leave is named by its kind in the service plan, the period plans and the IUP.
@Suite("Leave by its kind")
struct LeaveKindTests {
    @Test("parental leave and sick leave are named; a leave of no known kind stays Ledighet; the kind survives plan.json")
    func named() throws {
        var p = ReportGoldenTests.richPlan()
        let w = try #require(p.trainees[0].weeks.firstIndex { $0.activity == .leave })
        p.trainees[0].weeks[w].leave = "parental"
        p.trainees[0].blocks = Plan.blocks(of: p.trainees[0].weeks)
        let md = MarkdownReport.text(p, language: ReportLanguage(english: false))
        #expect(md.contains("| Föräldraledighet |"), "\(md)")
        #expect(!md.contains("| Ledighet |"))
        #expect(IUPReport.markdown(p, trainee: p.trainees[0]).contains("Föräldraledighet"))
        #expect(MarkdownReport.text(p, language: ReportLanguage(english: true)).contains("Parental leave"))
        p.trainees[0].weeks[w].leave = "sick"
        p.trainees[0].blocks = Plan.blocks(of: p.trainees[0].weeks)
        #expect(MarkdownReport.text(p, language: ReportLanguage(english: false)).contains("Sjukskrivning"))
        let back = try PlanFile.decode(Data(PlanFile.encode(p).utf8))
        #expect(back.trainees[0].weeks[w].leave == "sick")
        #expect(back.trainees[0].blocks.contains { $0.activity == .leave && $0.leave == "sick" })
    }
}
