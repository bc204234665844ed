import Foundation
import ScenarioFormat
import STCore

/// What the studierektor has pinned by hand: a rotation's start, or a unit forbidden to a trainee for a period.
/// Kept beside the scenario in `.stplan/NAME/pins.json`, not in the person's file; every plan and replan the
/// workbench starts carries them (as `pins:` and `forbidden:` of the trainees, in the overlay it plans).
public struct Pin: Codable, Sendable, Equatable {
    /// `start`: rotation `rotation` starts in the week of `start` (at `unit` when given); `forbidden`: no rotation at
    /// `unit` in a week that `from`–`to` touches.
    public enum Kind: String, Codable, Sendable { case start, forbidden }
    public var kind: Kind
    public var trainee: String
    public var rotation: String?
    public var unit: String?
    public var start: String?
    public var from: String?
    public var to: String?

    /// The pin in plain words, with the scenario's names.
    func words(_ s: Scenario?, language l: Language) -> String {
        let who = s?.trainees.first { $0.id == trainee }?.name ?? trainee
        let unitName = unit.map { u in s?.units.first { $0.id == u }?.name ?? u }
        switch kind {
        case .start:
            return l.t("\(who): randningen \(rotation ?? "?") börjar veckan \(start ?? "?")", "\(who): rotation \(rotation ?? "?") starts the week of \(start ?? "?")")
                + (unitName.map { l.t(" på \($0)", " at \($0)") } ?? "")
        case .forbidden:
            return l.t("\(who): inte på \(unitName ?? "?") \(from ?? "?")–\(to ?? "?")", "\(who): not at \(unitName ?? "?") \(from ?? "?")–\(to ?? "?")")
        }
    }
}

enum Pins {
    /// The YAML entries of `trainees:` that carry `pins` (empty when there are none), for an overlay.
    static func traineeEntries(_ pins: [Pin]) -> String {
        var out = ""
        var order: [String] = []
        for p in pins where !order.contains(p.trainee) { order.append(p.trainee) }
        for t in order {
            let mine = pins.filter { $0.trainee == t }
            out += "  - id: \(Actions.yaml(t))\n"
            let starts = mine.filter { $0.kind == .start }
            if !starts.isEmpty {
                out += "    pins+:\n" + starts.map { p in
                    "      - { rotation: \(Actions.yaml(p.rotation ?? "")), start: \(p.start ?? "")\(p.unit.map { ", unit: \(Actions.yaml($0))" } ?? "") }\n"
                }.joined()
            }
            let barred = mine.filter { $0.kind == .forbidden }
            if !barred.isEmpty {
                out += "    forbidden+:\n" + barred.map { p in
                    "      - { unit: \(Actions.yaml(p.unit ?? "")), from: \(p.from ?? ""), to: \(p.to ?? "") }\n"
                }.joined()
            }
        }
        return out
    }

    /// An overlay of scenario `name` with `pins` and the change's own entries, written at `depth` folders below the
    /// workspace (`base:` climbs that many).
    static func overlay(_ name: String, depth: Int, title: String, today: CivilDate? = nil, pins: [Pin],
                        traineeEntries: String = "", unitEntries: String = "", courseEntries: String = "") -> String {
        let oneLine = title.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
        var text = "# Made by the workbench: \(oneLine).\nvariant: \(Actions.yaml(title))\nbase: \(String(repeating: "../", count: depth))\(name).yaml\n"
        if let today { text += "today: \(today)\n" }
        let entries = Pins.traineeEntries(pins) + traineeEntries
        if !entries.isEmpty { text += "trainees:\n" + entries }
        if !unitEntries.isEmpty { text += "units:\n" + unitEntries }
        if !courseEntries.isEmpty { text += "courses:\n" + courseEntries }
        return text
    }
}

extension Workspace {
    /// The pins of scenario `name`, in the order they were made.
    public func pins(_ name: String) -> [Pin] {
        guard Self.isValidName(name), let path = try? confined(".stplan/\(name)/pins.json"),
              let data = FileManager.default.contents(atPath: path) else { return [] }
        return (try? JSONDecoder().decode([Pin].self, from: data)) ?? []
    }

    /// Writes the pins of scenario `name` atomically.
    public func savePins(_ name: String, _ pins: [Pin]) throws(WorkbenchError) {
        guard Self.isValidName(name) else { throw Self.badName(name) }
        let path = try confined(".stplan/\(name)/pins.json")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        do {
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try encoder.encode(pins).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw WorkbenchError(status: 500, "Låsningarna kunde inte sparas: \(error.localizedDescription)",
                                 english: "The pins could not be saved: \(error.localizedDescription)")
        }
    }
}

extension Actions {
    /// Adds the pin the form describes (`kind` = `start` or `forbidden`) to scenario `name`, after checking that the
    /// scenario with every pin is still valid.
    static func addPin(_ state: WorkbenchState, _ name: String, form: [String: String], language l: Language) throws(WorkbenchError) {
        let ws = state.workspace
        _ = try ws.existing(name)
        let trainee = form["trainee"] ?? ""
        let pin: Pin
        switch form["kind"] ?? "" {
        case "start":
            pin = Pin(kind: .start, trainee: trainee, rotation: form["rotation"], unit: (form["unit"] ?? "").isEmpty ? nil : form["unit"],
                      start: try Fields.date(form, "start").description)
        case "forbidden":
            let from = try Fields.date(form, "from"), to = try Fields.date(form, "to")
            pin = Pin(kind: .forbidden, trainee: trainee, unit: form["unit"], from: from.description, to: to.description)
        default:
            throw WorkbenchError(status: 400, "Välj att låsa en start eller förbjuda en enhet.", english: "Choose to pin a start or forbid a unit.")
        }
        // A new start pin of a rotation replaces the old one (moving a block is pinning it elsewhere).
        var pins = ws.pins(name).filter { !(pin.kind == .start && $0.kind == .start && $0.trainee == pin.trainee && $0.rotation == pin.rotation) }
        pins.append(pin)
        let path = try ws.confined(".stplan/\(name)") + "/pins.yaml"
        let loaded = Pages.validate(text: Pins.overlay(name, depth: 2, title: "pins", pins: pins), path: path, in: ws)
        guard loaded.errors == 0 else {
            let why = loaded.diagnostics.filter { $0.severity == .error }.map(\.message).joined(separator: "; ")
            throw WorkbenchError(status: 422, "Låsningen går inte ihop med scenariot: \(why)", english: "The pin does not fit the scenario: \(why)")
        }
        try ws.savePins(name, pins)
    }

    /// Removes pin `index` of scenario `name`.
    static func removePin(_ state: WorkbenchState, _ name: String, form: [String: String]) throws(WorkbenchError) {
        let ws = state.workspace
        _ = try ws.existing(name)
        var pins = ws.pins(name)
        guard let i = Int(form["index"] ?? ""), pins.indices.contains(i) else {
            throw WorkbenchError(status: 400, "Det finns ingen sådan låsning.", english: "There is no such pin.")
        }
        pins.remove(at: i)
        try ws.savePins(name, pins)
    }
}
