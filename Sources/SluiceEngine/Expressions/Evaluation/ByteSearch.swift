import Foundation

/// Finds byte strings in byte strings (UTF-8 text compared byte for byte, as Spark does).
enum ByteSearch {
    /// Where `needle` (not empty) first occurs in `haystack` at or after `start`.
    static func firstIndex(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>, from start: Int) -> Int? {
        let last = haystack.count - needle.count
        var index = start
        while index <= last {
            // memchr finds candidates for the first byte; memcmp checks the rest.
            guard let hit = memchr(haystack.baseAddress! + index, Int32(needle[0]), last - index + 1) else { return nil }
            let offset = UnsafeRawPointer(haystack.baseAddress!).distance(to: UnsafeRawPointer(hit))
            if memcmp(haystack.baseAddress! + offset, needle.baseAddress!, needle.count) == 0 { return offset }
            index = offset + 1
        }
        return nil
    }
}
