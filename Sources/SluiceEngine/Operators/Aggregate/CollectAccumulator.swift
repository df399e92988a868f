/// `collect_list` (every non-null value, in input order) and `collect_set` (each distinct
/// non-null value once, in order of first appearance); a group without values gives an empty
/// array, as in Spark.
struct CollectAccumulator: Accumulator {
    let distinct: Bool
    let elementType: DataType
    private var values: [[ScalarValue]] = []
    private var seen: [Set<ScalarValue>] = []

    init(distinct: Bool, elementType: DataType) {
        self.distinct = distinct
        self.elementType = elementType
    }

    mutating func update(groups: [Int32], groupCount: Int, column: Column?) {
        values.grow(to: groupCount, with: [])
        if distinct { seen.grow(to: groupCount, with: []) }
        guard let column else { return }
        for (row, group) in groups.enumerated() where !column.isNull(row) {
            let value = column.value(at: row)
            if distinct, !seen[Int(group)].insert(value).inserted { continue }
            values[Int(group)].append(value)
        }
    }

    mutating func merge(_ partial: any Accumulator, groups: [Int32], groupCount: Int) {
        let other = partial as! CollectAccumulator
        values.grow(to: groupCount, with: [])
        if distinct { seen.grow(to: groupCount, with: []) }
        for (from, group) in zip(other.values.indices, groups) {
            for value in other.values[from] {
                if distinct, !seen[Int(group)].insert(value).inserted { continue }
                values[Int(group)].append(value)
            }
        }
    }

    func finish(groupCount: Int) -> Column {
        var builder = ColumnBuilder(type: .array(elementType), capacity: groupCount)
        for group in 0..<groupCount { builder.append(.array(group < values.count ? values[group] : [])) }
        return builder.finish()
    }
}
