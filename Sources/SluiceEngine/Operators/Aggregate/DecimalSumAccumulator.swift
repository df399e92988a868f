/// `sum` and `avg` of decimals, exact in `Int128`. The sum keeps the argument's scale in a
/// type ten digits wider; the average is rounded HALF_UP to four more digits of scale, as
/// Spark does. A group whose sum outgrows the result's precision is null (Spark's non-ANSI overflow).
struct DecimalSumAccumulator: Accumulator {
    let result: DataType
    let average: Bool
    private var sums: [Int128] = []
    private var counts: [Int64] = []
    private var overflowed: [Bool] = []
    private var argumentScale = 0

    init(result: DataType, average: Bool) {
        self.result = result
        self.average = average
    }

    mutating func update(groups: [Int32], groupCount: Int, column: Column?) {
        sums.grow(to: groupCount, with: 0)
        counts.grow(to: groupCount, with: 0)
        overflowed.grow(to: groupCount, with: false)
        guard let column else { return }
        argumentScale = column.dataType.decimalScale
        let values = column.decimals
        forEachPresent(groups, column.validity) { row, g in
            let (sum, overflow) = sums[g].addingReportingOverflow(values[row])
            sums[g] = sum
            overflowed[g] = overflowed[g] || overflow
            counts[g] += 1
        }
    }

    mutating func merge(_ partial: any Accumulator, groups: [Int32], groupCount: Int) {
        let other = partial as! DecimalSumAccumulator
        sums.grow(to: groupCount, with: 0)
        counts.grow(to: groupCount, with: 0)
        overflowed.grow(to: groupCount, with: false)
        if other.counts.contains(where: { $0 > 0 }) { argumentScale = other.argumentScale }
        for (from, group) in zip(other.counts.indices, groups) where other.counts[from] > 0 {
            let g = Int(group)
            let (sum, overflow) = sums[g].addingReportingOverflow(other.sums[from])
            sums[g] = sum
            overflowed[g] = overflowed[g] || overflow || other.overflowed[from]
            counts[g] += other.counts[from]
        }
    }

    func finish(groupCount: Int) -> Column {
        guard case .decimal(let precision, let scale) = result else { preconditionFailure("\(result) is not a decimal") }
        var builder = ColumnBuilder(type: result, capacity: groupCount)
        for group in 0..<groupCount {
            guard group < counts.count, counts[group] > 0, !overflowed[group] else { builder.appendNull(); continue }
            let value = average
                ? DecimalKernel.divide(sums[group], argumentScale, Int128(counts[group]), 0, scale: scale)
                : DecimalMath.rescale(sums[group], from: argumentScale, to: scale)
            if let value, DecimalMath.fits(value, precision: precision) { builder.append(unscaled: value) } else { builder.appendNull() }
        }
        return builder.finish()
    }
}
