import SluiceSpec

/// Runs a `WindowNode`. Frames follow Spark's defaults: with ORDER BY, aggregates run from the
/// partition's start to the current row and its ties; without, they cover the whole partition.
enum WindowOperator {
    static func apply(_ node: WindowNode, to input: RecordBatchStream) throws -> RecordBatchStream {
        let binder = ExpressionBinder(schema: input.schema)
        var plans: [BoundWindow] = []
        for column in node.columns {
            do { plans.append(try BoundWindow(column.call, binder: binder)) } catch { throw node.origin.locate(error) }
        }
        let schema = Schema(input.schema.fields + zip(node.columns, plans).map { Field($0.name, $1.type) })
        let windows = plans
        return RecordBatchStream(schema: schema) {
            let next = input.makeNextBatch()
            let state = WindowState()
            return {
                if state.done { return nil }
                state.done = true
                var batches: [RecordBatch] = []
                while let batch = try await next() { batches.append(batch) }
                let all = batches.isEmpty ? RecordBatch.empty(input.schema) : RecordBatch.concatenate(batches, schema: input.schema)
                guard all.rowCount > 0 else { return nil }
                return RecordBatch(schema: schema, columns: all.columns + windows.map { $0.compute(all) })
            }
        }
    }
}

extension Expression {
    fileprivate var isIntegerLiteral: Bool {
        switch self {
        case .literal(.int32), .literal(.int64): true
        default: false
        }
    }
}

private final class WindowState: @unchecked Sendable {
    var done = false
}

/// A window call bound to the input's schema.
private struct BoundWindow {
    let function: String
    let arguments: [BoundExpression]
    let partitionBy: [BoundExpression]
    let orderBy: [BoundExpression]
    let order: [SortNode.Key]
    let type: DataType

    init(_ call: WindowCall, binder: ExpressionBinder) throws(SluiceError) {
        function = call.function == "mean" ? "avg" : call.function
        guard WindowNode.functions.contains(function) else {
            throw SluiceError(.unknownFunction, "'\(call.function)' is not a window function",
                              hint: NameSuggester.hint(for: call.function, in: WindowNode.functions) ?? "window functions: \(WindowNode.functions.joined(separator: ", "))")
        }
        var arguments: [BoundExpression] = []
        for argument in call.arguments where argument != .star { arguments.append(try binder.bind(argument)) }
        var partitionBy: [BoundExpression] = []
        for expression in call.partitionBy { partitionBy.append(try binder.bind(expression)) }
        var orderBy: [BoundExpression] = []
        for key in call.orderBy { orderBy.append(try binder.bind(key.expression)) }
        if ["row_number", "rank", "dense_rank", "lag", "lead"].contains(function), call.orderBy.isEmpty {
            throw SluiceError(.invalidValue, "\(function) needs an ORDER BY in its window", hint: "\(function)() OVER (PARTITION BY ... ORDER BY ...)")
        }
        if ["lag", "lead", "sum", "avg", "min", "max"].contains(function), arguments.isEmpty {
            throw SluiceError(.invalidValue, "\(function) needs an argument")
        }
        if ["lag", "lead"].contains(function), arguments.count > 1, !call.arguments[1].isIntegerLiteral {
            throw SluiceError(.invalidValue, "the offset of \(function) must be a whole number, like \(function)(x, 2)")
        }
        self.arguments = arguments
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        order = call.orderBy
        switch function {
        case "row_number", "rank", "dense_rank": type = .int32
        case "count": type = .int64
        case "avg": type = .float64
        case "sum": type = arguments[0].type == .float64 ? .float64 : .int64
        default: type = arguments[0].type
        }
    }

