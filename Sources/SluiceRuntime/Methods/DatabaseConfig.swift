import Foundation
import SluiceConnectors
import SluiceEngine
import SluiceSpec

/// The config keys the database methods (`fromPostgres`, `toPostgres`, `fromMySQL`,
/// `toMySQL`) share, and how they become read and write requests.
enum DatabaseConfig {
    /// Connection pool keys of the original application, accepted at the top level of
    /// `config` or inside `properties` (numbers or strings).
    static let poolKeyNames = ["maxPoolSize", "minPoolSize", "initialPoolSize", "maxIdleTime"]

    /// Keys that would put connection settings in the pipeline file.
    static let credentialKeyNames = ["password", "user", "username", "host", "port", "url", "jdbcUrl", "database"]

    static func credentialHint(_ defaultPath: String) -> String {
        let prefix = DatabaseCredentials.environmentPrefix(for: defaultPath)
        return "connection settings come from the environment or a .env file: \(prefix)HOST, \(prefix)PORT, "
            + "\(prefix)DATABASE, \(prefix)USER, \(prefix)PASSWORD (the prefix follows \"credentialPath\", "
            + "default \"\(defaultPath)\"); see docs/connections.md"
    }

    /// The `misplacedKeys` of a database method.
    static func misplacedKeys(defaultPath: String) -> [String: String] {
        Dictionary(uniqueKeysWithValues: credentialKeyNames.map { ($0, credentialHint(defaultPath)) })
    }

    static func credentialKey(_ defaultPath: String) -> ConfigKey {
        ConfigKey("credentialPath", .string, default: "\"\(defaultPath)\"",
                  "Names the connection settings: `warehouse` reads SLUICE_WAREHOUSE_HOST, _PORT, _DATABASE, _USER, _PASSWORD and _SSLMODE from the environment or `.env`.")
    }

    static let poolKeys: [ConfigKey] = [
        ConfigKey("maxPoolSize", .integer, "Most connections open at once: partitioned reads run this many ranges in parallel (default 8)."),
        ConfigKey("minPoolSize", .integer, "Accepted for compatibility; connections live only as long as a step needs them."),
        ConfigKey("initialPoolSize", .integer, "Accepted for compatibility; connections open as ranges start."),
        ConfigKey("maxIdleTime", .integer, "Accepted for compatibility (seconds); no connection is left idle between steps."),
        ConfigKey("properties", .object, "Connection properties as the original application wrote them; the pool keys above may be given here."),
    ]

    static let readKeys: [ConfigKey] = [
        ConfigKey("table", .string, "The table to read (`orders`, `sales.orders`); give `table` or `query`."),
        ConfigKey("query", .string, "A SELECT query to read instead of a table."),
        ConfigKey("partitionColumn", .string, "A numeric, date or timestamp column whose ranges are read in parallel, one connection each."),
        ConfigKey("lowerBound", .scalar, "With partitionColumn: the low end of the stride, a number or a date or timestamp (`\"2025-01-01\"`); rows below it are still read (by the first range)."),
        ConfigKey("upperBound", .scalar, "With partitionColumn: the high end of the stride; rows above it are still read (by the last range)."),
        ConfigKey("numPartitions", .integer, "With partitionColumn: how many ranges to read."),
        ConfigKey("fetchSize", .integer, default: "10000", "Rows fetched per round trip, and per batch."),
    ]

    static let writeKeys: [ConfigKey] = [
        ConfigKey("table", .string, required: true, "The target table (`orders`, `sales.orders`); created from the dataset's schema when missing."),
        ConfigKey("mode", .string, default: "\"errorIfExists\"",
                  allowed: ["append", "overwrite", "errorIfExists", "error", "ignore", "upsert"],
                  "What to do with the rows already in the table."),
        ConfigKey("mergeKeys", .stringList, "With `upsert`: the columns that identify a row."),
        ConfigKey("batchSize", .integer, default: "1000", "Rows sent per round trip."),
    ]

    /// The read described by `config`.
    static func readRequest(_ config: ConfigReader, defaultPath: String) throws -> TableReadRequest {
        let relation: TableReadRequest.Relation
        switch (try config.string("table"), try config.string("query")) {
        case (let table?, nil): relation = .table(table)
        case (nil, let query?): relation = .query(query)
        case (.some, .some):
            throw config.error("query", "give either 'table' or 'query', not both")
        case (nil, nil):
            throw SluiceError(.missingKey, "config needs 'table' or 'query'", location: config.node.location,
                              jsonPath: config.basePath.description, hint: "add \"table\": \"<name>\" or \"query\": \"SELECT ...\"")
        }
        var partitioning: TableReadRequest.Partitioning?
        let partitionKeys = ["lowerBound", "upperBound", "numPartitions"]
        if let column = try config.string("partitionColumn") {
            guard let lower = try bound(config, "lowerBound"), let upper = try bound(config, "upperBound"),
                  let count = try config.int("numPartitions") else {
                throw config.error("partitionColumn", "partitionColumn needs lowerBound, upperBound and numPartitions too")
            }
            guard lower.type == upper.type else {
                throw config.error("upperBound", "lowerBound and upperBound must both be numbers, both dates or both timestamps")
            }
            guard lower.value <= upper.value else {
                throw config.error("lowerBound", "lowerBound (\(try config.value("lowerBound")?.stringValue ?? "\(lower.value)")) is larger than upperBound")
            }
            guard count >= 1 else { throw config.error("numPartitions", "numPartitions must be 1 or more") }
            partitioning = .init(column: column, lowerBound: lower.value, upperBound: upper.value, numPartitions: count,
                                 boundType: lower.type)
        } else if let key = partitionKeys.filter({ $0 != "numPartitions" }).first(where: config.has) {
            throw config.error(key, "'\(key)' needs partitionColumn", hint: "add \"partitionColumn\": \"<numeric column>\"")
        }
        let fetchSize = try config.int("fetchSize") ?? 10_000
        guard fetchSize >= 1 else { throw config.error("fetchSize", "fetchSize must be 1 or more") }
        return TableReadRequest(relation: relation, partitioning: partitioning, fetchSize: fetchSize,
                                maxConnections: try pool(config, defaultPath: defaultPath)["maxPoolSize"] ?? 8)
    }

