import Foundation
import Logging
import SluiceRuntime
import SluiceSpec

/// Writes each log record as one JSON object per line on stderr: `timestamp`, `level`,
/// `message`, then the metadata (`pipeline`, `runId`, `step`, `method`, `rows`, `durationMs`, ...)
/// as top-level fields. Integer-valued metadata is written as JSON numbers.
struct JSONLogHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    let terminal: Terminal

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var fields = metadata
        event.metadata.map { fields.merge($0) { $1 } }
        var line = "{\"timestamp\":\"\(UTCText.milliseconds(Date()))\",\"level\":\"\(event.level.rawValue)\","
        line += "\"message\":\(JSONNode.quote(event.message.description))"
        for key in fields.keys.sorted() {
            let value = fields[key]!.description
            line += ",\(JSONNode.quote(key)):" + (Int(value) != nil ? value : JSONNode.quote(value))
        }
        terminal.writeError(line + "}\n")
    }
}

/// Installs the JSON log handler once per process.
enum LogSetup {
    static func bootstrap(level: Logger.Level) {
        LoggingSystem.bootstrap { _ in JSONLogHandler(logLevel: level, terminal: .shared) }
    }
}
