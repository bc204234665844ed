// A small strict JSON reader for plan files: the bytes become a tree of ``JSONNode``s, refusing what Foundation's
// JSONDecoder also refuses (bad syntax, invalid UTF-8, control characters in strings) and, unlike it, an object
// that names a key twice. It reads a 160-trainee plan several times faster than JSONDecoder (see
// Benchmarks/README.md, `stplan-bench hotpaths`).

/// A parsed JSON value; objects keep their keys in file order.
public indirect enum JSONNode: Sendable {
    case null
    case bool(Bool)
    /// A number, and its value as an integer when it is one exactly (no fraction, within ±2^53).
    case number(Double, integer: Int?)
    case string(String)
    case array([JSONNode])
    case object([(String, JSONNode)])

    /// What the value is, in words for a message ("a number", "text", …).
    public var kindName: String {
        switch self {
        case .null: "null"
        case .bool: "true or false"
        case .number: "a number"
        case .string: "text"
        case .array: "a list"
        case .object: "an object"
        }
    }
}

/// Why JSON text cannot be read: what is wrong and at which byte offset (and line).
public struct JSONSyntaxError: Error, Sendable, CustomStringConvertible {
    /// What is wrong.
    public let message: String
    /// The 1-based line of the problem.
    public let line: Int
    public var description: String { "line \(line): \(message)" }
}

/// Parses JSON bytes into a ``JSONNode`` (RFC 8259, one value, white space around it).
public struct JSONReader {
    private let bytes: [UInt8]
    private var i = 0
    private var depth = 0
    /// Objects and arrays nested deeper than this are refused (the reader recurses).
    public static let maxDepth = 256

    private init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// The value in `bytes`, or a ``JSONSyntaxError``.
    public static func parse(_ bytes: [UInt8]) throws(JSONSyntaxError) -> JSONNode {
        var r = JSONReader(bytes)
        r.skipSpace()
        let v = try r.value()
        r.skipSpace()
        guard r.i == r.bytes.count else { throw r.fail("text after the end of the JSON value") }
        return v
    }

    private func fail(_ message: String) -> JSONSyntaxError {
        var line = 1
        for b in bytes[..<min(i, bytes.count)] where b == 0x0A { line += 1 }
        return JSONSyntaxError(message: message, line: line)
    }

    private mutating func skipSpace() {
        while i < bytes.count {
            switch bytes[i] {
            case 0x20, 0x09, 0x0A, 0x0D: i += 1
            default: return
            }
        }
    }

