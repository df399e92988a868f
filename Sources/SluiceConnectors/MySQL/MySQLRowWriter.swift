import SluiceEngine
import SluiceFormats
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

    /// Inserts every row of `input`; returns how many. The statement for a full batch is
    /// prepared once and run for every full batch; the last, shorter one gets its own.
    func write(_ input: RecordBatchStream, on connection: MySQLConnection) async throws -> Int {
        var pending: [ScalarValue] = []
        var rows = 0
        var full: MySQLStatement?
        do {
            for try await batch in input {
                let fields = batch.schema.fields
                for row in 0..<batch.rowCount {
                    // Nested values go to JSON columns as their JSON text.
                    pending.append(contentsOf: batch.row(row).enumerated().map { index, value in
                        fields[index].type.isNested && value != .null ? .string(NestedJSONText.text(value, type: fields[index].type)) : value
                    })
                    if pending.count == batchSize * columns.count {
                        full = try await insert(pending, reusing: full, on: connection)
                        rows += batchSize
                        pending.removeAll(keepingCapacity: true)
                    }
                }
            }
            if !pending.isEmpty {
                _ = try await insert(pending, reusing: nil, on: connection)
                rows += pending.count / max(1, columns.count)
            }
        } catch {
            if let full { _ = try? await connection.run { _ in full.close() } }
            throw error
        }
        if let full { _ = try? await connection.run { _ in full.close() } }
        return rows
    }

    /// Runs one INSERT of `values`, on `statement` when given (a full batch), else on a new
    /// statement; returns the statement to reuse for full batches.
    private func insert(_ values: [ScalarValue], reusing statement: MySQLStatement?,
                        on connection: MySQLConnection) async throws -> MySQLStatement? {
        let rowCount = values.count / max(1, columns.count)
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        let list = columns.map { SQLIdentifier.quote($0, .mysql) }.joined(separator: ", ")
        let sql = "INSERT INTO \(table) (\(list)) VALUES " + Array(repeating: row, count: rowCount).joined(separator: ", ")
        let action = self.action
        let isFull = rowCount == batchSize
        return try await connection.run { connection throws(SluiceError) -> MySQLStatement? in
            let prepared: MySQLStatement
            if let statement { prepared = statement } else { prepared = try MySQLStatement.prepare(sql, on: connection, action: action) }
            do throws(SluiceError) {
                try prepared.execute(values)
            } catch {
                if statement == nil { prepared.close() }
                throw error
            }
            if isFull { return prepared }
            prepared.close()
            return nil
        }
    }
}
