/// Builds a string column for the kernels, one value at a time, each value from as many pieces
/// as it takes; rows start out null where `validity` says so and a kernel can null more.
struct StringColumnWriter {
    private var bytes: [UInt8] = []
    private var offsets: [Int] = [0]
    private var validity: Bitmap?
    /// The number of values the column will have.
    private let rows: Int

    /// A writer for `rows` values of about `byteCapacity` bytes in all; rows that `validity`
    /// marks null stay null.
    init(rows: Int, byteCapacity: Int, validity: Bitmap?) {
        bytes.reserveCapacity(byteCapacity)
        offsets.reserveCapacity(rows + 1)
        self.validity = validity
        self.rows = rows
    }

    /// Whether `row` is null (in the arguments, or nulled by `endNull`).
    @inline(__always)
    func isNull(_ row: Int) -> Bool {
        validity.map { !$0[row] } ?? false
    }

    /// Adds bytes to the value being written.
    @inline(__always)
    mutating func append(_ part: UnsafeBufferPointer<UInt8>) {
        bytes.append(contentsOf: part)
    }

    /// Adds one byte to the value being written.
    @inline(__always)
    mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    /// Adds bytes to the value being written.
    mutating func append(contentsOf part: some Sequence<UInt8>) {
        bytes.append(contentsOf: part)
    }

    /// Ends the value being written (empty if nothing was added: the placeholder of a null row).
    @inline(__always)
    mutating func endValue() {
        offsets.append(bytes.count)
    }

    /// Ends the value being written as null, dropping whatever was added to it.
    mutating func endNull() {
        let row = offsets.count - 1
        bytes.removeLast(bytes.count - offsets[row])
        offsets.append(bytes.count)
        if validity == nil { validity = Bitmap(count: rows, value: true) }
        validity![row] = false
    }

    /// The finished column (one value per row, the writer's validity).
    func finish(type: DataType = .string) -> Column {
        precondition(offsets.count == rows + 1, "a kernel wrote \(offsets.count - 1) of \(rows) values")
        return Column(dataType: type, storage: .string(StringStorage(offsets: offsets, bytes: bytes)), validity: validity)
    }
}
