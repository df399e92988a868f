import SluiceEngine
import SluiceSpec

/// Combines the schemas of the files of one source.
public enum SchemaUnion {
    /// `base` widened to hold `other` too: columns must match by name and order; a column
    /// whose types differ takes the narrowest type both fit (int32 → int64 → double,
    /// anything else → string).
    public static func merge(_ base: Schema, _ other: Schema, file: String) throws -> Schema {
        guard base.names == other.names else {
            throw SluiceError(
                .schemaMismatch,
                "file '\(file)' has columns [\(other.names.joined(separator: ", "))] but earlier files have [\(base.names.joined(separator: ", "))]",
                hint: "read files with different columns in separate steps, or give an explicit schema")
        }
        let fields = zip(base.fields, other.fields).map { left, right in
            Field(left.name, left.type.widened(with: right.type), nullable: left.nullable || right.nullable)
        }
        return Schema(fields)
    }
}
