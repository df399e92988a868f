extension RecordBatch {
    /// The rows of `batches` (all of `schema`) as one batch; buffers are appended whole.
    public static func concatenate(_ batches: [RecordBatch], schema: Schema) -> RecordBatch {
        guard batches.count != 1 else { return batches[0] }
        let columns = schema.fields.indices.map { column in
            Column.concatenate(batches.map { $0.columns[column] }, type: schema.fields[column].type)
        }
        return RecordBatch(schema: schema, columns: columns)
    }
}

extension Column {
    /// The rows of `columns`, one after another.
    static func concatenate(_ columns: [Column], type: DataType) -> Column {
        if let coded = concatenateCodes(columns, type: type) { return coded }
        let storage: ColumnStorage
        switch type.physical {
        case .boolean: storage = .boolean(columns.flatMap(\.booleans))
        case .int32: storage = .int32(columns.flatMap(\.int32s))
        case .int64: storage = .int64(columns.flatMap(\.int64s))
        case .float64: storage = .float64(columns.flatMap(\.float64s))
        case .decimal: storage = .decimal(columns.flatMap(\.decimals))
        case .bytes:
            var strings = StringStorage(capacity: columns.reduce(0) { $0 + $1.count })
            for column in columns {
                column.strings.forEachValue { strings.append(bytes: $0) }
            }
            storage = .string(strings)
        case .list:
            var offsets = [0]
            var elements: [Column] = []
            for column in columns {
                guard case .list(let own, let values) = column.storage else { preconditionFailure("not a list column") }
                let base = offsets.last!
                for index in 1..<own.count { offsets.append(base + own[index] - own[0]) }
                elements.append(values.slice(own[0], own.last! - own[0]))
            }
            storage = .list(offsets: offsets, values: concatenate(elements, type: type.listElement!))
        case .structure:
            let fields = type.structFields
            let children = fields.indices.map { field in
                concatenate(columns.map { column -> Column in
                    guard case .structure(let children, _) = column.storage else { preconditionFailure("not a struct column") }
                    return children[field]
                }, type: fields[field].type)
            }
            storage = .structure(children: children, count: columns.reduce(0) { $0 + $1.count })
        }
        return Column(dataType: type, storage: storage, validity: concatenateValidity(columns))
    }

    /// The validity of `columns` one after another (nil when none has a null).
    private static func concatenateValidity(_ columns: [Column]) -> Bitmap? {
        guard columns.contains(where: { $0.validity != nil }) else { return nil }
        var bits = Bitmap(capacity: columns.reduce(0) { $0 + $1.count })
        for column in columns { for row in 0..<column.count { bits.append(!column.isNull(row)) } }
        return bits
    }

    /// Columns held as dictionary codes, concatenated as codes into one dictionary of all
    /// their values; nil when one has no dictionary, or the values are mostly distinct.
    private static func concatenateCodes(_ columns: [Column], type: DataType) -> Column? {
        guard type.physical == .bytes, columns.allSatisfy({ $0.dictionary != nil }) else { return nil }
        var interner = ByteInterner()
        var codes: [Int32] = []
        codes.reserveCapacity(columns.reduce(0) { $0 + $1.count })
        for column in columns {
            let dictionary = column.dictionary!
            let merged = interner.codes(of: dictionary.values)
            // A null row's code may be anything: it becomes 0, which the validity hides.
            for code in dictionary.codes { codes.append(Int(code) < merged.count && code >= 0 ? merged[Int(code)] : 0) }
        }
        guard StringDictionaryBuilder.worthKeeping(distinct: interner.count, rows: codes.count) else { return nil }
        return Column(dataType: type, dictionary: ColumnDictionary(codes: codes, values: interner.values), validity: concatenateValidity(columns))
    }

    /// The rows at `indices`, where -1 stands for a null row (the missing side of an outer join).
    public func take(nullable indices: [Int]) -> Column {
        guard indices.contains(-1) else { return take(indices) }
        var builder = ColumnBuilder(type: dataType, capacity: indices.count)
        for index in indices { builder.append(index < 0 ? .null : value(at: index)) }
        return builder.finish()
    }
}
