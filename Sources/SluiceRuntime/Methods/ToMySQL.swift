import SluiceConnectors
import SluiceEngine
import SluiceSpec

/// `toMySQL`: loads a dataset into a MySQL or MariaDB table, atomically with the run.
enum ToMySQL {
    static let descriptor: MethodDescriptor = {
        var descriptor = MethodDescriptor(
            name: "toMySQL",
            type: .load,
            inputs: .one,
            summary: "Load a dataset into a MySQL or MariaDB table with batched prepared INSERTs, committed with the run.",
            details: """
                Sends multi-row prepared `INSERT`s of `batchSize` rows, every value a bound parameter. Nothing is \
                visible until the whole run succeeds: a missing table is created under a staging name and renamed \
                into place on commit; an existing one is loaded in one transaction that commits with the run and \
                rolls back on any failure (the table must use a transactional engine such as InnoDB, the default). \
                New tables get BOOLEAN, INT, BIGINT, DOUBLE, LONGTEXT, DATE and DATETIME(6) columns.

                `mode`: `errorIfExists` (the default), `append`, `overwrite` (replaces every row, keeping the \
                table's definition), `ignore`, or `upsert` with `mergeKeys` (rows whose keys match an incoming \
                row are replaced, the rest added; no unique index is needed). Connection settings come from \
                `credentialPath` (default `mysql`), as for `fromMySQL`.
                """,
            keys: [DatabaseConfig.credentialKey("mysql")] + DatabaseConfig.writeKeys + DatabaseConfig.poolKeys,
            example: """
                {
                  "type": "load",
                  "method": "toMySQL",
                  "config": {
                    "inputDataFrames": ["customers"],
                    "credentialPath": "shop",
                    "table": "customers",
                    "mode": "upsert",
                    "mergeKeys": ["customer_id"],
                    "batchSize": 5000
                  }
                }
                """,
            build: { try DatabaseConfig.writePlan($0, MySQLLoader.self, defaultPath: "mysql") }
        )
        descriptor.misplacedKeys = DatabaseConfig.misplacedKeys(defaultPath: "mysql")
        return descriptor
    }()
}
