import Foundation
import SluiceSpec

/// The scalar functions expressions may call, with their argument counts and result types.
enum FunctionCatalog {
    /// How a function is typed and evaluated.
    struct Entry: Sendable {
        /// Allowed argument counts.
        let arity: ClosedRange<Int>
        /// The types arguments are cast to (by position; the last repeats), or nil to keep each argument's type.
        let argumentTypes: [DataType]?
        /// For polymorphic functions: leading arguments of fixed type (the condition of `if`),
        /// left out of the common type of the rest.
        var leading: [DataType] = []
        /// The result type, given the argument types after casting.
        let result: @Sendable ([DataType?]) -> DataType
        var function: RowFunction
        /// For functions typed by their arguments' own types (`hash`, `element_at`, `array`):
        /// replaces `argumentTypes`, `result` and `function` when set.
        var specialize: Specializer? = nil
    }

    /// Given the argument types (nil for an untyped NULL), the types to cast the arguments to,
    /// the result type and the function; or why the arguments do not fit.
    typealias Specializer = @Sendable ([DataType?]) throws(ArgumentTypeError) -> Specialized

    /// A function call typed for its arguments.
    struct Specialized {
        let argumentTypes: [DataType]
        let result: DataType
        let function: RowFunction
    }

    /// Arguments a function cannot take, in a sentence.
    struct ArgumentTypeError: Error {
        let message: String
    }

    static func bind(_ name: String, _ arguments: [Expression], binder: ExpressionBinder,
                     expression: Expression) throws(SluiceError) -> (BoundExpression, DataType?) {
        let key = name.lowercased()
        if key == "current_date" || key == "current_timestamp" || key == "now" {
            let now = Int64((Date().timeIntervalSince1970 * 1_000_000).rounded())
            return key == "current_date" ? (.literal(.date(Int32(now / 86_400_000_000)), type: .date), .date)
                                         : (.literal(.timestamp(now), type: .timestamp), .timestamp)
        }
        if let type = castFunctions[key] {
            // Spark's cast functions: `double(x)` is `CAST(x AS DOUBLE)`.
            guard arguments.count == 1 else {
                throw SluiceError(.invalidValue, "\(key) takes 1 argument, got \(arguments.count), in \(expression)",
                                  hint: "it is CAST(x AS \(key.uppercased()))")
            }
            return try binder.bindUntyped(.cast(arguments[0], type))
        }
        guard let entry = key == Expression.subscriptFunction ? CollectionFunctions.subscriptEntry : entries[key] else {
            throw SluiceError(.unknownFunction, "unknown function '\(name)'",
                              hint: NameSuggester.hint(for: key, in: entries.keys) ?? "see the expression reference for the functions available")
        }
        guard entry.arity.contains(arguments.count) else {
            let expected = entry.arity.lowerBound == entry.arity.upperBound ? "\(entry.arity.lowerBound)"
                : "\(entry.arity.lowerBound) to \(entry.arity.upperBound == Int.max ? "any number of" : String(entry.arity.upperBound))"
            throw SluiceError(.invalidValue, "\(key) takes \(expected) arguments, got \(arguments.count), in \(expression)")
        }
        if let specialize = entry.specialize {
            return try bindSpecialized(specialize, arguments, binder: binder, expression: expression)
        }
        var bound: [BoundExpression] = []
        var types: [DataType?] = []
        for (index, argument) in arguments.enumerated() {
            let (value, type) = try binder.bindUntyped(argument)
            if index < entry.leading.count {
                bound.append(binder.coerce(value, from: type, to: entry.leading[index]))
                types.append(entry.leading[index])
            } else if let wanted = entry.argumentTypes {
                let target = wanted[min(index, wanted.count - 1)]
                bound.append(binder.coerce(value, from: type, to: target))
                types.append(target)
            } else {
                bound.append(value)
                types.append(type)
            }
        }
        let fixed = entry.leading.count
        let type = entry.result(Array(types.dropFirst(fixed)))
        if entry.argumentTypes == nil {  // polymorphic: bring every other argument to the result's type
            bound = Array(bound.prefix(fixed)) + zip(bound.dropFirst(fixed), types.dropFirst(fixed)).map {
                binder.coerce($0, from: $1, to: type)
            }
        }
        return (.rowFunction(entry.function, bound, type: type), type)
    }

