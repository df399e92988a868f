/// Builds a column whose row `r` is row `r` of `columns[choice[r]]` (null where the choice is
/// -1): the vectorized core of `CASE WHEN`, `IF`, `COALESCE`, `NULLIF`, `greatest` and `least`. The columns share one type;
/// nil when their storage is nested or they differ in storage (the row-by-row path then runs).
enum SelectKernel {
    static func select(_ columns: [Column], choice: [Int32]) -> Column? {
        guard let first = columns.first else { return nil }
        let count = choice.count
        var validity = Bitmap(capacity: count)
        for row in 0..<count {
            let source = Int(choice[row])
            validity.append(source >= 0 && !columns[source].isNull(row))
        }
        let storage: ColumnStorage
        switch first.storage {
        case .boolean: guard let values = gather(columns, choice, { if case .boolean(let v) = $0 { v } else { nil } }, false) else { return nil }
            storage = .boolean(values)
        case .int32: guard let values = gather(columns, choice, { if case .int32(let v) = $0 { v } else { nil } }, Int32(0)) else { return nil }
            storage = .int32(values)
        case .int64: guard let values = gather(columns, choice, { if case .int64(let v) = $0 { v } else { nil } }, Int64(0)) else { return nil }
            storage = .int64(values)
        case .float64: guard let values = gather(columns, choice, { if case .float64(let v) = $0 { v } else { nil } }, Double(0)) else { return nil }
            storage = .float64(values)
        case .decimal: guard let values = gather(columns, choice, { if case .decimal(let v) = $0 { v } else { nil } }, Int128(0)) else { return nil }
            storage = .decimal(values)
        case .string:
            var sources: [StringStorage] = []
            for column in columns {
                guard case .string(let strings) = column.storage else { return nil }
                sources.append(strings)
            }
            var strings = StringStorage(capacity: count)
            for row in 0..<count {
                let source = Int(choice[row])
                if source >= 0, validity[row] { strings.append(utf8: sources[source].utf8(at: row)) } else { strings.appendEmpty() }
            }
            storage = .string(strings)
        case .list, .structure:
            return nil
        }
        return Column(dataType: first.dataType, storage: storage, validity: validity.setCount == count ? nil : validity)
    }

    /// The chosen values of one flat storage kind; nil when a column holds another kind.
    private static func gather<Value>(_ columns: [Column], _ choice: [Int32], _ values: (ColumnStorage) -> [Value]?,
                                      _ empty: Value) -> [Value]? {
        var arrays: [[Value]] = []
        for column in columns {
            guard let array = values(column.storage) else { return nil }
            arrays.append(array)
        }
        return choice.indices.map { row in choice[row] >= 0 ? arrays[Int(choice[row])][row] : empty }
    }

    /// `CASE WHEN c1 THEN v1 ... ELSE e END` over the columns `[c1 ... cn, v1 ... vn, e]` (`IF` is
    /// one branch): each row takes the value of its first true condition, else the ELSE value.
    static func caseWhen(_ columns: [Column], conditions count: Int) -> Column? {
        let choice = firstTrue(columns[0..<count], rows: columns[0].count).map { $0 < 0 ? Int32(count) : $0 }
        return select(Array(columns[count...]), choice: choice)
    }

    /// `nullif(a, b)`: `a`, null where it equals `b` (as `=` compares; strings byte for byte).
    static func nullIf(_ columns: [Column]) -> Column? {
        let (a, b) = (columns[0], columns[1])
        switch a.storage {
        case .list, .structure: return nil
        default: guard a.dataType == b.dataType else { return nil }
        }
        let equal = ComparisonKernel.apply(.equal, a, b)
        let same = equal.booleans
        return select([a], choice: (0..<a.count).map { same[$0] && !equal.isNull($0) ? -1 : 0 })
    }

    /// The first column (by position) whose row is true, for each row; -1 where none is.
    static func firstTrue(_ conditions: ArraySlice<Column>, rows: Int) -> [Int32] {
        var choice = [Int32](repeating: -1, count: rows)
        for (index, condition) in zip(conditions.indices, conditions).reversed() {
            guard case .boolean(let values) = condition.storage else { continue }
            for row in 0..<rows where values[row] && !condition.isNull(row) { choice[row] = Int32(index - conditions.startIndex) }
        }
        return choice
    }
}
