import SluiceEngine
import SluiceSpec

/// Reads the server's response to one `PostgresQueryMessage` from the raw bytes of the
/// connection, message by message, into record batches of `batchSize` rows.
///
/// Every backend message is a type byte, a 32-bit big-endian length (itself included) and a
/// body. `DataRow` bodies go to a `PostgresBatchDecoder`; `ErrorResponse` becomes the
/// failure; `ReadyForQuery` ends the response. The rest (ParseComplete, BindComplete,
/// CommandComplete, notices, parameter changes, notifications) carries nothing to keep.
struct PostgresResponseParser {
    private var decoder: PostgresBatchDecoder
    private let batchSize: Int
    /// The first error: the server's, or a row that could not be decoded (the rows after it
    /// are skipped). The response still runs to its end.
    private(set) var failure: (any Error)?
    /// Whether the response has ended (`ReadyForQuery`, or bytes that are not a message).
    private(set) var isComplete = false

    init(schema: Schema, batchSize: Int) {
        self.batchSize = max(1, batchSize)
        decoder = PostgresBatchDecoder(schema: schema, capacity: self.batchSize)
    }

    /// The length of the message at the start of `bytes`, type byte included; nil while its
    /// header is not all there.
    static func messageLength(_ bytes: UnsafeRawBufferPointer) -> Int? {
        guard bytes.count >= 5 else { return nil }
        return 1 + Int(bytes.bigEndian(Int32.self, at: 1))
    }

    /// Reads the whole messages at the start of `bytes` up to the end of the response,
    /// appending each full batch to `batches`; returns how many bytes were read (a message
    /// cut off at the end is left for the next call, with the bytes that complete it).
    mutating func read(_ bytes: UnsafeRawBufferPointer, into batches: inout [RecordBatch]) -> Int {
        var offset = 0
        while !isComplete, let length = Self.messageLength(UnsafeRawBufferPointer(rebasing: bytes[offset...])) {
            guard length >= 5 else {
                fail(SluiceError(.connectionReset, "PostgreSQL sent a message that is not one (length \(length - 1))"))
                isComplete = true
                break
            }
            guard bytes.count - offset >= length else { break }
            let body = UnsafeRawBufferPointer(rebasing: bytes[offset + 5 ..< offset + length])
            read(type: bytes[offset], body: body, into: &batches)
            offset += length
        }
        return offset
    }

    /// The rows not yet in a batch, once the response has ended without a failure.
    mutating func lastBatch() -> RecordBatch? {
        guard isComplete, failure == nil, decoder.count > 0 else { return nil }
        return decoder.finish()
    }

    private mutating func read(type: UInt8, body: UnsafeRawBufferPointer, into batches: inout [RecordBatch]) {
        switch type {
        case UInt8(ascii: "D"):
            guard failure == nil else { return }
            do {
                try decoder.append(row: body)
            } catch {
                fail(error)
                return
            }
            if decoder.count >= batchSize { batches.append(decoder.finish()) }
        case UInt8(ascii: "E"):
            fail(PostgresServerError(body))
        case UInt8(ascii: "Z"):
            isComplete = true
        default:
            break
        }
    }

    private mutating func fail(_ error: any Error) {
        if failure == nil { failure = error }
    }
}

/// An `ErrorResponse` from the server: its SQLSTATE, message and the detail or hint.
struct PostgresServerError: Error {
    var state = "XX000"
    var message = "unknown error"
    var detail: String?

    /// Reads the fields of an `ErrorResponse` body: each a code byte and a NUL-terminated
    /// text, ended by a zero byte.
    init(_ body: UnsafeRawBufferPointer) {
        var fields: [UInt8: String] = [:]
        var offset = 0
        while offset < body.count, body[offset] != 0 {
            let code = body[offset]
            let start = offset + 1
            var end = start
            while end < body.count, body[end] != 0 { end += 1 }
            fields[code] = String(decoding: body[start ..< end], as: UTF8.self)
            offset = end + 1
        }
        state = fields[UInt8(ascii: "C")] ?? state
        message = fields[UInt8(ascii: "M")] ?? message
        detail = fields[UInt8(ascii: "D")] ?? fields[UInt8(ascii: "H")]
    }
}
