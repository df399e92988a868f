import SluiceSpec

/// Resolves an `Expression` against a schema: finds columns (exact name, then ignoring case,
/// as Spark does), gives every node a type, makes Spark's implicit casts explicit, and
/// rewrites sugar (`BETWEEN`, `IN`, `LIKE`, `CASE`) into evaluable nodes.
public struct ExpressionBinder: Sendable {
    public let schema: Schema

    public init(schema: Schema) {
        self.schema = schema
    }

    /// The bound expression; errors name the column or function and suggest the nearest one.
    public func bind(_ expression: Expression) throws(SluiceError) -> BoundExpression {
        let (bound, type) = try bindUntyped(expression)
        return coerce(bound, from: type, to: type ?? .string)
    }

    /// A bound node and its type; nil type means an untyped NULL that takes its context's type.
    func bindUntyped(_ expression: Expression) throws(SluiceError) -> (BoundExpression, DataType?) {
        switch expression {
        case .column(let name, let qualifier):
            let candidates = qualifier.map { ["\($0).\(name)", name] } ?? [name]
            for candidate in candidates {
                if let index = schema.index(of: candidate) { return (.column(index: index, type: schema.fields[index].type), schema.fields[index].type) }
            }
            throw SluiceError(.unknownColumn, "column '\(candidates.last!)' does not exist; columns: \(schema.names.joined(separator: ", "))",
                              hint: NameSuggester.hint(for: name, in: schema.names))
        case .literal(let value):
            let type = Self.type(of: value)
            return (.literal(value, type: type ?? .string), type)
        case .star:
            throw SluiceError(.invalidValue, "'*' is only allowed in count(*)")
        case .window(let call):
            throw SluiceError(.unsupported, "the window function \(call.function) is only allowed in enrichData columns and SQL select lists")
        case .unary(.not, let operand):
            return (.not(try bindAs(operand, .boolean)), .boolean)
        case .unary(.negate, let operand):
            let (bound, type) = try bindUntyped(operand)
            let numeric = type.map { $0 == .string ? .float64 : $0 } ?? .int32
            guard TypeCoercion.isNumeric(numeric) else { throw mismatch("cannot negate a \(type!.sqlName)", expression) }
            return (.negate(coerce(bound, from: type, to: numeric)), numeric)
        case .binary(let op, let left, let right):
            return try bindBinary(op, left, right, expression)
        case .isNull(let operand, let negated):
            return (.isNull(try bind(operand), negated: negated), .boolean)
        case .between(let operand, let low, let high, let negated):
            let range = Expression.binary(.and, .binary(.greaterOrEqual, operand, low), .binary(.lessOrEqual, operand, high))
            return try bindUntyped(negated ? .unary(.not, range) : range)
        case .inList(let operand, let list, let negated):
            return try bindIn(operand, list, negated: negated, expression)
        case .like(let operand, let pattern, let negated, let regex):
            return try bindLike(operand, pattern, negated: negated, regex: regex, expression)
        case .caseWhen(let operand, let branches, let otherwise):
            return try bindCase(operand, branches, otherwise)
        case .cast(let operand, let type):
            let (bound, from) = try bindUntyped(operand)
            return (coerce(bound, from: from, to: type), type)
        case .function(let name, let arguments, let distinct):
            if distinct { throw mismatch("DISTINCT is only allowed in aggregate functions", expression) }
            return try FunctionCatalog.bind(name, arguments, binder: self, expression: expression)
        }
    }

    /// Binds `expression` and casts it to `type`.
    func bindAs(_ expression: Expression, _ type: DataType) throws(SluiceError) -> BoundExpression {
        let (bound, from) = try bindUntyped(expression)
        return coerce(bound, from: from, to: type)
    }

    private func bindBinary(_ op: BinaryOperator, _ left: Expression, _ right: Expression,
                            _ expression: Expression) throws(SluiceError) -> (BoundExpression, DataType?) {
        switch op {
        case .and, .or:
            let l = try bindAs(left, .boolean)
            let r = try bindAs(right, .boolean)
            return (op == .and ? .and(l, r) : .or(l, r), .boolean)
        case .concat:
            return try FunctionCatalog.bind("concat", [left, right], binder: self, expression: expression)
        default:
            let (l, lt) = try bindUntyped(left)
            let (r, rt) = try bindUntyped(right)
            if op.isComparison {
                guard let common = TypeCoercion.comparisonType(lt, rt) else {
                    throw mismatch("cannot compare \(lt!.sqlName) with \(rt!.sqlName)", expression)
                }
                return (.comparison(op, coerce(l, from: lt, to: common), coerce(r, from: rt, to: common)), .boolean)
            }
            guard let type = TypeCoercion.arithmeticType(op, lt, rt) else {
                throw mismatch("'\(op.rawValue)' needs numbers, got \(lt?.sqlName ?? "NULL") and \(rt?.sqlName ?? "NULL")", expression)
            }
            let (leftType, rightType) = TypeCoercion.operandTypes(op, lt, rt, result: type)
            return (.arithmetic(op, coerce(l, from: lt, to: leftType), coerce(r, from: rt, to: rightType), type: type), type)
        }
    }

