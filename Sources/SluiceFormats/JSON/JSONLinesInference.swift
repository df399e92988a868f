import Foundation
import SluiceEngine
import SluiceSpec

/// Infers the schema of JSON Lines data: keys in first-seen order; booleans, integers
/// (int, widened to bigint), floating point (any fraction or exponent, or ints mixed with
/// them), strings; nested objects and arrays, and columns whose values disagree, become
/// strings holding JSON text; columns that are always null are strings.
struct JSONLinesInference {
    let file: String
    let parseMode: ParseMode

    private enum Kind: Equatable { case none, boolean, int32, int64, float64, string }

    func infer(_ data: Data) throws -> Schema {
        var names: [String] = []
        var kinds: [String: Kind] = [:]
        _ = try JSONLines.forEachLine(in: data, file: file) { node, error, line in
            guard let node, let members = node.members else {
                if parseMode == .failFast { throw error ?? Self.notAnObject(node, file: file, line: line) }
                return true
            }
            for member in members {
                if kinds[member.key] == nil { names.append(member.key); kinds[member.key] = Kind.none }
                kinds[member.key] = Self.merge(kinds[member.key]!, Self.kind(of: member.value))
            }
            return true
        }
        return Schema(names.map { name in Field(name, Self.type(of: kinds[name]!)) })
    }

    static func notAnObject(_ node: JSONNode?, file: String, line: Int) -> SluiceError {
        SluiceError(.malformedData, "line is not a JSON object (found \(node?.typeName ?? "nothing"))",
                    location: SourceLocation(file: file, line: line, column: node?.location.column ?? 1),
                    hint: "JSON Lines files hold one JSON object per line")
    }

    private static func kind(of node: JSONNode) -> Kind {
        switch node.value {
        case .null: return .none
        case .bool: return .boolean
        case .number(let text):
            if let value = Int64(text) { return Int32(exactly: value) != nil ? .int32 : .int64 }
            return .float64
        default: return .string
        }
    }

    private static func merge(_ a: Kind, _ b: Kind) -> Kind {
        switch (a, b) {
        case (.none, _): return b
        case (_, .none): return a
        case _ where a == b: return a
        case (.int32, .int64), (.int64, .int32): return .int64
        case (.int32, .float64), (.float64, .int32), (.int64, .float64), (.float64, .int64): return .float64
        default: return .string
        }
    }

    private static func type(of kind: Kind) -> DataType {
        switch kind {
        case .none, .string: .string
        case .boolean: .boolean
        case .int32: .int32
        case .int64: .int64
        case .float64: .float64
        }
    }
}