    /// The column for every row of `batch`, in row order.
    func compute(_ batch: RecordBatch) -> Column {
        let keyColumns = zip(orderBy.map { ExpressionEvaluator.evaluate($0, on: batch) }, order).map {
            RowComparator(column: $0, key: $1)
        }
        let rows = sortedRows(batch, keyColumns)
        let values = arguments.first.map { ExpressionEvaluator.evaluate($0, on: batch) }
        let defaults = ["lag", "lead"].contains(function) && arguments.count > 2 ? ExpressionEvaluator.evaluate(arguments[2], on: batch) : nil
        var result = [ScalarValue](repeating: .null, count: batch.rowCount)
        var start = 0
        while start < rows.count {
            var end = start + 1
            while end < rows.count, rows[end].partition == rows[start].partition { end += 1 }
            let partition = rows[start..<end].map(\.row)
            fill(&result, partition: partition, keys: keyColumns, values: values, defaults: defaults)
            start = end
        }
        var builder = ColumnBuilder(type: type, capacity: batch.rowCount)
        for value in result { builder.append(CastRules.cast(value, to: type)) }
        return builder.finish()
    }

    /// Rows ordered by partition, then by the window's keys (stable).
    private func sortedRows(_ batch: RecordBatch, _ keys: [RowComparator]) -> [(partition: Int32, row: Int)] {
        var table = GroupTable(width: partitionBy.count)
        var encoders = partitionBy.map { KeyColumnEncoder(type: $0.type) }
        let codes = partitionBy.indices.map { index -> [Int32] in
            var codes: [Int32] = []
            encoders[index].encode(ExpressionEvaluator.evaluate(partitionBy[index], on: batch), into: &codes)
            return codes
        }
        let partitions = table.groups(rows: batch.rowCount, codes: codes)
        return (0..<batch.rowCount).map { (partitions[$0], $0) }.sorted { a, b in
            if a.partition != b.partition { return a.partition < b.partition }
            let result = RowComparator.compare(keys, a.row, b.row)
            return result != 0 ? result < 0 : a.row < b.row
        }
    }

    private func fill(_ result: inout [ScalarValue], partition: [Int], keys: [RowComparator], values: Column?, defaults: Column?) {
        let distance = lagDistance()
        var rank = 0, denseRank = 0
        var peerEnd = 0
        for (position, row) in partition.enumerated() {
            let isNewPeer = position == 0 || RowComparator.compare(keys, partition[position - 1], row) != 0
            if isNewPeer { rank = position + 1; denseRank += 1 }
            switch function {
            case "row_number": result[row] = .int32(Int32(position + 1))
            case "rank": result[row] = .int32(Int32(rank))
            case "dense_rank": result[row] = .int32(Int32(denseRank))
            case "lag", "lead":
                let target = function == "lag" ? position - distance : position + distance
                if target >= 0, target < partition.count, let values { result[row] = values.value(at: partition[target]) } else {
                    result[row] = defaults?.value(at: row) ?? .null
                }
            default:
                // Aggregates: the whole partition without ORDER BY; otherwise up to the last tie of this row.
                if position >= peerEnd {
                    peerEnd = position + 1
                    if orderBy.isEmpty { peerEnd = partition.count } else {
                        while peerEnd < partition.count, RowComparator.compare(keys, partition[peerEnd], row) == 0 { peerEnd += 1 }
                    }
                    let value = aggregate(partition[0..<peerEnd], values)
                    for tie in position..<peerEnd { result[partition[tie]] = value }
                }
            }
        }
    }

    /// How far lag and lead look: their second argument, a constant (1 by default).
    private func lagDistance() -> Int {
        guard arguments.count > 1, case .literal(let value, _) = arguments[1] else { return 1 }
        return StringFunctions.int(value)
    }

    private func aggregate(_ rows: ArraySlice<Int>, _ values: Column?) -> ScalarValue {
        let present = values.map { column in rows.filter { !column.isNull($0) }.map { column.value(at: $0) } } ?? []
        switch function {
        case "count": return .int64(Int64(values == nil ? rows.count : present.count))
        case "sum", "avg":
            guard !present.isEmpty else { return .null }
            if function == "sum", type == .int64 { return .int64(present.reduce(0) { $0 &+ (CastRules.toInt64($1) ?? 0) }) }
            let total = present.reduce(0.0) { $0 + (CastRules.toDouble($1) ?? 0) }
            return .float64(function == "avg" ? total / Double(present.count) : total)
        case "min": return present.min(by: ScalarOrdering.less) ?? .null
        default: return present.max(by: ScalarOrdering.less) ?? .null
        }
    }
}