    private static func bindSpecialized(_ specialize: Specializer, _ arguments: [Expression], binder: ExpressionBinder,
                                        expression: Expression) throws(SluiceError) -> (BoundExpression, DataType?) {
        var bound: [(BoundExpression, DataType?)] = []
        for argument in arguments { bound.append(try binder.bindUntyped(argument)) }
        let typed: Specialized
        do {
            typed = try specialize(bound.map(\.1))
        } catch {
            throw binder.mismatch(error.message, expression)
        }
        let cast = zip(bound, typed.argumentTypes).map { binder.coerce($0.0, from: $0.1, to: $1) }
        return (.rowFunction(typed.function, cast, type: typed.result), typed.result)
    }

    /// The functions Spark defines as casts, by name: each takes one argument.
    static let castFunctions: [String: DataType] = [
        "boolean": .boolean, "tinyint": .int8, "smallint": .int16, "int": .int32, "bigint": .int64, "float": .float32,
        "double": .float64, "decimal": .decimal(precision: 10, scale: 0), "binary": .binary, "string": .string,
        "date": .date, "timestamp": .timestamp,
    ]

    static let entries: [String: Entry] = StringFunctions.entries
        .merging(MathFunctions.entries) { first, _ in first }
        .merging(DateFunctions.entries) { first, _ in first }
        .merging(ConditionalFunctions.entries) { first, _ in first }
        .merging(HashFunctions.entries) { first, _ in first }
        .merging(CollectionFunctions.entries) { first, _ in first }
}

extension FunctionCatalog.Entry {
    /// A function of fixed argument types and result type.
    static func fixed(_ arguments: [DataType], _ arity: ClosedRange<Int>? = nil, returns type: DataType,
                      nullPropagating: Bool = true, _ name: String,
                      _ body: @escaping @Sendable ([ScalarValue]) -> ScalarValue) -> Self {
        Self(arity: arity ?? arguments.count...arguments.count, argumentTypes: arguments, result: { _ in type },
             function: RowFunction(name, nullPropagating: nullPropagating, body))
    }

    /// The same entry with a whole-column implementation (see `RowFunction.kernel`).
    func vectorized(_ kernel: @escaping @Sendable ([Column]) -> Column?) -> Self {
        var entry = self
        entry.function.kernel = kernel
        return entry
    }

    /// A function typed by its arguments' own types (see `Specializer`).
    static func specialized(_ arity: ClosedRange<Int>, _ specialize: @escaping FunctionCatalog.Specializer) -> Self {
        Self(arity: arity, argumentTypes: nil, result: { _ in .string }, function: RowFunction("unused") { _ in .null },
             specialize: specialize)
    }

    /// A function whose arguments and result share the common type of its arguments.
    static func common(_ arity: ClosedRange<Int>, nullPropagating: Bool, _ name: String,
                       _ body: @escaping @Sendable ([ScalarValue]) -> ScalarValue) -> Self {
        Self(arity: arity, argumentTypes: nil, result: { TypeCoercion.commonType($0) ?? .string },
             function: RowFunction(name, nullPropagating: nullPropagating, body))
    }
}

/// The names of the scalar functions expressions may call, for documentation and checks.
public enum ExpressionFunctions {
    /// Every function name, sorted (`current_date`, `current_timestamp`, `now` and the cast
    /// functions such as `double` included).
    public static var names: [String] {
        (Array(FunctionCatalog.entries.keys) + Array(FunctionCatalog.castFunctions.keys) + ["current_date", "current_timestamp", "now"]).sorted()
    }
}
