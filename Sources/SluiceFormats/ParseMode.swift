/// What a reader does with a malformed record (a value that does not fit its column's
/// type, or a CSV row with the wrong number of fields).
public enum ParseMode: String, Sendable, Hashable, CaseIterable {
    /// Fail the read with an error naming the file, line and column (the default).
    case failFast
    /// Keep the record, with nulls where values do not fit.
    case permissive
    /// Skip the record.
    case dropMalformed
}
