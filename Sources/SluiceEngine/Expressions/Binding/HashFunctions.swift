/// Digest functions over the UTF-8 bytes of their argument, as lower-case hex (Spark's `md5`,
/// `sha1`, `sha2`) or as a number (`crc32`).
enum HashFunctions {
    typealias Entry = FunctionCatalog.Entry

    static func hex(_ bytes: [UInt8]) -> ScalarValue {
        let digits = Array("0123456789abcdef".utf8)
        return .string(String(decoding: bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] }, as: UTF8.self))
    }

    static func bytes(_ value: ScalarValue) -> [UInt8] { Array(StringFunctions.text(value).utf8) }

    static let entries: [String: Entry] = [
        "md5": .fixed([.string], returns: .string, "md5") { hex(MD5.digest(bytes($0[0]))) },
        "sha1": .fixed([.string], returns: .string, "sha1") { hex(SHA.sha1(bytes($0[0]))) },
        "sha": .fixed([.string], returns: .string, "sha1") { hex(SHA.sha1(bytes($0[0]))) },
        "sha2": .fixed([.string, .int32], returns: .string, "sha2") { values in
            let input = bytes(values[0])
            switch StringFunctions.int(values[1]) {
            case 0, 256: return hex(SHA.sha256(input))
            case 224: return hex(SHA.sha256(input, truncated: true))
            case 384: return hex(SHA.sha512(input, truncated: true))
            case 512: return hex(SHA.sha512(input))
            default: return .null  // as Spark: an unsupported bit length gives null
            }
        },
        "crc32": .fixed([.string], returns: .int64, "crc32") { .int64(Int64(CRC32.checksum(bytes($0[0])))) },
    ]
}
