extension Column {
    /// About how many bytes the column's buffers hold (for memory limits).
    public var byteSize: Int {
        let validityBytes = validity.map { $0.words.count * 8 } ?? 0
        if case .deferred(let strings) = self.values {
            let dictionary = strings.dictionary
            return dictionary.codes.count * 4 + dictionary.values.bytes.count + dictionary.values.offsets.count * 8 + validityBytes
        }
        let values: Int
        switch storage {
        case .boolean(let v): values = v.count
        case .int32(let v): values = v.count * 4
        case .int64(let v): values = v.count * 8
        case .float64(let v): values = v.count * 8
        case .decimal(let v): values = v.count * 16
        case .string(let v): values = v.bytes.count + v.offsets.count * 8
        case .list(let offsets, let child): values = offsets.count * 8 + child.byteSize
        case .structure(let children, _): values = children.reduce(0) { $0 + $1.byteSize }
        }
        return values + validityBytes
    }
}

extension RecordBatch {
    /// About how many bytes the batch's columns hold.
    public var byteSize: Int { columns.reduce(0) { $0 + $1.byteSize } }
}
