/// The groups of one aggregation and their accumulators. Rows are folded in batch by batch
/// (`add`), or whole partial aggregations of later rows (`merge`); `finish` gives one row per
/// group, in order of first appearance.
struct GroupedAggregation: Sendable {
    let keyTypes: [DataType]
    private var encoders: [KeyColumnEncoder]
    private var table: GroupTable
    private(set) var accumulators: [any Accumulator]
    private let distinct: [Bool]
    private let sharing: AccumulatorSharing
    /// The values already counted per group, for DISTINCT aggregates.
    private var distinctSeen: [Set<DistinctKey>]

    init(_ aggregation: BoundAggregation) {
        keyTypes = aggregation.keys.map(\.type)
        encoders = keyTypes.map { KeyColumnEncoder(type: $0) }
        table = GroupTable(width: keyTypes.count)
        accumulators = zip(aggregation.aggregates, aggregation.arguments).map { makeAccumulator($0.function, argumentType: $1?.type) }
        distinct = aggregation.aggregates.map(\.distinct)
        sharing = AccumulatorSharing(aggregation, accumulators)
        distinctSeen = Array(repeating: [], count: aggregation.aggregates.count)
    }

    /// The number of groups so far; without keys there is always exactly one, even over no rows.
    var groupCount: Int { keyTypes.isEmpty ? 1 : table.count }

    /// Folds `rows` rows into their groups, given their evaluated keys and aggregate arguments
    /// (nil for `count(*)`); returns each row's group.
    @discardableResult
    mutating func add(keys: [Column], arguments: [Column?], rows: Int) -> [Int32] {
        let groups: [Int32]
        let dictionaries = keys.indices.compactMap { encoders[$0].groupingDictionary(of: keys[$0]) }
        if (1...2).contains(keys.count), dictionaries.count == keys.count {
            let mappings = dictionaries.indices.map { encoders[$0].mapping(of: dictionaries[$0]) }
            groups = table.groups(rows: rows, dictionaryCodes: dictionaries.map(\.codes), mappings: mappings,
                                  bounds: encoders.map(\.codeCount))
        } else {
            groups = table.groups(rows: rows, codes: codes(keys, rows: rows), bounds: encoders.map(\.codeCount))
        }
        accumulate(groups: groups, arguments: arguments, rows: rows)
        return groups
    }

    /// The group of each row among the groups so far, -1 where its key is not one of them;
    /// no group is added.
    func existingGroups(keys: [Column], rows: Int) -> [Int32] {
        guard !keyTypes.isEmpty else { return Array(repeating: 0, count: rows) }
        let codes = keys.indices.map { encoders[$0].existingCodes(keys[$0]) }
        var key = [Int32](repeating: 0, count: keys.count)
        return (0..<rows).map { row in
            for column in codes.indices {
                if codes[column][row] < 0 { return -1 }
                key[column] = codes[column][row]
            }
            return table.find(key) ?? -1
        }
    }

    /// About how many bytes the groups and their accumulators take (accumulators at a fixed
    /// size per group and aggregate: collected lists are not counted by length).
    var estimatedBytes: Int {
        encoders.reduce(table.estimatedBytes) { $0 + $1.estimatedBytes } + groupCount * accumulators.count * 24
    }

    /// Folds rows into the given groups, which exist already.
    mutating func accumulate(groups: [Int32], arguments: [Column?], rows: Int) {
        let borrowed = sharing.borrowedRowCounts(arguments, accumulators)
        for index in accumulators.indices where sharing.sources[index] == nil && borrowed[index] == nil {
            var column = arguments[index]
            var rowGroups = groups
            if distinct[index], let values = column {
                // Only the first occurrence of a value in a group reaches the accumulator.
                var keep: [Int] = []
                for row in 0..<rows where !values.isNull(row) {
                    if distinctSeen[index].insert(DistinctKey(group: groups[row], value: values.value(at: row))).inserted { keep.append(row) }
                }
                column = values.take(keep)
                rowGroups = keep.map { groups[$0] }
            }
            accumulators[index].update(groups: rowGroups, groupCount: groupCount, column: column)
        }
        sharing.share(&accumulators)
        sharing.lendRowCounts(borrowed, &accumulators, groupCount: groupCount)
    }

    /// Folds in a partial aggregation of later rows (one without DISTINCT aggregates).
    mutating func merge(_ partial: PartialAggregate) {
        let groups = table.groups(rows: partial.groupCount, codes: codes(partial.keys, rows: partial.groupCount),
                                  bounds: encoders.map(\.codeCount))
        for index in accumulators.indices where sharing.sources[index] == nil {
            accumulators[index].merge(partial.accumulators[index], groups: groups, groupCount: groupCount)
        }
        sharing.share(&accumulators)
    }

    private mutating func codes(_ keys: [Column], rows: Int) -> [[Int32]] {
        keys.indices.map { index in
            var column: [Int32] = []
            column.reserveCapacity(rows)
            encoders[index].encode(keys[index], into: &column)
            return column
        }
    }

    /// One row per group: the keys, then each aggregate; in batches of the preferred size.
    func finish(schema: Schema) -> [RecordBatch] {
        let count = groupCount
        var columns: [Column] = []
        for (index, encoder) in encoders.enumerated() {
            var builder = ColumnBuilder(type: encoder.type, capacity: count)
            for group in 0..<count { builder.append(encoder.value(of: table.code(group: group, column: index))) }
            columns.append(builder.finish())
        }
        columns += accumulators.map { $0.finish(groupCount: count) }
        let all = RecordBatch(schema: schema, columns: columns)
        return stride(from: 0, to: count, by: RecordBatch.preferredRowCount).map {
            all.slice($0, min(RecordBatch.preferredRowCount, count - $0))
        }
    }
}

/// A value seen in a group, for DISTINCT aggregates.
struct DistinctKey: Hashable, Sendable {
    let group: Int32
    let value: ScalarValue
}