    private mutating func value() throws(JSONSyntaxError) -> JSONNode {
        guard i < bytes.count else { throw fail("the JSON text ends where a value was expected") }
        switch bytes[i] {
        case UInt8(ascii: "{"): return try object()
        case UInt8(ascii: "["): return try array()
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw fail("unexpected character '\(Unicode.Scalar(bytes[i]))' where a value was expected")
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONSyntaxError) {
        let n = word.utf8CodeUnitCount
        guard i + n <= bytes.count else { throw fail("the JSON text ends inside \(word)") }
        let ok = word.withUTF8Buffer { w in (0..<n).allSatisfy { bytes[i + $0] == w[$0] } }
        guard ok else { throw fail("unexpected word where \(word) was expected") }
        i += n
    }

    private mutating func nest() throws(JSONSyntaxError) {
        depth += 1
        guard depth <= Self.maxDepth else { throw fail("objects and lists nested deeper than \(Self.maxDepth) levels") }
    }

    private mutating func object() throws(JSONSyntaxError) -> JSONNode {
        try nest()
        defer { depth -= 1 }
        i += 1
        var pairs: [(String, JSONNode)] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
        while true {
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw fail("expected a key in quotes") }
            let key = try string()
            if pairs.contains(where: { $0.0 == key }) { throw fail("the key \"\(key)\" appears twice in one object") }
            skipSpace()
            guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw fail("expected ':' after the key \"\(key)\"") }
            i += 1
            skipSpace()
            pairs.append((key, try value()))
            skipSpace()
            guard i < bytes.count else { throw fail("the JSON text ends inside an object") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "}") { i += 1; return .object(pairs) }
            throw fail("expected ',' or '}' in an object")
        }
    }

    private mutating func array() throws(JSONSyntaxError) -> JSONNode {
        try nest()
        defer { depth -= 1 }
        i += 1
        var items: [JSONNode] = []
        skipSpace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
        while true {
            skipSpace()
            items.append(try value())
            skipSpace()
            guard i < bytes.count else { throw fail("the JSON text ends inside a list") }
            if bytes[i] == UInt8(ascii: ",") { i += 1; continue }
            if bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
            throw fail("expected ',' or ']' in a list")
        }
    }

    private mutating func string() throws(JSONSyntaxError) -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                guard let s = String(validating: bytes[start..<i], as: UTF8.self) else { throw fail("text that is not valid UTF-8") }
                i += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw fail("a control character inside text (write it as an escape)") }
            i += 1
        }
        var out = Array(bytes[start..<i])
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                guard let s = String(validating: out, as: UTF8.self) else { throw fail("text that is not valid UTF-8") }
                i += 1
                return s
            }
            if b < 0x20 { throw fail("a control character inside text (write it as an escape)") }
            guard b == UInt8(ascii: "\\") else { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var code = try hex4()
                if (0xD800..<0xDC00).contains(code) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw fail("a lone UTF-16 surrogate in a \\u escape")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else { throw fail("a lone UTF-16 surrogate in a \\u escape") }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                } else if (0xDC00..<0xE000).contains(code) {
                    throw fail("a lone UTF-16 surrogate in a \\u escape")
                }
                guard let scalar = Unicode.Scalar(code) else { throw fail("a \\u escape that is no character") }
                out += Array(String(Character(scalar)).utf8)
            default: throw fail("an unknown escape \\\(Unicode.Scalar(e)) in text")
            }
        }
        throw fail("the JSON text ends inside text (a missing closing quote)")
    }

    private mutating func hex4() throws(JSONSyntaxError) -> UInt32 {
        guard i + 4 <= bytes.count else { throw fail("a \\u escape needs four hex digits") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = bytes[i]
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
            default: throw fail("a \\u escape needs four hex digits")
            }
            v = v * 16 + UInt32(d)
            i += 1
        }
        return v
    }

    private static let powers: [Double] = (0...22).map { k in (0..<k).reduce(1.0) { x, _ in x * 10 } }

    private mutating func number() throws(JSONSyntaxError) -> JSONNode {
        let start = i
        var negative = false
        if bytes[i] == UInt8(ascii: "-") { negative = true; i += 1 }
        func digit(_ k: Int) -> Bool { k < bytes.count && bytes[k] >= UInt8(ascii: "0") && bytes[k] <= UInt8(ascii: "9") }
        guard digit(i) else { throw fail("a number needs a digit after '-'") }
        var mantissa: UInt64 = 0
        var digits = 0
        if bytes[i] == UInt8(ascii: "0") {
            i += 1
            if digit(i) { throw fail("a number may not start with 0 followed by digits") }
        } else {
            while digit(i) {
                if digits < 19 { mantissa = mantissa * 10 + UInt64(bytes[i] - UInt8(ascii: "0")) }
                digits += 1
                i += 1
            }
        }
        var fraction = 0
        var simple = digits <= 15
        if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
            i += 1
            guard digit(i) else { throw fail("a number needs a digit after '.'") }
            while digit(i) {
                if digits + fraction < 15 { mantissa = mantissa * 10 + UInt64(bytes[i] - UInt8(ascii: "0")); fraction += 1 }
                else if bytes[i] != UInt8(ascii: "0") { simple = false }
                i += 1
            }
        }
        if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
            i += 1
            if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
            guard digit(i) else { throw fail("a number needs a digit in its exponent") }
            while digit(i) { i += 1 }
            simple = false
        }
        let value: Double
        if simple {
            // Exact: a mantissa below 2^53 divided by an exact power of ten is correctly rounded.
            let m = Double(mantissa)
            value = (negative ? -1 : 1) * (fraction == 0 ? m : m / Self.powers[fraction])
        } else {
            guard let v = Double(String(decoding: bytes[start..<i], as: UTF8.self)), v.isFinite else {
                throw fail("a number too large to read")
            }
            value = v
        }
        let integral = value.rounded() == value && abs(value) <= 9_007_199_254_740_992
        return .number(value, integer: integral ? Int(value) : nil)
    }
}
