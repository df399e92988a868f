import SluiceEngine
import SluiceSpec

/// Decodes PLAIN-encoded values (and dictionary pages, which are PLAIN).
enum PlainDecoder {
    /// The Julian day of 1970-01-01, for INT96 timestamps.
    static let unixEpochJulianDay: Int64 = 2_440_588

    static func decode(
        _ cursor: inout ByteCursor, count: Int, physical: ParquetPhysicalType, typeLength: Int
    ) throws(SluiceError) -> LeafValues {
        guard count >= 0 else { throw cursor.corrupt("a negative value count (\(count))") }
        switch physical {
        case .boolean:
            let packed = try cursor.take((count + 7) / 8, "\(count) booleans")
            return .boolean((0..<count).map { packed[$0 >> 3] & (1 << UInt8($0 & 7)) != 0 })
        case .int32: return .int32(try fixed(&cursor, count: count, as: Int32.self))
        case .int64: return .int64(try fixed(&cursor, count: count, as: Int64.self))
        case .float: return .float(try fixed(&cursor, count: count, as: Float.self))
        case .double: return .double(try fixed(&cursor, count: count, as: Double.self))
        case .int96:
            let raw = try cursor.take(count * 12, "\(count) INT96 values")
            var values: [Int64] = []
            values.reserveCapacity(count)
            for index in 0..<count {
                let nanos = Int64(littleEndian: raw.loadUnaligned(fromByteOffset: index * 12, as: Int64.self))
                let day = Int64(Int32(littleEndian: raw.loadUnaligned(fromByteOffset: index * 12 + 8, as: Int32.self)))
                // Day numbers come from the file: a corrupt one must not overflow.
                let (micros, overflow) = (day - unixEpochJulianDay).multipliedReportingOverflow(by: 86_400_000_000)
                let (value, overflowAgain) = micros.addingReportingOverflow(nanos / 1000)
                guard !overflow, !overflowAgain else { throw cursor.corrupt("an INT96 timestamp out of range") }
                values.append(value)
            }
            return .int64(values)
        case .byteArray:
            var storage = StringStorage(capacity: count)
            for _ in 0..<count {
                let length = Int(try cursor.readUInt32())
                storage.append(bytes: try cursor.take(length, "a byte array of \(length) bytes"))
            }
            return .bytes(storage)
        case .fixedLenByteArray:
            guard typeLength > 0 else { throw cursor.corrupt("a fixed-length column of length \(typeLength)") }
            let raw = try cursor.take(count * typeLength, "\(count) values of \(typeLength) bytes")
            let offsets = (0...count).map { $0 * typeLength }
            return .bytes(StringStorage(offsets: offsets, bytes: Array(raw)))
        }
    }

    /// `count` little-endian fixed-width values, copied in one go.
    static func fixed<T: BitwiseCopyable>(_ cursor: inout ByteCursor, count: Int, as type: T.Type) throws(SluiceError) -> [T] {
        let raw = try cursor.take(count * MemoryLayout<T>.size, "\(count) values")
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            if count > 0 { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw) }
            initialized = count
        }
    }
}
