/// AND, OR and NOT with SQL's three-valued logic: `false AND null` is false,
/// `true OR null` is true, anything else involving null is null.
enum LogicalKernel {
    static func and(_ left: Column, _ right: Column) -> Column { combine(left, right, isAnd: true) }
    static func or(_ left: Column, _ right: Column) -> Column { combine(left, right, isAnd: false) }

    private static func combine(_ left: Column, _ right: Column, isAnd: Bool) -> Column {
        let a = left.booleans
        let b = right.booleans
        var out = [Bool](repeating: false, count: a.count)
        for i in 0..<a.count { out[i] = isAnd ? (a[i] && b[i]) : (a[i] || b[i]) }
        guard left.validity != nil || right.validity != nil else { return Column(dataType: .boolean, storage: .boolean(out)) }
        var validity = Bitmap(count: a.count, value: true)
        for i in 0..<a.count {
            let leftNull = left.isNull(i)
            let rightNull = right.isNull(i)
            guard leftNull || rightNull else { continue }
            // The known side decides when it is the dominant value (false for AND, true for OR).
            let decided = (!leftNull && a[i] != isAnd) || (!rightNull && b[i] != isAnd)
            if decided { out[i] = !isAnd } else { validity[i] = false }
        }
        return Column(dataType: .boolean, storage: .boolean(out), validity: validity)
    }

    static func not(_ column: Column) -> Column {
        Column(dataType: .boolean, storage: .boolean(column.booleans.map { !$0 }), validity: column.validity)
    }

    static func isNull(_ column: Column, negated: Bool) -> Column {
        Column(dataType: .boolean, storage: .boolean((0..<column.count).map { column.isNull($0) != negated }))
    }
}
