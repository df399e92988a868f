import SluiceSpec

/// Checks whether one version of a schema can replace another, as schema registries do.
///
/// `backward`: data written with the old schema can be read with the new one. `forward`:
/// data written with the new schema can be read with the old one. `full`: both. Every
/// problem is reported (resolution errors, writer union branches the reader cannot read,
/// enum symbols the reader lacks without a default), each naming the field and the rule.
public enum AvroCompatibility {
    /// Which direction must work: old data read with the new schema, new data with the old, or both.
    public enum Mode: String, Sendable, CaseIterable {
        case backward, forward, full
    }

    /// The problems that stop `newSchema` from replacing `oldSchema` under `mode`; empty when compatible.
    public static func problems(newSchema: AvroSchema, oldSchema: AvroSchema, mode: Mode) -> [SluiceError] {
        switch mode {
        case .backward: problems(reader: newSchema, writer: oldSchema)
        case .forward: problems(reader: oldSchema, writer: newSchema)
        case .full: problems(reader: newSchema, writer: oldSchema) + problems(reader: oldSchema, writer: newSchema)
        }
    }

    /// The problems of reading `writer` data with `reader`.
    public static func problems(reader: AvroSchema, writer: AvroSchema) -> [SluiceError] {
        var resolver = AvroSchemaResolver()
        do throws(SluiceError) {
            _ = try resolver.resolve(writer: writer, reader: reader, path: [])
            return resolver.latentProblems
        } catch {
            return resolver.latentProblems + [error]
        }
    }
}
