extension RecordBatch {
    /// Rows `offset ..< offset + count` as a new batch (values are copied).
    public func slice(_ offset: Int, _ count: Int) -> RecordBatch {
        RecordBatch(schema: schema, columns: columns.map { $0.slice(offset, count) })
    }
}

extension Column {
    /// Rows `offset ..< offset + count` as a new column (values are copied).
    public func slice(_ offset: Int, _ count: Int) -> Column {
        precondition(offset >= 0 && count >= 0 && offset + count <= self.count, "slice out of range")
        let range = offset..<(offset + count)
        var slicedValidity: Bitmap?
        if let validity {
            var bits = Bitmap(capacity: count)
            for index in range { bits.append(validity[index]) }
            slicedValidity = bits
        }
        let slicedDictionary = dictionary.map { ColumnDictionary(codes: Array($0.codes[range]), values: $0.values) }
        if case .deferred = values, let slicedDictionary {
            return Column(dataType: dataType, dictionary: slicedDictionary, validity: slicedValidity)
        }
        let sliced: ColumnStorage
        switch storage {
        case .boolean(let v): sliced = .boolean(Array(v[range]))
        case .int32(let v): sliced = .int32(Array(v[range]))
        case .int64(let v): sliced = .int64(Array(v[range]))
        case .float64(let v): sliced = .float64(Array(v[range]))
        case .decimal(let v): sliced = .decimal(Array(v[range]))
        case .string(let v): sliced = .string(v.slice(range))
        case .list(let offsets, let values):
            let base = offsets[offset]
            sliced = .list(offsets: offsets[offset...(offset + count)].map { $0 - base }, values: values.slice(base, offsets[offset + count] - base))
        case .structure(let children, _):
            sliced = .structure(children: children.map { $0.slice(offset, count) }, count: count)
        }
        return Column(dataType: dataType, storage: sliced, validity: slicedValidity, dictionary: slicedDictionary)
    }
}
