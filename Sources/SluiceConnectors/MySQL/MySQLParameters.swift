import CMariaDB
import SluiceEngine

/// Parameter values laid out for `mysql_stmt_bind_param`: one `MYSQL_BIND` per value, each
/// pointing into one buffer that lives as long as this object.
final class MySQLParameters {
    let binds: UnsafeMutablePointer<MYSQL_BIND>
    private let count: Int
    private let storage: UnsafeMutableRawPointer

    init(_ values: [ScalarValue]) {
        let values = values.map(Self.normalized)
        count = values.count
        binds = .allocate(capacity: max(1, count))
        binds.initialize(repeating: MYSQL_BIND(), count: max(1, count))
        let timeSize = (MemoryLayout<MYSQL_TIME>.size + 7) / 8 * 8
        var size = 0
        for value in values {
            switch value {
            case .string(let text): size += (text.utf8.count + 7) / 8 * 8
            case .binary(let bytes): size += (bytes.count + 7) / 8 * 8
            case .date, .timestamp: size += timeSize
            default: size += 8
            }
        }
        storage = .allocate(byteCount: max(8, size), alignment: 8)
        var offset = 0
        for (index, value) in values.enumerated() {
            let slot = storage + offset
            var bind = MYSQL_BIND()
            bind.buffer = slot
            switch value {
            case .null:
                bind.buffer_type = MYSQL_TYPE_NULL
                offset += 8
            case .boolean(let flag):
                bind.buffer_type = MYSQL_TYPE_TINY
                slot.storeBytes(of: Int8(flag ? 1 : 0), as: Int8.self)
                offset += 8
            case .int32(let number):
                bind.buffer_type = MYSQL_TYPE_LONG
                slot.storeBytes(of: number, as: Int32.self)
                offset += 8
            case .int64(let number):
                bind.buffer_type = MYSQL_TYPE_LONGLONG
                slot.storeBytes(of: number, as: Int64.self)
                offset += 8
            case .float64(let number):
                bind.buffer_type = MYSQL_TYPE_DOUBLE
                slot.storeBytes(of: number, as: Double.self)
                offset += 8
            case .string(let text):
                bind.buffer_type = MYSQL_TYPE_STRING
                let length = text.utf8.count
                text.utf8.withContiguousStorageIfAvailable { bytes in
                    slot.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
                } ?? Array(text.utf8).withUnsafeBytes { slot.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
                bind.buffer_length = UInt(length)
                offset += (length + 7) / 8 * 8
            case .binary(let bytes):
                bind.buffer_type = MYSQL_TYPE_BLOB
                bytes.withUnsafeBytes { if let base = $0.baseAddress { slot.copyMemory(from: base, byteCount: $0.count) } }
                bind.buffer_length = UInt(bytes.count)
                offset += (bytes.count + 7) / 8 * 8
            case .date(let days):
                bind.buffer_type = MYSQL_TYPE_DATE
                slot.storeBytes(of: MySQLTime.make(micros: Int64(days) * 86_400_000_000, date: true), as: MYSQL_TIME.self)
                offset += timeSize
            case .timestamp(let micros):
                bind.buffer_type = MYSQL_TYPE_DATETIME
                slot.storeBytes(of: MySQLTime.make(micros: micros, date: false), as: MYSQL_TIME.self)
                offset += timeSize
            default:
                preconditionFailure("\(value) is bound after normalizing")
            }
            binds[index] = bind
        }
    }

    /// The value in the form it is bound as: small integers as INT, FLOAT as DOUBLE, decimals as
    /// their exact text (the server converts it), a timestamp without time zone as DATETIME.
    private static func normalized(_ value: ScalarValue) -> ScalarValue {
        switch value {
        case .int8(let v): .int32(Int32(v))
        case .int16(let v): .int32(Int32(v))
        case .float32(let v): .float64(Double(v))
        case .decimal(let v): .string(v.description)
        case .timestampNTZ(let v): .timestamp(v)
        default: value
        }
    }

    deinit {
        binds.deallocate()
        storage.deallocate()
    }
}
