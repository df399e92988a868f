/// The full name of an Avro named type: a simple name and an optional namespace.
///
/// Names compare on the full name, case-sensitively, as the specification says.
public struct AvroName: Sendable, Hashable, CustomStringConvertible {
    /// The simple name (no dots).
    public var name: String
    /// The namespace, nil for the null namespace.
    public var namespace: String?

    /// A name from a `name` attribute and the namespace in force: a name with a dot is a full
    /// name and the namespace is ignored; an empty namespace is the null namespace.
    public init(_ name: String, namespace: String? = nil) {
        if let dot = name.lastIndex(of: ".") {
            self.name = String(name[name.index(after: dot)...])
            let space = String(name[..<dot])
            self.namespace = space.isEmpty ? nil : space
        } else {
            self.name = name
            self.namespace = namespace.flatMap { $0.isEmpty ? nil : $0 }
        }
    }

    /// `namespace.name`, or `name` in the null namespace.
    public var fullName: String { namespace.map { "\($0).\(name)" } ?? name }

    public var description: String { fullName }

    /// Whether `text` is a valid simple name: `[A-Za-z_][A-Za-z0-9_]*`.
    static func isValid(_ text: String) -> Bool {
        guard let first = text.utf8.first, first == UInt8(ascii: "_") || isLetter(first) else { return false }
        return text.utf8.allSatisfy { $0 == UInt8(ascii: "_") || isLetter($0) || ($0 >= 48 && $0 <= 57) }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
    }
}