    private func bindIn(_ operand: Expression, _ list: [Expression], negated: Bool,
                        _ expression: Expression) throws(SluiceError) -> (BoundExpression, DataType?) {
        var equalities = Expression.binary(.equal, operand, list[0])
        for item in list.dropFirst() { equalities = .binary(.or, equalities, .binary(.equal, operand, item)) }
        return try bindUntyped(negated ? .unary(.not, equalities) : equalities)
    }

    private func bindLike(_ operand: Expression, _ pattern: Expression, negated: Bool, regex: Bool,
                          _ expression: Expression) throws(SluiceError) -> (BoundExpression, DataType?) {
        guard case .literal(.string(let text)) = pattern else {
            throw mismatch("the pattern of \(regex ? "RLIKE" : "LIKE") must be a string literal", expression)
        }
        let matcher = try PatternMatcher(pattern: text, regex: regex)
        var function = RowFunction(regex ? "rlike" : "like") { values in
            guard case .string(let value) = values[0] else { return .null }
            return .boolean(matcher.matches(value) != negated)
        }
        if regex {
            function.kernel = { columns in StringKernels.matching(columns[0], negated: negated, matcher.matches) }
        } else {
            let like = LikePattern(text)
            function.kernel = { columns in StringKernels.matching(columns[0], negated: negated, like.matches) }
        }
        return (.rowFunction(function, [try bindAs(operand, .string)], type: .boolean), .boolean)
    }

    private func bindCase(_ operand: Expression?, _ branches: [CaseBranch],
                          _ otherwise: Expression?) throws(SluiceError) -> (BoundExpression, DataType?) {
        var conditions: [BoundExpression] = []
        for branch in branches {
            let condition = operand.map { Expression.binary(.equal, $0, branch.condition) } ?? branch.condition
            conditions.append(try bindAs(condition, .boolean))
        }
        var values: [(BoundExpression, DataType?)] = []
        for branch in branches { values.append(try bindUntyped(branch.value)) }
        let fallback = try otherwise.map { expression throws(SluiceError) in try bindUntyped(expression) }
        let type = TypeCoercion.commonType(values.map(\.1) + [fallback?.1]) ?? .string
        let results = values.map { coerce($0.0, from: $0.1, to: type) }
        let elseValue = fallback.map { coerce($0.0, from: $0.1, to: type) } ?? .literal(.null, type: type)
        let count = conditions.count
        var function = RowFunction("case", nullPropagating: false) { arguments in
            for index in 0..<count where arguments[index] == .boolean(true) { return arguments[count + index] }
            return arguments[2 * count]
        }
        function.kernel = { SelectKernel.caseWhen($0, conditions: count) }
        return (.rowFunction(function, conditions + results + [elseValue], type: type), type)
    }

    /// `bound` cast to `type` if it has another type; untyped NULLs just take the type.
    func coerce(_ bound: BoundExpression, from type: DataType?, to target: DataType) -> BoundExpression {
        guard let type else { return .literal(.null, type: target) }
        if type == target { return bound }
        // Casts of constants are done once here, not per row.
        if case .literal(let value, _) = bound { return .literal(CastRules.cast(value, to: target), type: target) }
        return .cast(bound, to: target)
    }

    func mismatch(_ message: String, _ expression: Expression) -> SluiceError {
        SluiceError(.typeMismatch, "\(message) in \(expression)")
    }

    static func type(of value: ScalarValue) -> DataType? {
        switch value {
        case .null: nil
        case .boolean: .boolean
        case .int8: .int8
        case .int16: .int16
        case .int32: .int32
        case .int64: .int64
        case .float32: .float32
        case .float64: .float64
        case .decimal(let v): .decimal(precision: max(String(v.unscaled.magnitude).count, v.scale, 1), scale: v.scale)
        case .string: .string
        case .binary: .binary
        case .date: .date
        case .timestamp: .timestamp
        case .timestampNTZ: .timestampNTZ
        case .array(let items): .array(items.lazy.compactMap(type(of:)).first ?? .string)
        case .map(let keys, let values):
            .map(key: keys.lazy.compactMap(type(of:)).first ?? .string, value: values.lazy.compactMap(type(of:)).first ?? .string)
        case .struct(let values): .struct(values.enumerated().map { Field("col\($0.offset + 1)", type(of: $0.element) ?? .string) })
        }
    }
}
