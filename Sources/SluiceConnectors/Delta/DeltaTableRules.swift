import SluiceDelta
import SluiceSpec

/// Table rules a writer must honour beyond the protocol version: append-only tables, and
/// column invariants Sluice does not evaluate.
enum DeltaTableRules {
    /// Refuses to write into a table whose columns carry invariants (`delta.invariants`).
    static func checkInvariants(_ snapshot: DeltaSnapshot) throws(SluiceError) {
        if snapshot.metadata.schemaString.contains("delta.invariants") {
            throw SluiceError(.unsupported, "Delta table '\(snapshot.table)' has column invariants, which this version of Sluice does not check",
                              hint: "write with a client that enforces them")
        }
    }

    /// Refuses an operation that removes rows (`overwrite`, `merge`) on an append-only table.
    static func checkRemovals(_ snapshot: DeltaSnapshot, operation: String) throws(SluiceError) {
        try checkInvariants(snapshot)
        if let flag = snapshot.metadata.configuration["delta.appendOnly"], flag?.lowercased() == "true" {
            throw SluiceError(.invalidValue, "Delta table '\(snapshot.table)' is append-only (delta.appendOnly), so \(operation) cannot change its rows",
                              hint: "use mode append, or turn delta.appendOnly off with the table's owner")
        }
    }
}