    /// A partition bound: an integer, or a date (`2025-01-01`) or timestamp (`2025-01-01 12:00:00`,
    /// UTC unless it names a zone) counted in days or microseconds since 1970-01-01.
    private static func bound(_ config: ConfigReader, _ key: String) throws -> (value: Int64, type: TableReadRequest.Partitioning.BoundType)? {
        guard let node = try config.value(key) else { return nil }
        if let number = try? node.int(at: config.path(of: key)) { return (Int64(number), .integer) }
        if let text = node.stringValue {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.count == 10, let days = Temporal.parseDate(trimmed) { return (Int64(days), .date) }
            if let micros = Temporal.parseTimestamp(trimmed) { return (micros, .timestamp) }
        }
        throw config.error(key, "'\(key)' must be an integer, a date (`2025-01-01`) or a timestamp (`2025-01-01 12:00:00`)")
    }

    /// The write described by `config`.
    static func writeRequest(_ config: ConfigReader, defaultPath: String) throws -> TableWriteRequest {
        let modeText = try config.string("mode") ?? "errorIfExists"
        let mode: TableWriteRequest.Mode
        if modeText.lowercased() == "upsert" {
            guard let keys = try config.stringList("mergeKeys"), !keys.isEmpty else {
                throw config.error("mode", "mode 'upsert' needs mergeKeys", hint: "add \"mergeKeys\": [\"id\"]")
            }
            mode = .upsert(mergeKeys: keys)
        } else {
            if config.has("mergeKeys") { throw config.error("mergeKeys", "mergeKeys applies to mode 'upsert' only") }
            switch WriteMode(spelling: modeText) {
            case .append?: mode = .append
            case .overwrite?: mode = .overwrite
            case .errorIfExists?: mode = .errorIfExists
            case .ignore?: mode = .ignore
            case nil: throw config.error("mode", "unknown write mode '\(modeText)'")
            }
        }
        let batchSize = try config.int("batchSize") ?? 1_000
        guard batchSize >= 1 else { throw config.error("batchSize", "batchSize must be 1 or more") }
        _ = try pool(config, defaultPath: defaultPath)
        return TableWriteRequest(table: try config.required("table"), mode: mode, batchSize: batchSize)
    }

    static func credentialPath(_ config: ConfigReader, default defaultPath: String) throws -> String {
        let path = try config.string("credentialPath") ?? defaultPath
        guard !path.isEmpty else { throw config.error("credentialPath", "credentialPath is empty") }
        return path
    }

    /// The pool settings, from the top level and `properties`; credentials in `properties` are errors.
    static func pool(_ config: ConfigReader, defaultPath: String) throws -> [String: Int] {
        var settings: [String: Int] = [:]
        for name in poolKeyNames {
            if let value = try config.int(name) { settings[name] = value }
        }
        for member in try config.members("properties") ?? [] {
            let path = config.path(of: "properties").appending(member.key)
            if credentialKeyNames.contains(member.key) {
                throw SluiceError(.invalidValue, "'\(member.key)' must not be written in a pipeline file",
                                  location: member.keyLocation, jsonPath: path.description,
                                  hint: credentialHint(defaultPath))
            }
            guard poolKeyNames.contains(member.key) else {
                throw SluiceError(.unknownKey, "unknown connection property '\(member.key)'", location: member.keyLocation,
                                  jsonPath: path.description, hint: "accepted properties: \(poolKeyNames.joined(separator: ", "))")
            }
            settings[member.key] = try member.value.int(at: path)
        }
        if let max = settings["maxPoolSize"], max < 1 {
            throw config.error("maxPoolSize", "maxPoolSize must be 1 or more")
        }
        return settings
    }

    /// The plan of a database extract step: one scan of a `DatabaseSource`.
    static func scanPlan<Reader: DatabaseReader>(_ context: MethodContext, _: Reader.Type, defaultPath: String) throws -> StepPlan {
        let config = context.config
        let source = DatabaseSource<Reader>(
            request: try readRequest(config, defaultPath: defaultPath),
            credentialPath: try credentialPath(config, default: defaultPath),
            origin: context.origin(of: config.has("query") ? "query" : "table"))
        return StepPlan(output: .scan(ScanNode(source: source, origin: context.origin)))
    }

    /// The plan of a database load step: its input, written by a `DatabaseSink`.
    static func writePlan<Loader: DatabaseLoader>(_ context: MethodContext, _: Loader.Type, defaultPath: String) throws -> StepPlan {
        let config = context.config
        let input = try context.input
        let sink = DatabaseSink<Loader>(
            request: try writeRequest(config, defaultPath: defaultPath),
            credentialPath: try credentialPath(config, default: defaultPath),
            origin: context.origin(of: "table"))
        return StepPlan(output: input, action: .write(WriteNode(input: input, sink: sink, origin: context.origin)))
    }
}
