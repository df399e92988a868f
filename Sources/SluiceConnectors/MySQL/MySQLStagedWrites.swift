import SluiceEngine

/// A new table loaded under a staging name, renamed into place on commit.
struct MySQLStagedTable: StagedWrite {
    let connection: MySQLConnection
    let stage: String
    let target: String
    let rowCount: Int
    let table: String

    func commit() async throws {
        defer { Task { await connection.close() } }
        try await connection.execute("RENAME TABLE \(stage) TO \(target)", action: "committing table \(table)")
    }

    func abort() async {
        try? await connection.execute("DROP TABLE IF EXISTS \(stage)", action: "rolling back table \(table)")
        await connection.close()
    }
}

/// A load's open transaction, committed when the whole run succeeds.
struct MySQLTransaction: StagedWrite {
    let connection: MySQLConnection
    let rowCount: Int
    let table: String

    func commit() async throws {
        defer { Task { await connection.close() } }
        try await connection.execute("COMMIT", action: "committing table \(table)")
    }

    func abort() async {
        try? await connection.execute("ROLLBACK", action: "rolling back table \(table)")
        await connection.close()
    }
}
