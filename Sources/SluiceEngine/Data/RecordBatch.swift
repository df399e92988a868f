/// A slice of a dataset: equally long columns under one schema (about 64K rows each).
public struct RecordBatch: Sendable, Hashable {
    public let schema: Schema
    public let columns: [Column]
    public let rowCount: Int

    /// The preferred number of rows per batch.
    public static let preferredRowCount = 65_536

    public init(schema: Schema, columns: [Column]) {
        precondition(schema.fields.count == columns.count, "schema has \(schema.fields.count) fields, batch \(columns.count) columns")
        let rowCount = columns.first?.count ?? 0
        precondition(columns.allSatisfy { $0.count == rowCount }, "columns differ in length")
        self.schema = schema
        self.columns = columns
        self.rowCount = rowCount
    }

    /// An empty batch of `schema`.
    public static func empty(_ schema: Schema) -> RecordBatch {
        RecordBatch(schema: schema, columns: schema.fields.map { Column.nulls($0.type, count: 0) })
    }

    /// The column named `name`, if any.
    public func column(named name: String) -> Column? {
        schema.index(of: name).map { columns[$0] }
    }

    /// Row `index` as values (slow path: tests and messages).
    public func row(_ index: Int) -> [ScalarValue] {
        columns.map { $0.value(at: index) }
    }
}
