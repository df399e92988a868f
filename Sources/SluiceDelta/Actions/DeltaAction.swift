import SluiceSpec

/// One action of a Delta commit (a line of a `_delta_log/NNN.json` file).
public enum DeltaAction: Sendable, Equatable {
    case protocolVersion(DeltaProtocolVersion)
    case metadata(DeltaMetadata)
    case add(DeltaAddFile)
    case remove(DeltaRemoveFile)
    /// An application's transaction version (`txn`), for exactly-once micro-batch sinks.
    case transaction(appId: String, version: Int64, lastUpdated: Int64?)
    /// Provenance (`commitInfo`): kept as JSON text; `timestamp` is read for time travel.
    case commitInfo(json: String, timestamp: Int64?)
    /// An action Sluice does not act on (`cdc`, `domainMetadata`, ...).
    case other(String)

    /// Parses one action from its JSON object (a log line, or a checkpoint column's value).
    static func parse(_ node: JSONNode, file: String) throws(SluiceError) -> DeltaAction {
        let json = DeltaJSON(node: node, file: file)
        if let value = json.member("add") { return .add(try DeltaAddFile(value)) }
        if let value = json.member("remove") { return .remove(try DeltaRemoveFile(value)) }
        if let value = json.member("metaData") { return .metadata(try DeltaMetadata(value)) }
        if let value = json.member("protocol") { return .protocolVersion(try DeltaProtocolVersion(value)) }
        if let value = json.member("txn") {
            return .transaction(appId: try value.string("appId"), version: try value.int("version"),
                                lastUpdated: value.optionalInt("lastUpdated"))
        }
        if let value = json.member("commitInfo") {
            return .commitInfo(json: value.node.jsonText, timestamp: value.optionalInt("timestamp"))
        }
        guard let key = node.members?.first?.key else { throw json.corrupt("an action that is not a JSON object") }
        return .other(key)
    }

    /// The action as one log line.
    var line: String {
        switch self {
        case .protocolVersion(let value): "{\"protocol\":\(value.json)}"
        case .metadata(let value): "{\"metaData\":\(value.json)}"
        case .add(let value): "{\"add\":\(value.json)}"
        case .remove(let value): "{\"remove\":\(value.json)}"
        case .transaction(let appId, let version, let lastUpdated):
            "{\"txn\":{\"appId\":\(JSONNode.quote(appId)),\"version\":\(version)\(lastUpdated.map { ",\"lastUpdated\":\($0)" } ?? "")}}"
        case .commitInfo(let json, _): "{\"commitInfo\":\(json)}"
        case .other(let key): "{\(JSONNode.quote(key)):{}}"
        }
    }
}
