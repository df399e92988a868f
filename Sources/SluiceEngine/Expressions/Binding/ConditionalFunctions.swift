/// `coalesce`, `if`, `nullif`, `nvl`, `ifnull`.
enum ConditionalFunctions {
    typealias Entry = FunctionCatalog.Entry

    static let entries: [String: Entry] = [
        "coalesce": .common(1...Int.max, nullPropagating: false, "coalesce") { $0.first { $0 != .null } ?? .null },
        "nvl": .common(2...2, nullPropagating: false, "coalesce") { $0.first { $0 != .null } ?? .null },
        "ifnull": .common(2...2, nullPropagating: false, "coalesce") { $0.first { $0 != .null } ?? .null },
        "nullif": .common(2...2, nullPropagating: false, "nullif") { values in
            values[0] == values[1] ? .null : values[0]
        },
        "if": Entry(arity: 3...3, argumentTypes: nil, leading: [.boolean], result: { TypeCoercion.commonType($0) ?? .string },
                    function: RowFunction("if", nullPropagating: false) { values in
                        values[0] == .boolean(true) ? values[1] : values[2]
                    }),
    ]
}
