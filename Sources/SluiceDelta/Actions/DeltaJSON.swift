import SluiceSpec

/// Reading and writing the JSON of log actions: typed accessors over parsed nodes that turn a
/// malformed action into an error naming the log file, and a small writer for action lines.
struct DeltaJSON {
    let node: JSONNode
    /// The log file, for errors.
    let file: String

    func corrupt(_ detail: String) -> SluiceError {
        SluiceError(.malformedData, "Delta log file '\(file)' is corrupt: \(detail)",
                    hint: "the table's log may have been edited by hand or truncated")
    }

    func member(_ key: String) -> DeltaJSON? {
        node[key].flatMap { $0.value == .null ? nil : DeltaJSON(node: $0, file: file) }
    }

    func string(_ key: String) throws(SluiceError) -> String {
        guard let text = node[key]?.stringValue else { throw corrupt("'\(key)' is missing or not a string") }
        return text
    }

    func optionalString(_ key: String) -> String? { node[key]?.stringValue }

    func int(_ key: String) throws(SluiceError) -> Int64 {
        guard let value = optionalInt(key) else { throw corrupt("'\(key)' is missing or not an integer") }
        return value
    }

    func optionalInt(_ key: String) -> Int64? {
        guard case .number(let text)? = node[key]?.value else { return nil }
        return Int64(text) ?? Double(text).flatMap { Int64(exactly: $0.rounded()) }
    }

    func bool(_ key: String) -> Bool? {
        guard case .bool(let flag)? = node[key]?.value else { return nil }
        return flag
    }

    func strings(_ key: String) -> [String] {
        node[key]?.elements?.compactMap(\.stringValue) ?? []
    }

    /// An object of string (or null) values, such as `partitionValues`.
    func stringMap(_ key: String) -> [String: String?] {
        var map: [String: String?] = [:]
        for member in node[key]?.members ?? [] {
            switch member.value.value {
            case .string(let text): map[member.key] = .some(text)
            case .number(let text): map[member.key] = .some(text)
            case .bool(let flag): map[member.key] = .some(flag ? "true" : "false")
            default: map[member.key] = .some(nil)
            }
        }
        return map
    }
}

/// Builds one JSON object as text, members in the order written.
struct DeltaJSONWriter {
    private var members: [String] = []

    init() {}

    mutating func string(_ key: String, _ value: String?) {
        members.append(JSONNode.quote(key) + ":" + (value.map(JSONNode.quote) ?? "null"))
    }

    mutating func int(_ key: String, _ value: Int64) {
        members.append(JSONNode.quote(key) + ":" + String(value))
    }

    mutating func bool(_ key: String, _ value: Bool) {
        members.append(JSONNode.quote(key) + ":" + (value ? "true" : "false"))
    }

    /// A member whose value is JSON text already.
    mutating func raw(_ key: String, _ json: String) {
        members.append(JSONNode.quote(key) + ":" + json)
    }

    mutating func strings(_ key: String, _ values: [String]) {
        raw(key, "[" + values.map(JSONNode.quote).joined(separator: ",") + "]")
    }

    mutating func stringMap(_ key: String, _ map: [String: String?]) {
        raw(key, "{" + map.keys.sorted().map { JSONNode.quote($0) + ":" + (map[$0]!.map(JSONNode.quote) ?? "null") }.joined(separator: ",") + "}")
    }

    var text: String { "{" + members.joined(separator: ",") + "}" }
}
