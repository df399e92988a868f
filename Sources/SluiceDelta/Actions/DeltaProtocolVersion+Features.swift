import SluiceEngine

extension DeltaProtocolVersion {
    /// The protocol a table with `schema` needs when it now has `current` (nil for a new
    /// table), or nil when `current` already suffices. A TIMESTAMP_NTZ column needs the
    /// `timestampNtz` feature, which only reader version 3 and writer version 7 can name.
    public static func required(for schema: Schema, current: DeltaProtocolVersion?) -> DeltaProtocolVersion? {
        let needsNTZ = schema.fields.contains { $0.type == .timestampNTZ }
        guard needsNTZ else { return current == nil ? .sluiceDefault : nil }
        let base = current ?? .sluiceDefault
        if base.readerFeatures?.contains("timestampNtz") == true && base.writerFeatures?.contains("timestampNtz") == true { return nil }
        // Moving to the feature-based versions keeps every feature the old versions implied.
        let implied = base.minWriterVersion >= 2 ? ["appendOnly", "invariants"] : base.minWriterVersion == 1 ? [] : ["appendOnly"]
        var writer = base.writerFeatures ?? implied
        if !writer.contains("timestampNtz") { writer.append("timestampNtz") }
        var reader = base.readerFeatures ?? []
        if !reader.contains("timestampNtz") { reader.append("timestampNtz") }
        return DeltaProtocolVersion(minReaderVersion: 3, minWriterVersion: 7, readerFeatures: reader, writerFeatures: writer)
    }
}
