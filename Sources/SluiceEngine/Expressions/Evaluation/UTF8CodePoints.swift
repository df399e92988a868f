/// Code points (what Spark counts as characters) in UTF-8 bytes: every byte that does not
/// continue a sequence starts one.
enum UTF8CodePoints {
    /// Whether `byte` starts a code point (rather than continuing one).
    @inline(__always)
    static func starts(_ byte: UInt8) -> Bool { byte & 0xC0 != 0x80 }

    /// The number of code points in `bytes`.
    static func count(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        for byte in bytes where starts(byte) { count += 1 }
        return count
    }

    /// The number of bytes the first `codePoints` code points of `bytes` take (all of them when
    /// there are fewer).
    static func prefixLength(_ bytes: UnsafeBufferPointer<UInt8>, codePoints: Int) -> Int {
        var seen = 0
        for (offset, byte) in bytes.enumerated() where starts(byte) {
            if seen == codePoints { return offset }
            seen += 1
        }
        return bytes.count
    }

    /// Whether every byte is ASCII.
    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }
}
