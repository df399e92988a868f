/// Builds a string or binary column as dictionary codes, interning each value as it comes:
/// low-cardinality columns (categories, statuses, regions) are then grouped, joined and
/// compared through their few distinct values. It gives up (see `append`) once values are
/// mostly distinct, where a dictionary would only cost time.
struct StringDictionaryBuilder: Sendable {
    private var interner = ByteInterner()
    private var codes: [Int32] = []

    /// Above this many distinct values, a column mostly distinct is not worth a dictionary.
    static let distinctAllowance = 256

    init(capacity: Int) {
        codes.reserveCapacity(capacity)
    }

    /// Appends a value; false when the values are mostly distinct (more than half of the
    /// rows, past the allowance), and the caller should go on without a dictionary.
    @inline(__always)
    mutating func append(_ bytes: UnsafeRawBufferPointer) -> Bool {
        codes.append(interner.code(of: bytes))
        return Self.worthKeeping(distinct: interner.count, rows: codes.count)
    }

    /// Whether `distinct` values over `rows` rows are worth a dictionary: within the
    /// allowance, or repeating (at most one distinct value per two rows).
    @inline(__always)
    static func worthKeeping(distinct: Int, rows: Int) -> Bool {
        distinct <= distinctAllowance || distinct * 2 <= rows
    }

    /// Appends the placeholder of a null row.
    mutating func appendNull() {
        codes.append(0)
    }

    /// The values so far, one per row (empty where `validity` says null).
    func strings(validity: Bitmap?) -> StringStorage {
        interner.values.gather(codes, validity: validity)
    }

    /// The column of the values so far, held as codes.
    func finish(type: DataType, validity: Bitmap?) -> Column {
        Column(dataType: type, dictionary: ColumnDictionary(codes: codes, values: interner.values), validity: validity)
    }
}
