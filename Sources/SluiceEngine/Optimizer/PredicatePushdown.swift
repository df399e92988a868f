/// Hands each scan the simple conditions of the filters right above it (`ScanPredicate`s),
/// so sources can skip partitions and row groups that cannot match. The filters stay in the
/// plan: pushed predicates only decide what is worth reading.
public enum PredicatePushdown {
    /// `plan` with every scan under a filter given that filter's simple conditions.
    public static func apply(_ plan: LogicalPlan) -> LogicalPlan {
        plan.rewritingChildren { child in apply(child) }.pushingFilters()
    }

    /// The predicates a condition implies: its AND-ed parts of the form column-op-literal.
    public static func predicates(of condition: Expression) -> [ScanPredicate] {
        switch condition {
        case .binary(.and, let left, let right):
            return predicates(of: left) + predicates(of: right)
        case .binary(let op, .column(let name, _), let other):
            return constant(other).flatMap { comparison(op, name, $0) }.map { [$0] } ?? []
        case .binary(let op, let other, .column(let name, _)):
            return constant(other).flatMap { comparison(op.flipped, name, $0) }.map { [$0] } ?? []
        case .between(.column(let name, _), let low, let high, negated: false):
            guard let low = constant(low), let high = constant(high), low != .null, high != .null else { return [] }
            return [ScanPredicate(column: name, test: .greaterOrEqual(low)), ScanPredicate(column: name, test: .lessOrEqual(high))]
        case .inList(.column(let name, _), let items, negated: false):
            var values: [ScalarValue] = []
            for item in items {
                guard let value = constant(item), value != .null else { return [] }
                values.append(value)
            }
            return [ScanPredicate(column: name, test: .oneOf(values))]
        case .isNull(.column(let name, _), let negated):
            return [ScanPredicate(column: name, test: negated ? .isNotNull : .isNull)]
        default:
            return []
        }
    }

    /// The value of a literal, or of a negated numeric literal (`-5`).
    private static func constant(_ expression: Expression) -> ScalarValue? {
        switch expression {
        case .literal(let value): return value
        case .unary(.negate, .literal(.int32(let v))) where v != .min: return .int32(-v)
        case .unary(.negate, .literal(.int64(let v))) where v != .min: return .int64(-v)
        case .unary(.negate, .literal(.float64(let v))): return .float64(-v)
        default: return nil
        }
    }

    private static func comparison(_ op: BinaryOperator?, _ name: String, _ value: ScalarValue) -> ScanPredicate? {
        guard value != .null, let op else { return nil }
        switch op {
        case .equal, .nullSafeEqual: return ScanPredicate(column: name, test: .equal(value))
        case .less: return ScanPredicate(column: name, test: .less(value))
        case .lessOrEqual: return ScanPredicate(column: name, test: .lessOrEqual(value))
        case .greater: return ScanPredicate(column: name, test: .greater(value))
        case .greaterOrEqual: return ScanPredicate(column: name, test: .greaterOrEqual(value))
        default: return nil
        }
    }
}

extension BinaryOperator {
    /// The operator with its operands swapped (`5 < x` is `x > 5`); nil when not a comparison.
    var flipped: BinaryOperator? {
        switch self {
        case .equal, .nullSafeEqual, .notEqual: self
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        default: nil
        }
    }
}

extension LogicalPlan {
    /// A filter over a scan (or over filters over a scan) passes its predicates down.
    fileprivate func pushingFilters() -> LogicalPlan {
        guard case .filter(var node) = self else { return self }
        let predicates = PredicatePushdown.predicates(of: node.condition.expression)
        guard !predicates.isEmpty else { return self }
        node.input = node.input.receiving(predicates)
        return .filter(node)
    }

    private func receiving(_ predicates: [ScanPredicate]) -> LogicalPlan {
        switch self {
        case .scan(var scan):
            scan.predicates += predicates.filter { !scan.predicates.contains($0) }
            return .scan(scan)
        case .filter(var node):
            node.input = node.input.receiving(predicates)
            return .filter(node)
        default:
            return self
        }
    }
}
