import Foundation
import SluiceEngine
import SluiceFormats

/// Reads text through a format as a pipeline would: infer the schema, then read every row.
enum FormatReading {
    static func rows(_ text: String, format: any FileFormat, file: String) async throws -> (Schema, [[ScalarValue]]) {
        let data = Data(text.utf8)
        let schema = try format.inferSchema(of: data, file: file)
        let batches = try await format.read(data, file: file, schema: schema).collect()
        return (schema, batches.flatMap { batch in (0..<batch.rowCount).map { batch.row($0) } })
    }
}
