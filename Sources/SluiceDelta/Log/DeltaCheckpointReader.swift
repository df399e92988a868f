import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec

/// Reads the actions of a checkpoint file: a Parquet file with one column per action kind
/// (`add`, `remove`, `metaData`, `protocol`, `txn`), one action per row.
enum DeltaCheckpointReader {
    static let actionColumns = ["add", "remove", "metaData", "protocol", "txn"]

    static func actions(in path: String) async throws(SluiceError) -> [DeltaAction] {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
        } catch {
            throw SluiceError(.io, "cannot read Delta checkpoint '\(path)': \(error.localizedDescription)")
        }
        let format = ParquetFormat()
        let wanted = Set(actionColumns.map { $0.lowercased() })
        do {
            let schema = try format.inferSchema(of: data, file: path, columns: wanted)
            let stream = format.read(data, file: path, schema: schema, columns: wanted)
            let batches = try await stream.collect()
            var actions: [DeltaAction] = []
            for batch in batches {
                for (index, field) in batch.schema.fields.enumerated() {
                    let column = batch.columns[index]
                    for row in 0..<batch.rowCount where !column.isNull(row) {
                        let value = column.value(at: row)
                        let text: String
                        if case .string(let json) = value { text = json } else { text = NestedJSONText.text(value, type: field.type) }
                        let node = try JSONParser.parse("{\(JSONNode.quote(field.name)):\(text)}", file: path)
                        actions.append(try DeltaAction.parse(node, file: path))
                    }
                }
            }
            return actions
        } catch let error as SluiceError {
            throw error
        } catch {
            throw SluiceError(.malformedData, "cannot read Delta checkpoint '\(path)': \(error)")
        }
    }
}
