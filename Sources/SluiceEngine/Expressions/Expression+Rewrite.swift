extension Expression {
    /// The expression with every subexpression for which `replacement` returns a value replaced
    /// by it (outermost first; a replaced subexpression is not searched further).
    public func rewritten(_ replacement: (Expression) -> Expression?) -> Expression {
        if let replaced = replacement(self) { return replaced }
        func r(_ expression: Expression) -> Expression { expression.rewritten(replacement) }
        switch self {
        case .column, .literal, .star: return self
        case .unary(let op, let operand): return .unary(op, r(operand))
        case .binary(let op, let left, let right): return .binary(op, r(left), r(right))
        case .isNull(let operand, let negated): return .isNull(r(operand), negated: negated)
        case .inList(let operand, let list, let negated): return .inList(r(operand), list.map(r), negated: negated)
        case .between(let operand, let low, let high, let negated): return .between(r(operand), low: r(low), high: r(high), negated: negated)
        case .like(let operand, let pattern, let negated, let regex): return .like(r(operand), pattern: r(pattern), negated: negated, regex: regex)
        case .caseWhen(let operand, let branches, let otherwise):
            return .caseWhen(operand: operand.map(r), branches: branches.map { CaseBranch(condition: r($0.condition), value: r($0.value)) },
                             otherwise: otherwise.map(r))
        case .cast(let operand, let type): return .cast(r(operand), type)
        case .function(let name, let arguments, let distinct): return .function(name: name, arguments: arguments.map(r), distinct: distinct)
        case .window(var call):
            call.arguments = call.arguments.map(r)
            call.partitionBy = call.partitionBy.map(r)
            call.orderBy = call.orderBy.map { SortNode.Key(expression: r($0.expression), ascending: $0.ascending, nullsFirst: $0.nullsFirst) }
            return .window(call)
        }
    }

    /// Every window function call in the expression.
    public var windowCalls: [WindowCall] {
        var calls: [WindowCall] = []
        _ = rewritten { expression in
            if case .window(let call) = expression { calls.append(call); return expression }
            return nil
        }
        return calls
    }

    /// Every aggregate function call in the expression (`sum(x)`, `count(*)`), outermost first;
    /// window calls are not searched (their aggregates are window aggregates).
    public var aggregateCalls: [Expression] {
        var calls: [Expression] = []
        _ = rewritten { expression in
            if case .window = expression { return expression }
            if case .function(let name, let arguments, _) = expression, AggregateFunction(name: name) != nil, arguments.count == 1 {
                calls.append(expression)
                return expression
            }
            return nil
        }
        return calls
    }
}
