import NIOCore
import SluiceEngine

/// The frontend messages that run one query with the extended protocol and ask for every
/// result column in binary format: Parse, Bind, Execute and Sync, in one buffer.
///
/// Parameters are sent in binary with their types named, as postgres-nio binds them: an
/// `int64` as `int8`, a `float64` as `float8`, strings, dates and timestamps as `text` (the
/// query casts a date or timestamp to the column's type, see `PostgresReader.placeholder`).
enum PostgresQueryMessage {
    /// The messages for `sql` with `parameters` as `$1`, `$2`, ...
    static func encode(_ sql: String, parameters: [ScalarValue]) -> ByteBuffer {
        var buffer = ByteBuffer()
        let encoded = parameters.map(encode)
        message("P", into: &buffer) { body in
            body.writeInteger(UInt8(0))  // the unnamed statement
            body.writeString(sql)
            body.writeInteger(UInt8(0))
            body.writeInteger(UInt16(encoded.count))
            for parameter in encoded { body.writeInteger(parameter.typeOID) }
        }
        message("B", into: &buffer) { body in
            body.writeInteger(UInt8(0))  // the unnamed portal
            body.writeInteger(UInt8(0))  // of the unnamed statement
            body.writeInteger(Int16(1))  // one format for every parameter:
            body.writeInteger(Int16(1))  // binary
            body.writeInteger(UInt16(encoded.count))
            for parameter in encoded {
                if var bytes = parameter.bytes {
                    body.writeInteger(Int32(bytes.readableBytes))
                    body.writeBuffer(&bytes)
                } else {
                    body.writeInteger(Int32(-1))
                }
            }
            body.writeInteger(Int16(1))  // one format for every result column:
            body.writeInteger(Int16(1))  // binary
        }
        message("E", into: &buffer) { body in
            body.writeInteger(UInt8(0))  // the unnamed portal
            body.writeInteger(Int32(0))  // all its rows
        }
        message("S", into: &buffer) { _ in }
        return buffer
    }

    /// One parameter: its type's OID (0: let the server infer it) and its binary value (nil: NULL).
    private static func encode(_ value: ScalarValue) -> (typeOID: UInt32, bytes: ByteBuffer?) {
        switch value {
        case .int64(let number): (20, ByteBuffer(integer: number))
        case .float64(let number): (701, ByteBuffer(integer: number.bitPattern))
        case .string(let text): (25, ByteBuffer(string: text))
        case .date(let days): (25, ByteBuffer(string: Temporal.formatDate(days)))
        case .timestamp(let micros): (25, ByteBuffer(string: Temporal.formatTimestamp(micros)))
        default: (0, nil)
        }
    }

    /// Appends a message of `type`: the type byte, the length (itself included), the body.
    private static func message(_ type: Unicode.Scalar, into buffer: inout ByteBuffer, body: (inout ByteBuffer) -> Void) {
        buffer.writeInteger(UInt8(ascii: type))
        let lengthIndex = buffer.writerIndex
        buffer.writeInteger(Int32(0))
        body(&buffer)
        buffer.setInteger(Int32(buffer.writerIndex - lengthIndex), at: lengthIndex)
    }
}
