import SluiceEngine
import SluiceSpec

/// Sends rows as multi-row prepared `INSERT`s: `batchSize` rows per statement (fewer when
/// the statement would pass MySQL's 65,535 placeholders), every value a bound parameter.
struct MySQLRowWriter {
    let table: String
    let columns: [String]
    let batchSize: Int
    let action: String

    init(table: String, columns: [String], batchSize: Int, action: String) {
        self.table = table
        self.columns = columns
        self.batchSize = max(1, min(batchSize, 65_535 / max(1, columns.count)))
        self.action = action
    }

    /// Inserts every row of `input`; returns how many.
    func write(_ input: RecordBatchStream, on connection: MySQLConnection) async throws -> Int {
        var pending: [ScalarValue] = []
        var rows = 0
        for try await batch in input {
            for row in 0..<batch.rowCount {
                pending.append(contentsOf: batch.row(row))
                if pending.count == batchSize * columns.count {
                    try await insert(pending, on: connection)
                    rows += batchSize
                    pending.removeAll(keepingCapacity: true)
                }
            }
        }
        if !pending.isEmpty {
            try await insert(pending, on: connection)
            rows += pending.count / max(1, columns.count)
        }
        return rows
    }

    private func insert(_ values: [ScalarValue], on connection: MySQLConnection) async throws {
        let rowCount = values.count / max(1, columns.count)
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let list = columns.map { SQLIdentifier.quote($0, .mysql) }.joined(separator: ", ")
        let sql = "INSERT INTO \(table) (\(list)) VALUES " + Array(repeating: row, count: rowCount).joined(separator: ", ")
        let action = self.action
        try await connection.run { connection throws(SluiceError) in
            let statement = try MySQLStatement.prepare(sql, on: connection, action: action)
            defer { statement.close() }
            try statement.execute(values)
        }
    }
}
