import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec

extension FileSetSink {
    /// Writes the rows into one directory per value of the partition columns
    /// (`day=2025-01-03/part-00000.avro`), without those columns in the files, as Spark's
    /// `partitionBy` does. Each partition directory gets its own part files, numbered after
    /// the ones already there (an append).
    func writePartitions(_ input: RecordBatchStream, into staging: String) async throws -> Int {
        var keys: [Int] = []
        for name in partitionBy {
            guard let index = input.schema.index(of: name) else {
                throw SluiceError(.unknownColumn, "partitionBy names '\(name)', which is not a column; columns: \(input.schema.names.joined(separator: ", "))",
                                  location: origin?.location, jsonPath: origin?.jsonPath,
                                  hint: NameSuggester.hint(for: name, in: input.schema.names))
            }
            keys.append(index)
        }
        let data = input.schema.fields.indices.filter { !keys.contains($0) }
        guard !data.isEmpty else {
            throw SluiceError(.invalidValue, "partitionBy names every column, so the files would hold none",
                              location: origin?.location, jsonPath: origin?.jsonPath)
        }
        let dataSchema = Schema(data.map { input.schema.fields[$0] })
        var outputs: [String: (file: FileOutput, writer: any FormatWriter)] = [:]
        var rows = 0
        do {
            for try await batch in input {
                var groups: [String: [Int]] = [:]
                var order: [String] = []
                for row in 0..<batch.rowCount {
                    let directory = keys.map { PartitionPath.component(input.schema.fields[$0].name, batch.columns[$0].value(at: row)) }
                        .joined(separator: "/")
                    if groups[directory] == nil { order.append(directory) }
                    groups[directory, default: []].append(row)
                }
                let projected = RecordBatch(schema: dataSchema, columns: data.map { batch.columns[$0] })
                for directory in order {
                    if outputs[directory] == nil { outputs[directory] = try openPartition(directory, in: staging, schema: dataSchema) }
                    try outputs[directory]!.file.write(try outputs[directory]!.writer.encode(projected.take(groups[directory]!)))
                }
                rows += batch.rowCount
            }
            for var output in outputs.values {
                try output.file.write(output.writer.footer())
                try output.file.close()
            }
        } catch {
            for output in outputs.values { try? output.file.close() }
            throw error
        }
        return rows
    }

    /// A new part file in the partition directory, its header written.
    private func openPartition(_ directory: String, in staging: String, schema: Schema) throws -> (file: FileOutput, writer: any FormatWriter) {
        let path = (staging as NSString).appendingPathComponent(directory)
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let part = existing.compactMap(PartFileName.number(of:)).max().map { $0 + 1 } ?? 0
        let file = try FileOutput(creating: (path as NSString).appendingPathComponent(PartFileName.make(part, extension: format.fileExtension)))
        var writer = format.makeWriter(schema: schema)
        try file.write(writer.header())
        return (file, writer)
    }
}
