import SluiceDelta
import SluiceEngine
import SluiceSpec

/// How a snapshot's files map to the table's columns: which columns are partition columns
/// (their values in the log, not the files), and which files a scan can skip.
struct DeltaFileLayout: Sendable {
    let snapshot: DeltaSnapshot
    /// The table's columns, in schema order.
    let schema: Schema
    /// The columns stored in the data files.
    let dataSchema: Schema
    /// Lower-cased partition column names.
    let partitionNames: Set<String>

    init(snapshot: DeltaSnapshot, schema: Schema) {
        self.snapshot = snapshot
        self.schema = schema
        let partitioned = Set(snapshot.metadata.partitionColumns.map { $0.lowercased() })
        partitionNames = partitioned
        dataSchema = Schema(schema.fields.filter { !partitioned.contains($0.name.lowercased()) })
    }

    /// The value of partition column `field` in `file` (nil: null).
    func partitionValue(_ field: Field, in file: DeltaAddFile) -> ScalarValue {
        let text = file.partitionValues.first { $0.key.lowercased() == field.name.lowercased() }?.value ?? nil
        guard let text, !(text.isEmpty && field.type != .string) else { return .null }
        return HivePartitionColumns.parse(text, as: field.type)
    }

    /// The files that may hold rows satisfying `predicates`; a file with a deletion vector is an error.
    func files(matching predicates: [ScanPredicate]) throws(SluiceError) -> [DeltaAddFile] {
        let partitionFields = schema.fields.filter { partitionNames.contains($0.name.lowercased()) }
        let filePredicates = predicates.filter { !partitionNames.contains($0.column) }
        let floating = Set(dataSchema.fields.filter { $0.type == .float64 }.map { $0.name.lowercased() })
        var kept: [DeltaAddFile] = []
        for file in snapshot.files {
            if file.hasDeletionVector {
                throw SluiceError(.unsupported, "Delta table '\(snapshot.table)' has deleted rows in deletion vectors ('\(file.path)'), which Sluice does not read",
                                  hint: "purge them (REORG TABLE ... APPLY (PURGE)) or read the table with another client")
            }
            let partitionsMatch = predicates.allSatisfy { predicate in
                guard let field = partitionFields.first(where: { $0.name.lowercased() == predicate.column }) else { return true }
                return predicate.mayMatch(value: partitionValue(field, in: file))
            }
            guard partitionsMatch else { continue }
            if !filePredicates.isEmpty, let stats = file.stats,
               let statistics = DeltaFileStatistics(json: stats, schema: dataSchema),
               !statistics.mayMatch(filePredicates, floatingColumns: floating) {
                continue
            }
            kept.append(file)
        }
        return kept
    }
}
