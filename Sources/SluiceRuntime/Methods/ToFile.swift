import SluiceConnectors
import SluiceEngine
import SluiceSpec

/// `toFile`: writes a dataset as a directory of CSV, JSON Lines or Avro part files, atomically.
enum ToFile {
    static let descriptor = MethodDescriptor(
        name: "toFile",
        type: .load,
        inputs: .one,
        summary: "Write a dataset as a directory of CSV, JSON Lines or Avro files, atomically.",
        details: """
            Writes `part-00000.<ext>`, `part-00001.<ext>`, ... and a `_SUCCESS` marker into the directory `path`. \
            The files are written to a hidden staging directory beside it and swapped into place when the whole \
            run succeeds, so readers never see a half-written output and a failed run leaves the previous \
            output as it was.

            `mode`: `errorIfExists` (the default, as in Spark) fails when `path` holds files; `overwrite` \
            replaces them; `append` adds new part files beside them; `ignore` writes nothing when `path` holds \
            files. CSV nulls are written as `nullValue` (empty by default) and empty strings as `""`; \
            JSON omits null fields. Dates are written `yyyy-MM-dd`, timestamps ISO 8601 in UTC. Avro files are \
            snappy-compressed with a schema derived from the dataset (see `toAvro` for the codec and schema options).
            """,
        keys: [
            ConfigKey("path", .string, required: true, "The output directory."),
            ConfigKey("format", .string, required: true, allowed: TextFormatConfig.formats, "The file format."),
            ConfigKey("mode", .string, default: "\"errorIfExists\"",
                      allowed: ["errorIfExists", "overwrite", "append", "ignore", "error"],
                      "What to do when the directory already holds files."),
        ] + TextFormatConfig.csvKeys + [
            ConfigKey("maxRecordsPerFile", .integer, default: "0", "Rows per part file; 0 writes one file."),
        ],
        example: """
            {
              "type": "load",
              "method": "toFile",
              "config": {
                "inputDataFrames": ["orders"],
                "path": "out/orders",
                "format": "json",
                "mode": "overwrite"
              }
            }
            """,
        build: { context in
            let config = context.config
            let format = try TextFormatConfig.format(from: config, reading: false)
            let modeText = try config.string("mode") ?? "errorIfExists"
            guard let mode = WriteMode(spelling: modeText) else {
                throw config.error("mode", "unknown write mode '\(modeText)'")
            }
            let maxRecords = try config.int("maxRecordsPerFile") ?? 0
            guard maxRecords >= 0 else { throw config.error("maxRecordsPerFile", "maxRecordsPerFile must be 0 or more") }
            let input = try context.input
            let sink = FileSetSink(path: try config.required("path"), format: format, mode: mode,
                                   maxRecordsPerFile: maxRecords, runId: context.runId, origin: context.origin(of: "path"))
            return StepPlan(output: input, action: .write(WriteNode(input: input, sink: sink, origin: context.origin)))
        }
    )
}
