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
        switch self {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return JSONValue.format(d)
        case .string(let s): return JSONValue.quote(s)
        case .array(let items):
            if items.isEmpty { return "[]" }
            if isFlat { return "[" + items.map { $0.text() }.joined(separator: ", ") + "]" }
            let pad = String(repeating: " ", count: indent + 2)
            return "[\n" + items.map { pad + $0.text(indent: indent + 2) }.joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent) + "]"
        case .object(let pairs):
            if pairs.isEmpty { return "{}" }
            if isFlat { return "{ " + pairs.map { JSONValue.quote($0.0) + ": " + $0.1.text() }.joined(separator: ", ") + " }" }
            let pad = String(repeating: " ", count: indent + 2)
            return "{\n" + pairs.map { pad + JSONValue.quote($0.0) + ": " + $0.1.text(indent: indent + 2) }.joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent) + "}"
        }
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
        var frac = String(n % 10_000)
        frac = String(repeating: "0", count: 4 - frac.count) + frac
        while frac.count > 1, frac.hasSuffix("0") { frac.removeLast() }
        return (negative ? "-" : "") + String(n / 10_000) + "." + frac
    }

    /// A JSON string literal.
    public static func quote(_ s: String) -> String {
        var out = "\""
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
        return out + "\""
    }
}
