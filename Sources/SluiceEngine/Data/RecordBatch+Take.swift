extension RecordBatch {
    /// The rows at `indices`, in that order.
    public func take(_ indices: [Int]) -> RecordBatch {
        RecordBatch(schema: schema, columns: columns.map { $0.take(indices) })
    }
}

extension Column {
    /// The rows at `indices`, in that order (values and validity).
    public func take(_ indices: [Int]) -> Column {
        var takenValidity: Bitmap?
        if let validity {
            var bits = Bitmap(capacity: indices.count)
            for index in indices { bits.append(validity[index]) }
            takenValidity = bits.setCount == indices.count ? nil : bits
        }
        // Strings still held as dictionary codes stay so: only the codes are taken.
        if case .deferred(let strings) = values {
            let codes = strings.dictionary.codes
            let dictionary = ColumnDictionary(codes: indices.map { codes[$0] }, values: strings.dictionary.values)
            return Column(dataType: dataType, dictionary: dictionary, validity: takenValidity)
        }
        let taken: ColumnStorage
        switch storage {
        case .boolean(let v): taken = .boolean(indices.map { v[$0] })
        case .int32(let v): taken = .int32(indices.map { v[$0] })
        case .int64(let v): taken = .int64(indices.map { v[$0] })
        case .float64(let v): taken = .float64(indices.map { v[$0] })
        case .decimal(let v): taken = .decimal(indices.map { v[$0] })
        case .string(let v): taken = .string(v.take(indices))
        case .list(let offsets, let values):
            var takenOffsets = [0]
            var elements: [Int] = []
            for index in indices {
                elements.append(contentsOf: offsets[index]..<offsets[index + 1])
                takenOffsets.append(elements.count)
            }
            taken = .list(offsets: takenOffsets, values: values.take(elements))
        case .structure(let children, _):
            taken = .structure(children: children.map { $0.take(indices) }, count: indices.count)
        }
        return Column(dataType: dataType, storage: taken, validity: takenValidity)
    }
}
