/// `greatest` and `least` over whole columns of one type: per row, the largest (smallest) value
/// that is not null, the first of equal ones; null only when every value is. Doubles order as
/// in Spark, NaN above every other value.
enum ExtremeKernel {
    static func extreme(_ columns: [Column], greatest: Bool) -> Column? {
        let rows = columns[0].count
        let choice: [Int32]?
        switch columns[0].storage {
        case .boolean: choice = choose(columns, rows, greatest, { if case .boolean(let v) = $0 { v } else { nil } }) { !$0 && $1 }
        case .int32: choice = choose(columns, rows, greatest, { if case .int32(let v) = $0 { v } else { nil } }, <)
        case .int64: choice = choose(columns, rows, greatest, { if case .int64(let v) = $0 { v } else { nil } }, <)
        case .decimal: choice = choose(columns, rows, greatest, { if case .decimal(let v) = $0 { v } else { nil } }, <)
        case .float64: choice = choose(columns, rows, greatest, { if case .float64(let v) = $0 { v } else { nil } }, SparkFloatOrder.less)
        case .string: choice = chooseStrings(columns, rows, greatest)
        case .list, .structure: return nil
        }
        return choice.flatMap { SelectKernel.select(columns, choice: $0) }
    }

    /// For each row, the column holding the extreme value (-1 when every row is null); nil when
    /// a column holds another kind of buffer.
    private static func choose<Value>(_ columns: [Column], _ rows: Int, _ greatest: Bool, _ values: (ColumnStorage) -> [Value]?,
                                      _ less: (Value, Value) -> Bool) -> [Int32]? {
        var arrays: [[Value]] = []
        for column in columns {
            guard let array = values(column.storage) else { return nil }
            arrays.append(array)
        }
        return pick(columns, rows, greatest) { less(arrays[$0][$2], arrays[$1][$2]) }
    }

    /// `choose` for strings, compared byte by byte as Spark compares them.
    private static func chooseStrings(_ columns: [Column], _ rows: Int, _ greatest: Bool) -> [Int32]? {
        var storages: [StringStorage] = []
        for column in columns {
            guard let storage = column.stringStorage else { return nil }
            storages.append(storage)
        }
        return StringView.with(storages) { views in
            pick(columns, rows, greatest) { views[$0][$2].lexicographicallyPrecedes(views[$1][$2]) }
        }
    }

    /// The winning column per row, given `less(column a, column b, row)`.
    private static func pick(_ columns: [Column], _ rows: Int, _ greatest: Bool, _ less: (Int, Int, Int) -> Bool) -> [Int32] {
        var choice = [Int32](repeating: -1, count: rows)
        for row in 0..<rows {
            var best = -1
            for index in columns.indices where !columns[index].isNull(row) {
                if best < 0 || (greatest ? less(best, index, row) : less(index, best, row)) { best = index }
            }
            choice[row] = Int32(best)
        }
        return choice
    }
}
