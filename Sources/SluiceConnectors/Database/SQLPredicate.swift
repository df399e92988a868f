import SluiceEngine

/// A pushed-down filter condition (`ScanPredicate`) a database evaluates in its `WHERE`
/// clause, so rows that cannot match never cross the network.
///
/// Only conditions the server decides exactly as the engine does, or more loosely, are sent:
/// the plan's filter still runs on every row read, so a looser server test costs nothing but
/// a few extra rows, while a stricter one would lose data. Hence: numbers against numbers;
/// dates and timestamps against dates, timestamps or text that reads as one; text only for
/// equality (a case-insensitive collation matches more, never fewer); `IS NOT NULL` always,
/// `IS NULL` except on dates and timestamps (MySQL's zero date reads as null but is not NULL).
struct SQLPredicate {
    let column: DatabaseColumn
    let test: ScanPredicate.Test

    /// The predicates of `predicates` that can be sent, on `columns`.
    static func pushable(_ predicates: [ScanPredicate], columns: [DatabaseColumn]) -> [SQLPredicate] {
        predicates.compactMap { predicate in
            guard let column = columns.first(where: { $0.field.name.lowercased() == predicate.column }) else { return nil }
            let candidate = SQLPredicate(column: column, test: predicate.test)
            return candidate.isSendable ? candidate : nil
        }
    }

    private var isSendable: Bool {
        switch test {
        case .isNotNull: return true
        case .isNull: return column.field.type != .date && column.field.type != .timestamp
        case .equal(let value): return literal(value) != nil
        case .oneOf(let values): return !values.isEmpty && values.allSatisfy { literal($0) != nil }
        case .less(let value), .lessOrEqual(let value), .greater(let value), .greaterOrEqual(let value):
            return column.field.type != .string && literal(value) != nil
        }
    }

    /// The literal as a value of the column's kind, or nil when the comparison is not sent.
    private func literal(_ value: ScalarValue) -> ScalarValue? {
        switch (column.field.type, value) {
        case (.int32, .int32(let v)), (.int64, .int32(let v)), (.float64, .int32(let v)): return .int64(Int64(v))
        case (.int32, .int64(let v)), (.int64, .int64(let v)), (.float64, .int64(let v)): return .int64(v)
        case (.int32, .float64(let v)), (.int64, .float64(let v)), (.float64, .float64(let v)): return v.isNaN ? nil : .float64(v)
        case (.date, .date(let days)): return .date(days)
        case (.date, .string(let text)): return Temporal.parseDate(text).map { .date($0) }
        case (.timestamp, .timestamp(let micros)): return .timestamp(micros)
        case (.timestamp, .date(let days)): return .timestamp(Int64(days) * 86_400_000_000)
        case (.timestamp, .string(let text)): return Temporal.parseTimestamp(text).map { .timestamp($0) }
        case (.string, .string(let text)) where column.comparesAsText: return .string(text)
        default: return nil
        }
    }

    /// The condition; `parameter` binds a value and returns its marker.
    func sql(parameter: (ScalarValue) -> String) -> String {
        let value = column.valueExpression
        switch test {
        case .isNull: return "\(value) IS NULL"
        case .isNotNull: return "\(value) IS NOT NULL"
        case .equal(let literal): return "\(value) = \(parameter(self.literal(literal)!))"
        case .less(let literal): return "\(value) < \(parameter(self.literal(literal)!))"
        case .lessOrEqual(let literal): return "\(value) <= \(parameter(self.literal(literal)!))"
        case .greater(let literal): return "\(value) > \(parameter(self.literal(literal)!))"
        case .greaterOrEqual(let literal): return "\(value) >= \(parameter(self.literal(literal)!))"
        case .oneOf(let literals):
            return "\(value) IN (" + literals.map { parameter(self.literal($0)!) }.joined(separator: ", ") + ")"
        }
    }
}
