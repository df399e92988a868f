import Foundation
import SluiceEngine
import SluiceSpec

/// Infers the schema of JSON Lines data as Spark does: keys in first-seen order; booleans,
/// integers (int, widened to bigint), floating point (any fraction or exponent, or ints mixed
/// with them), strings; objects as structs (their keys merged across lines) and arrays as
/// arrays of their merged elements, at any depth; values that disagree become strings holding
/// JSON text; columns that are always null, and arrays that are always empty, hold strings.
struct JSONLinesInference {
    let file: String
    let parseMode: ParseMode

    /// What the values of one place allow it to be.
    indirect enum Shape: Equatable {
        case none, boolean, int32, int64, float64, string
        case array(Shape)
        /// Members in first-seen order.
        case object([(String, Shape)])

        static func == (left: Shape, right: Shape) -> Bool {
            switch (left, right) {
            case (.none, .none), (.boolean, .boolean), (.int32, .int32), (.int64, .int64), (.float64, .float64), (.string, .string): true
            case (.array(let a), .array(let b)): a == b
            case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
            default: false
            }
        }
    }

    func infer(_ data: Data) throws -> Schema {
        var shape = Shape.object([])
        _ = try JSONLines.forEachLine(in: data, file: file) { node, error, line in
            guard let node, node.members != nil else {
                if parseMode == .failFast { throw error ?? Self.notAnObject(node, file: file, line: line) }
                return true
            }
            shape = Self.merge(shape, Self.shape(of: node))
            return true
        }
        guard case .object(let members) = shape else { return Schema([]) }
        return Schema(members.map { Field($0.0, Self.type(of: $0.1)) })
    }

    static func notAnObject(_ node: JSONNode?, file: String, line: Int) -> SluiceError {
        SluiceError(.malformedData, "line is not a JSON object (found \(node?.typeName ?? "nothing"))",
                    location: SourceLocation(file: file, line: line, column: node?.location.column ?? 1),
                    hint: "JSON Lines files hold one JSON object per line")
    }

    static func shape(of node: JSONNode) -> Shape {
        switch node.value {
        case .null: return .none
        case .bool: return .boolean
        case .number(let text):
            if let value = Int64(text) { return Int32(exactly: value) != nil ? .int32 : .int64 }
            return .float64
        case .string: return .string
        case .array(let items): return .array(items.reduce(Shape.none) { merge($0, shape(of: $1)) })
        case .object(let members):
            var merged: [(String, Shape)] = []
            for member in members {
                if let index = merged.firstIndex(where: { $0.0 == member.key }) {
                    merged[index].1 = merge(merged[index].1, shape(of: member.value))
                } else {
                    merged.append((member.key, shape(of: member.value)))
                }
            }
            return .object(merged)
        }
    }

    static func merge(_ a: Shape, _ b: Shape) -> Shape {
        switch (a, b) {
        case (.none, _): return b
        case (_, .none): return a
        case (.int32, .int64), (.int64, .int32): return .int64
        case (.int32, .float64), (.float64, .int32), (.int64, .float64), (.float64, .int64): return .float64
        case (.array(let x), .array(let y)): return .array(merge(x, y))
        case (.object(let x), .object(let y)):
            var merged = x
            for (key, shape) in y {
                if let index = merged.firstIndex(where: { $0.0 == key }) { merged[index].1 = merge(merged[index].1, shape) } else { merged.append((key, shape)) }
            }
            return .object(merged)
        case _ where a == b: return a
        default: return .string
        }
    }

    static func type(of shape: Shape) -> DataType {
        switch shape {
        case .none, .string: .string
        case .boolean: .boolean
        case .int32: .int32
        case .int64: .int64
        case .float64: .float64
        case .array(let element): .array(type(of: element))
        case .object(let members): .struct(members.map { Field($0.0, type(of: $0.1)) })
        }
    }
}
