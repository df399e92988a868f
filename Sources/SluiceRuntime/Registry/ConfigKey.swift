/// One key a method's `config` accepts: its type, whether it is required, its default and doc.
///
/// The registry's keys are the single source for validation, `sluice methods`, and the docs.
public struct ConfigKey: Sendable, Hashable {
    /// The JSON shape a key's value must have. Booleans and numbers may also be written as
    /// strings (`"true"`, `"20"`), as the original application's files do.
    public enum Kind: String, Sendable, Hashable {
        case string
        case boolean
        case integer
        case number
        /// A size in bytes: a number, or a string with a unit (`"256MB"`).
        case byteSize = "byte size"
        /// An array of strings, or one string.
        case stringList = "string list"
        /// An object whose values are strings, numbers or booleans.
        case stringMap = "string map"
        /// A string, or an object of name → string (used by `schema`).
        case stringOrMap = "string or string map"
        /// A string, or any JSON object (an Avro schema, inline or as JSON text).
        case stringOrObject = "string or object"
        /// Any JSON object; the method checks its members.
        case object
        /// A number, or a string the method reads (a date, a timestamp, a number).
        case scalar = "number or string"
    }

    public var name: String
    public var kind: Kind
    public var required: Bool
    /// The value used when the key is absent, as it would be written in JSON (nil: no default).
    public var defaultValue: String?
    /// The only values allowed (case-insensitive), if the key is an enumeration.
    public var allowedValues: [String]?
    /// One line for users.
    public var summary: String

    public init(_ name: String, _ kind: Kind, required: Bool = false, default defaultValue: String? = nil,
                allowed allowedValues: [String]? = nil, _ summary: String) {
        self.name = name
        self.kind = kind
        self.required = required
        self.defaultValue = defaultValue
        self.allowedValues = allowedValues
        self.summary = summary
    }
}
