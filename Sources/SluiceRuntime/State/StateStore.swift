import Foundation
import SluiceSpec
import SQLiteNIO

/// The run history of pipelines, in one SQLite file (`.sluice/state.db` by default).
///
/// It backs `sluice runs` and `${last_run_timestamp}`. Times are stored as microseconds
/// since the epoch (UTC). Safe to use from several processes: SQLite locks the file.
public actor StateStore {
    private let connection: SQLiteConnection
    /// The database file.
    public nonisolated let path: String

    private init(connection: SQLiteConnection, path: String) {
        self.connection = connection
        self.path = path
    }

    /// Opens (creating if needed) the store in `directory`.
    public static func open(directory: String) async throws -> StateStore {
        let path = (directory as NSString).appendingPathComponent("state.db")
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            let connection = try await SQLiteConnection.open(storage: .file(path: path))
            let store = StateStore(connection: connection, path: path)
            try await store.migrate()
            return store
        } catch let error as SluiceError {
            throw error
        } catch {
            throw SluiceError(.stateStore, "cannot open the state store at '\(path)': \(error)",
                              hint: "choose another directory with --state-dir or SLUICE_STATE_DIR")
        }
    }

    private func migrate() async throws {
        try await execute("PRAGMA busy_timeout = 5000")
        // A write-ahead log commits with one sync instead of a rollback journal's several, and
        // lets other runs read while one writes. Every commit is still synced (FULL).
        try await execute("PRAGMA journal_mode = WAL")
        try await execute("PRAGMA synchronous = FULL")
        try await execute("""
            CREATE TABLE IF NOT EXISTS runs (
                run_id TEXT PRIMARY KEY,
                pipeline TEXT NOT NULL,
                started_us INTEGER NOT NULL,
                ended_us INTEGER,
                status TEXT NOT NULL,
                rows_read INTEGER NOT NULL DEFAULT 0,
                rows_written INTEGER NOT NULL DEFAULT 0,
                attempts INTEGER NOT NULL DEFAULT 1,
                error TEXT
            )
            """)
        try await execute("CREATE INDEX IF NOT EXISTS runs_by_pipeline ON runs (pipeline, started_us)")
    }

    /// Inserts or replaces the record of a run.
    public func save(_ run: RunRecord) async throws {
        try await execute(
            """
            INSERT OR REPLACE INTO runs (run_id, pipeline, started_us, ended_us, status, rows_read, rows_written, attempts, error)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """,
            [.text(run.runId), .text(run.pipeline), .integer(Self.micros(run.startedAt)),
             run.endedAt.map { .integer(Self.micros($0)) } ?? .null, .text(run.status.rawValue),
             .integer(run.rowsRead), .integer(run.rowsWritten), .integer(run.attempts),
             run.error.map { .text($0) } ?? .null])
    }

    /// When the last successful run of `pipeline` started, or nil if it never succeeded.
    public func lastSuccessfulStart(of pipeline: String) async throws -> Date? {
        let rows = try await query(
            "SELECT MAX(started_us) AS started FROM runs WHERE pipeline = ? AND status = 'succeeded'", [.text(pipeline)])
        return rows.first?.column("started")?.integer.map(Self.date(micros:))
    }

    /// The most recent runs, newest first, of one pipeline or of all.
    public func runs(pipeline: String? = nil, limit: Int = 20) async throws -> [RunRecord] {
        let filter = pipeline == nil ? "" : "WHERE pipeline = ?"
        let binds: [SQLiteData] = (pipeline.map { [.text($0)] } ?? []) + [.integer(limit)]
        let rows = try await query("SELECT * FROM runs \(filter) ORDER BY started_us DESC LIMIT ?", binds)
        return rows.map { row in
            RunRecord(
                runId: row.column("run_id")?.string ?? "",
                pipeline: row.column("pipeline")?.string ?? "",
                startedAt: Self.date(micros: row.column("started_us")?.integer ?? 0),
                endedAt: row.column("ended_us")?.integer.map(Self.date(micros:)),
                status: RunRecord.Status(rawValue: row.column("status")?.string ?? "") ?? .failed,
                rowsRead: row.column("rows_read")?.integer ?? 0,
                rowsWritten: row.column("rows_written")?.integer ?? 0,
                attempts: row.column("attempts")?.integer ?? 1,
                error: row.column("error")?.string)
        }
    }

    /// Closes the database; the store cannot be used afterwards.
    public func close() async {
        try? await connection.close()
    }

    private func execute(_ sql: String, _ binds: [SQLiteData] = []) async throws {
        _ = try await query(sql, binds)
    }

    private func query(_ sql: String, _ binds: [SQLiteData] = []) async throws -> [SQLiteRow] {
        do {
            return try await connection.query(sql, binds)
        } catch {
            throw SluiceError(.stateStore, "state store query failed: \(error)", hint: "the file is \(path)")
        }
    }

    static func micros(_ date: Date) -> Int { Int((date.timeIntervalSince1970 * 1_000_000).rounded()) }
    static func date(micros: Int) -> Date { Date(timeIntervalSince1970: Double(micros) / 1_000_000) }
}
