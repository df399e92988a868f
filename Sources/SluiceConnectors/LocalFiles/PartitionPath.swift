import SluiceEngine

/// Hive-style partition directories, as Spark writes and discovers them: `column=value`, one
/// level per partition column, values escaped, null as `__HIVE_DEFAULT_PARTITION__`.
public enum PartitionPath {
    /// The directory name standing for a null value.
    public static let nullValue = "__HIVE_DEFAULT_PARTITION__"

    /// The directory component for `value` of `column`.
    public static func component(_ column: String, _ value: ScalarValue) -> String {
        escape(column) + "=" + (value.isNull ? nullValue : escape(text(value)))
    }

    /// A value as text, as Spark writes partition values (timestamps as `yyyy-MM-dd HH:mm:ss[.ffffff]`).
    static func text(_ value: ScalarValue) -> String {
        switch value {
        case .date(let days): Temporal.formatDate(days)
        case .timestamp(let micros):
            String(Temporal.formatTimestamp(micros).dropLast().map { $0 == "T" ? " " : $0 })
        default: value.description
        }
    }

    /// `text` with the characters Hive escapes written `%XX`.
    static func escape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F || "\"#%'*/:=?\\{[]^".unicodeScalars.contains(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// `text` with `%XX` escapes decoded.
    static func unescape(_ text: String) -> String {
        var bytes: [UInt8] = []
        var utf8 = Array(text.utf8)[...]
        while let byte = utf8.first {
            if byte == UInt8(ascii: "%"), utf8.count >= 3,
               let value = UInt8(String(decoding: utf8.dropFirst().prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(value)
                utf8 = utf8.dropFirst(3)
            } else {
                bytes.append(byte)
                utf8 = utf8.dropFirst()
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The `(column, value text)` pairs of a relative directory path, or nil when a component
    /// is not `column=value`. A null value is nil.
    static func parse(_ components: [String]) -> [(column: String, value: String?)]? {
        var pairs: [(String, String?)] = []
        for component in components {
            guard let equals = component.firstIndex(of: "="), equals != component.startIndex else { return nil }
            let value = String(component[component.index(after: equals)...])
            pairs.append((unescape(String(component[..<equals])), value == nullValue ? nil : unescape(value)))
        }
        return pairs
    }
}
