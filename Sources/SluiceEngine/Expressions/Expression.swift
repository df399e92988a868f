/// An expression as written in a pipeline file (Spark SQL dialect), before names are
/// resolved against a schema. `ExpressionParser` builds it; `ExpressionBinder` types it.
public indirect enum Expression: Sendable, Hashable, CustomStringConvertible {
    /// A column, optionally qualified by a dataset name (`orders.amount`).
    case column(name: String, qualifier: String?)
    case literal(ScalarValue)
    case unary(UnaryOperator, Expression)
    case binary(BinaryOperator, Expression, Expression)
    case isNull(Expression, negated: Bool)
    case inList(Expression, [Expression], negated: Bool)
    case between(Expression, low: Expression, high: Expression, negated: Bool)
    /// `LIKE` (SQL wildcards `%` and `_`) or `RLIKE` (a regular expression).
    case like(Expression, pattern: Expression, negated: Bool, regex: Bool)
    /// `CASE [operand] WHEN ... THEN ... [ELSE ...] END`.
    case caseWhen(operand: Expression?, branches: [CaseBranch], otherwise: Expression?)
    case cast(Expression, DataType)
    /// A function call; names are case-insensitive.
    case function(name: String, arguments: [Expression], distinct: Bool)
    /// `*` as a function argument (`count(*)`).
    case star
    /// `function(arguments) OVER (PARTITION BY ... ORDER BY ...)`, computed by the window operator.
    case window(WindowCall)

    /// The expression in Spark SQL syntax; also the default name of a computed column.
    public var description: String {
        switch self {
        case .column(let name, let qualifier):
            let quoted = name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" } ? name : "`\(name)`"
            return qualifier.map { "\($0).\(quoted)" } ?? quoted
        case .literal(let value):
            switch value {
            case .string(let text): return "'" + text.replacingOccurrences(of: "'", with: "\\'") + "'"
            case .null: return "NULL"
            case .date(let days): return "DATE '\(Temporal.formatDate(days))'"
            case .timestamp(let micros): return "TIMESTAMP '\(Temporal.formatTimestamp(micros))'"
            default: return value.description
            }
        case .unary(let op, let operand): return op == .not ? "(NOT \(operand))" : "(- \(operand))"
        case .binary(let op, let left, let right): return "(\(left) \(op.rawValue) \(right))"
        case .isNull(let operand, let negated): return "(\(operand) IS \(negated ? "NOT " : "")NULL)"
        case .inList(let operand, let list, let negated):
            return "(\(operand) \(negated ? "NOT " : "")IN (\(list.map(\.description).joined(separator: ", "))))"
        case .between(let operand, let low, let high, let negated):
            return "(\(operand) \(negated ? "NOT " : "")BETWEEN \(low) AND \(high))"
        case .like(let operand, let pattern, let negated, let regex):
            return "(\(operand) \(negated ? "NOT " : "")\(regex ? "RLIKE" : "LIKE") \(pattern))"
        case .caseWhen(let operand, let branches, let otherwise):
            var text = "CASE" + (operand.map { " \($0)" } ?? "")
            for branch in branches { text += " WHEN \(branch.condition) THEN \(branch.value)" }
            if let otherwise { text += " ELSE \(otherwise)" }
            return text + " END"
        case .cast(let operand, let type): return "CAST(\(operand) AS \(type.sqlName))"
        case .function(Self.subscriptFunction, let arguments, _) where arguments.count == 2:
            return "\(arguments[0])[\(arguments[1])]"
        case .function(let name, let arguments, let distinct):
            return "\(name)(\(distinct ? "DISTINCT " : "")\(arguments.map(\.description).joined(separator: ", ")))"
        case .star: return "*"
        case .window(let call): return call.description
        }
    }
}

extension Expression {
    /// The function name `value[index]` parses to (no identifier spells it).
    public static let subscriptFunction = "[]"
}

/// A window function call: the function, its arguments, and its window.
public struct WindowCall: Sendable, Hashable {
    public var function: String
    public var arguments: [Expression]
    public var partitionBy: [Expression]
    public var orderBy: [SortNode.Key]

    public init(function: String, arguments: [Expression], partitionBy: [Expression], orderBy: [SortNode.Key]) {
        self.function = function
        self.arguments = arguments
        self.partitionBy = partitionBy
        self.orderBy = orderBy
    }

    public var description: String {
        var window: [String] = []
        if !partitionBy.isEmpty { window.append("PARTITION BY " + partitionBy.map(\.description).joined(separator: ", ")) }
        if !orderBy.isEmpty { window.append("ORDER BY " + orderBy.map(\.description).joined(separator: ", ")) }
        return "\(function)(\(arguments.map(\.description).joined(separator: ", "))) OVER (\(window.joined(separator: " ")))"
    }
}

/// One `WHEN condition THEN value` of a `CASE`.
public struct CaseBranch: Sendable, Hashable {
    public var condition: Expression
    public var value: Expression

    public init(condition: Expression, value: Expression) {
        self.condition = condition
        self.value = value
    }
}

/// Prefix operators.
public enum UnaryOperator: String, Sendable, Hashable {
    case negate = "-"
    case not = "NOT"
}

/// Infix operators, spelled as Spark SQL writes them.
public enum BinaryOperator: String, Sendable, Hashable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", modulo = "%"
    case equal = "=", notEqual = "!=", less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    /// `<=>`: equal, with NULL <=> NULL true.
    case nullSafeEqual = "<=>"
    case and = "AND", or = "OR"
    /// `||`: string concatenation.
    case concat = "||"

    var isComparison: Bool {
        [.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .nullSafeEqual].contains(self)
    }

    var isArithmetic: Bool { [.add, .subtract, .multiply, .divide, .modulo].contains(self) }
}

import Foundation
