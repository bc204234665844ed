// A small deterministic JSON writer: keys in the order given, fixed number formats, stable layout.

/// A JSON value whose objects keep their key order.
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// Written with at most 4 decimals and at least one (`1.0`, `0.8`, `0.3333`).
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([(String, JSONValue)])

    public static func == (a: JSONValue, b: JSONValue) -> Bool { a.text() == b.text() }

    /// An optional value, or `null`.
    public static func optional<T>(_ v: T?, _ f: (T) -> JSONValue) -> JSONValue { v.map(f) ?? .null }

    /// Pretty text: objects and arrays that hold only scalars sit on one line; others are indented by 2.
    public func text(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    /// Appends ``text(indent:)`` to `out` (one growing buffer: a 160-trainee plan is 12 MB of text).
    public func write(into out: inout String, indent: Int = 0) {
        switch self {
        case .null: out += "null"
        case .bool(let b): out += b ? "true" : "false"
        case .int(let i): out += String(i)
        case .double(let d): out += JSONValue.format(d)
        case .string(let s): JSONValue.quote(s, into: &out)
        case .array(let items):
            if items.isEmpty { out += "[]"; return }
            if isFlat {
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += ", " }
                    item.write(into: &out)
                }
                out += "]"
                return
            }
            out += "[\n"
            for (i, item) in items.enumerated() {
                if i > 0 { out += ",\n" }
                JSONValue.pad(&out, indent + 2)
                item.write(into: &out, indent: indent + 2)
            }
            out += "\n"
            JSONValue.pad(&out, indent)
            out += "]"
        case .object(let pairs):
            if pairs.isEmpty { out += "{}"; return }
            if isFlat {
                out += "{ "
                for (i, pair) in pairs.enumerated() {
                    if i > 0 { out += ", " }
                    JSONValue.quote(pair.0, into: &out)
                    out += ": "
                    pair.1.write(into: &out)
                }
                out += " }"
                return
            }
            out += "{\n"
            for (i, pair) in pairs.enumerated() {
                if i > 0 { out += ",\n" }
                JSONValue.pad(&out, indent + 2)
                JSONValue.quote(pair.0, into: &out)
                out += ": "
                pair.1.write(into: &out, indent: indent + 2)
            }
            out += "\n"
            JSONValue.pad(&out, indent)
            out += "}"
        }
    }

    private static func pad(_ out: inout String, _ n: Int) {
        for _ in 0..<n { out += " " }
    }

    private var isScalar: Bool {
        switch self {
        case .array, .object: return false
        default: return true
        }
    }

    /// Holds no object, and no array other than arrays of scalars.
    private var isFlat: Bool {
        switch self {
        case .array(let items): return items.allSatisfy(\.isScalar)
        case .object(let pairs):
            return pairs.allSatisfy { pair in
                if case .array(let a) = pair.1 { return a.allSatisfy(\.isScalar) }
                return pair.1.isScalar
            }
        default: return true
        }
    }

    /// A number with at most 4 decimals and at least one: 1.0, 0.8, 2.25, 0.3333, -0.5.
    public static func format(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        let scaled = (d * 10_000).rounded()
        if scaled == 0 { return "0.0" }
        let negative = scaled < 0
        let mag = abs(scaled)
        guard mag < 9e15 else { return "\(d)" }
        let n = Int64(mag)
        var out = negative ? "-" : ""
        out += String(n / 10_000)
        out += "."
        var f = n % 10_000
        if f == 0 { return out + "0" }
        // The decimals without trailing zeros, with their leading zeros.
        var digits = 4
        while f % 10 == 0 { f /= 10; digits -= 1 }
        let text = String(f)
        for _ in 0..<(digits - text.count) { out += "0" }
        return out + text
    }

    /// A JSON string literal.
    public static func quote(_ s: String) -> String {
        var out = ""
        quote(s, into: &out)
        return out
    }

    /// Appends the JSON string literal of `s` to `out`.
    public static func quote(_ s: String, into out: inout String) {
        out += "\""
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += s
            out += "\""
            return
        }
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    let h = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - h.count) + h
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        out += "\""
    }
}
