/// `coalesce`, `if`, `nullif`, `nvl`, `ifnull`.
enum ConditionalFunctions {
    typealias Entry = FunctionCatalog.Entry

    /// The first non-null argument, row by row or a column at a time.
    static func coalesce(_ arity: ClosedRange<Int>) -> Entry {
        Entry.common(arity, nullPropagating: false, "coalesce") { $0.first { $0 != .null } ?? .null }
            .vectorized { columns in
                let rows = columns[0].count
                var choice = [Int32](repeating: -1, count: rows)
                for (index, column) in columns.enumerated().reversed() {
                    for row in 0..<rows where !column.isNull(row) { choice[row] = Int32(index) }
                }
                return SelectKernel.select(columns, choice: choice)
            }
    }

    static let entries: [String: Entry] = [
        "coalesce": coalesce(1...Int.max), "nvl": coalesce(2...2), "ifnull": coalesce(2...2),
        "nullif": .common(2...2, nullPropagating: false, "nullif") { values in
            switch (values[0], values[1]) {
            // Strings are equal byte for byte, as Spark compares them (not by Unicode equivalence).
            case (.string(let a), .string(let b)): a.utf8.elementsEqual(b.utf8) ? .null : values[0]
            default: ScalarOrdering.same(values[0], values[1]) ? .null : values[0]
            }
        }.vectorized { SelectKernel.nullIf($0) },
        "if": Entry(arity: 3...3, argumentTypes: nil, leading: [.boolean], result: { TypeCoercion.commonType($0) ?? .string },
                    function: RowFunction("if", nullPropagating: false) { values in
                        values[0] == .boolean(true) ? values[1] : values[2]
                    }).vectorized { SelectKernel.caseWhen($0, conditions: 1) },
    ]
}
