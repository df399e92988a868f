import SluiceSpec

/// Typed access to a step's `config`, filling in the method's defaults.
///
/// Values were checked by `ConfigValidator` before `build` runs, so the accessors only throw
/// for problems a method finds itself (an invalid combination, a bad schema string).
public struct ConfigReader: Sendable {
    /// The `config` object (possibly empty).
    public let node: JSONNode
    /// The JSON path of `config`.
    public let basePath: JSONPath
    public let keys: [ConfigKey]

    public init(node: JSONNode, basePath: JSONPath, keys: [ConfigKey]) {
        self.node = node
        self.basePath = basePath
        self.keys = keys
    }

    /// The JSON path of `key` inside this config.
    public func path(of key: String) -> JSONPath { basePath.appending(key) }

    /// Whether the config sets `key` explicitly.
    public func has(_ key: String) -> Bool { node[key] != nil }

    /// The value of `key`, or its default, as JSON; nil when absent with no default.
    public func value(_ key: String) throws(SluiceError) -> JSONNode? {
        if let value = node[key] { return value }
        guard let text = keys.first(where: { $0.name == key })?.defaultValue else { return nil }
        return try JSONParser.parse(text, file: "<default of \(key)>")
    }

    public func string(_ key: String) throws(SluiceError) -> String? {
        try value(key)?.string(at: path(of: key))
    }

    public func bool(_ key: String) throws(SluiceError) -> Bool? {
        try value(key)?.bool(at: path(of: key))
    }

    public func int(_ key: String) throws(SluiceError) -> Int? {
        try value(key)?.int(at: path(of: key))
    }

    public func byteSize(_ key: String) throws(SluiceError) -> Int? {
        try value(key)?.byteSize(at: path(of: key))
    }

    public func double(_ key: String) throws(SluiceError) -> Double? {
        try value(key)?.double(at: path(of: key))
    }

    public func stringList(_ key: String) throws(SluiceError) -> [String]? {
        try value(key)?.stringArray(at: path(of: key))
    }

    public func stringMap(_ key: String) throws(SluiceError) -> [String: String]? {
        try value(key)?.stringMap(at: path(of: key))
    }

    /// The members of an object-valued key in file order, with where each value is written.
    public func members(_ key: String) throws(SluiceError) -> [JSONMember]? {
        guard let node = try value(key) else { return nil }
        guard let members = node.members else { throw node.wrongType("an object", at: path(of: key)) }
        return members
    }

    /// The value of a required key (the validator guarantees it is present).
    public func required(_ key: String) throws(SluiceError) -> String {
        guard let text = try string(key) else {
            throw SluiceError(.missingKey, "config needs '\(key)'", location: node.location,
                              jsonPath: basePath.description)
        }
        return text
    }

    /// An error about the value of `key`, located where it was written.
    public func error(_ key: String, _ message: String, hint: String? = nil) -> SluiceError {
        SluiceError(.invalidValue, message, location: node[key]?.location ?? node.location,
                    jsonPath: path(of: key).description, hint: hint)
    }
}
