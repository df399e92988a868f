import Foundation
import SluiceSpec

extension DeltaAction {
    /// The `commitInfo` action of an operation: its time, name, parameters (string values, as
    /// Spark records them), whether it only appended, and the run that made it.
    public static func commitInfo(operation: String, parameters: [String: String], blindAppend: Bool,
                                  runId: String?, at milliseconds: Int64 = Int64(Date().timeIntervalSince1970 * 1000)) -> DeltaAction {
        var writer = DeltaJSONWriter()
        writer.int("timestamp", milliseconds)
        writer.string("operation", operation)
        writer.stringMap("operationParameters", parameters.mapValues { Optional($0) })
        writer.bool("isBlindAppend", blindAppend)
        writer.string("engineInfo", "sluice/0.1.0")
        if let runId { writer.string("txnId", runId) }
        return .commitInfo(json: writer.text, timestamp: milliseconds)
    }

    /// A list of names as the JSON text Spark puts in operation parameters (`["a","b"]`).
    public static func parameterList(_ names: [String]) -> String {
        "[" + names.map(JSONNode.quote).joined(separator: ",") + "]"
    }
}
