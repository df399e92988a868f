import SluiceEngine
import SluiceFormats

/// Hive-style partition directories (`year=2025/month=01/`), as Spark writes and reads them.
public enum HivePartitioning {
    /// The directory name Spark and Hive use for a null partition value.
    public static let nullValue = "__HIVE_DEFAULT_PARTITION__"

    /// The characters Hive escapes in partition values, as `%XX`.
    private static let escaped: Set<UInt8> = Set(Array("\"#%'*/:=?\\{[]^".utf8) + Array(0x01...0x1F) + [0x7F])

    /// `name=value` with the value escaped; nulls and empty strings become `nullValue`.
    public static func segment(_ name: String, _ value: ScalarValue) -> String {
        if case .null = value { return escape(name) + "=" + nullValue }
        let text = TextValueFormatter.text(value)
        return escape(name) + "=" + (text.isEmpty ? nullValue : escape(text))
    }

    /// `text` with the characters Hive escapes written as `%XX`.
    public static func escape(_ text: String) -> String {
        var output: [UInt8] = []
        for byte in text.utf8 {
            if escaped.contains(byte) {
                output += Array("%".utf8) + Array(hex(byte >> 4).utf8) + Array(hex(byte & 0xF).utf8)
            } else {
                output.append(byte)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// `text` with `%XX` escapes decoded.
    public static func unescape(_ text: String) -> String {
        var output: [UInt8] = []
        let bytes = Array(text.utf8)
        var index = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "%"), index + 2 < bytes.count,
               let value = UInt8(String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16) {
                output.append(value)
                index += 3
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The `name=value` pairs in the directories between a root and a file (`a=1/b=x/part.parquet`
    /// relative to the root gives `[("a", "1"), ("b", "x")]`); values unescaped, nulls as nil.
    public static func values(inRelativePath path: String) -> [(name: String, value: String?)] {
        path.split(separator: "/").dropLast().compactMap { segment in
            guard let equals = segment.firstIndex(of: "="), equals != segment.startIndex else { return nil }
            let name = unescape(String(segment[..<equals]))
            let value = String(segment[segment.index(after: equals)...])
            return (name, value == nullValue ? nil : unescape(value))
        }
    }

    private static func hex(_ nibble: UInt8) -> String { String(nibble, radix: 16, uppercase: true) }
}
