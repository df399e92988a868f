/// Turns a resolved pipeline document into a `PipelineSpec`, reporting every problem:
/// missing and unknown keys (with the nearest valid name), wrong JSON types, and values
/// outside their enumerations. Method names are checked later, by the method registry.
struct PipelineDecoder {
    static let topLevelKeys = ["name", "description", "mode", "variables", "retry", "engine", "sparkConfig", "steps"]
    static let stepKeys = ["type", "method", "config", "registerAs", "inputDataFrames", "description"]
    static let retryKeys = ["maxAttempts", "delaySeconds", "backoff"]

    let file: String
    private(set) var diagnostics = Diagnostics()

    init(file: String) {
        self.file = file
    }

    mutating func decode(_ document: JSONNode) -> PipelineSpec? {
        let root = JSONPath.root
        guard document.members != nil else {
            diagnostics.report(document.wrongType("a JSON object with \"name\" and \"steps\"", at: root))
            return nil
        }
        checkKeys(of: document, allowed: Self.topLevelKeys, at: root, what: "a pipeline")
        let name = required(document, "name", at: root) { try $0.string(at: $1) }
        let description = optional(document, "description", at: root) { try $0.string(at: $1) }
        let mode = enumeration(document, "mode", PipelineMode.self, at: root) ?? .batch
        let variables = optional(document, "variables", at: root) { try $0.stringMap(at: $1) } ?? [:]
        let engine = enumeration(document, "engine", EngineKind.self, at: root)
        let sparkConfig = optional(document, "sparkConfig", at: root) { try $0.stringMap(at: $1) } ?? [:]
        let retry = document["retry"].flatMap { decodeRetry($0, at: root.appending("retry")) } ?? RetrySpec()
        var steps: [StepSpec] = []
        if let stepsNode = document["steps"] {
            let path = root.appending("steps")
            if let elements = stepsNode.elements {
                if elements.isEmpty {
                    diagnostics.report(SluiceError(.invalidValue, "a pipeline needs at least one step", location: stepsNode.location,
                                                   jsonPath: path.description, hint: "add an extract step"))
                }
                for (index, element) in elements.enumerated() {
                    if let step = decodeStep(element, index: index, at: path.appending(index: index)) { steps.append(step) }
                }
            } else {
                diagnostics.report(stepsNode.wrongType("an array of steps", at: path))
            }
        } else {
            diagnostics.report(missing("steps", in: document, at: root, what: "a pipeline"))
        }
        guard diagnostics.isEmpty, let name else { return nil }
        return PipelineSpec(name: name, description: description, mode: mode, variables: variables, retry: retry,
                            engine: engine, sparkConfig: sparkConfig, steps: steps, file: file)
    }

    private mutating func decodeStep(_ node: JSONNode, index: Int, at path: JSONPath) -> StepSpec? {
        guard node.members != nil else {
            diagnostics.report(node.wrongType("a step object with \"type\" and \"method\"", at: path))
            return nil
        }
        checkKeys(of: node, allowed: Self.stepKeys, at: path, what: "a step")
        let type = enumeration(node, "type", StepType.self, at: path)
        if node["type"] == nil { diagnostics.report(missing("type", in: node, at: path, what: "a step")) }
        let method = required(node, "method", at: path) { try $0.string(at: $1) }
        if let method, method.isEmpty {
            diagnostics.report(SluiceError(.invalidValue, "the method name is empty", location: node["method"]?.location,
                                           jsonPath: path.appending("method").description))
        }
        var configMembers: [JSONMember] = []
        let configNode = node["config"]
        if let configNode {
            if let members = configNode.members { configMembers = members } else {
                diagnostics.report(configNode.wrongType("an object", at: path.appending("config")))
            }
        }
        let registerAs = placed("registerAs", step: node, config: configNode, stepPath: path) { try $0.string(at: $1) }
        let inputs = placed("inputDataFrames", step: node, config: configNode, stepPath: path) { try $0.stringArray(at: $1) }
        configMembers.removeAll { $0.key == "registerAs" || $0.key == "inputDataFrames" }
        _ = optional(node, "description", at: path) { try $0.string(at: $1) }
        guard let type, let method else { return nil }
        return StepSpec(index: index, type: type, method: method,
                        config: JSONNode(.object(configMembers), at: configNode?.location ?? node.location),
                        registerAs: registerAs, inputDataFrames: inputs ?? [], location: node.location, path: path)
    }

    private mutating func decodeRetry(_ node: JSONNode, at path: JSONPath) -> RetrySpec? {
        guard node.members != nil else {
            diagnostics.report(node.wrongType("an object with maxAttempts, delaySeconds and backoff", at: path))
            return nil
        }
        checkKeys(of: node, allowed: Self.retryKeys, at: path, what: "retry")
        var retry = RetrySpec()
        if let attempts = optional(node, "maxAttempts", at: path, { try $0.int(at: $1) }) {
            if attempts >= 1 { retry.maxAttempts = attempts } else {
                diagnostics.report(SluiceError(.invalidValue, "maxAttempts must be 1 or more, got \(attempts)",
                                               location: node["maxAttempts"]?.location, jsonPath: path.appending("maxAttempts").description))
            }
        }
        if let delay = optional(node, "delaySeconds", at: path, { try $0.double(at: $1) }) {
            if delay >= 0 { retry.delaySeconds = delay } else {
                diagnostics.report(SluiceError(.invalidValue, "delaySeconds must be 0 or more, got \(delay)",
                                               location: node["delaySeconds"]?.location, jsonPath: path.appending("delaySeconds").description))
            }
        }
        retry.backoff = enumeration(node, "backoff", RetrySpec.Backoff.self, at: path) ?? .fixed
        return retry
    }

    // MARK: - Helpers

    /// A key that may stand in the step or in its config; both with different values is an error.
    private mutating func placed<T: Equatable>(_ key: String, step: JSONNode, config: JSONNode?, stepPath: JSONPath,
                                               _ read: (JSONNode, JSONPath) throws -> T) -> T? {
        let outer = optional(step, key, at: stepPath, read)
        let inner = config.flatMap { optional($0, key, at: stepPath.appending("config"), read) }
        if let outer, let inner, outer != inner {
            diagnostics.report(SluiceError(.invalidValue, "'\(key)' is given both beside and inside config, with different values",
                                           location: config?[key]?.location, jsonPath: stepPath.appending("config").appending(key).description,
                                           hint: "keep one of them"))
        }
        return outer ?? inner
    }

    private mutating func optional<T>(_ node: JSONNode, _ key: String, at path: JSONPath,
                                      _ read: (JSONNode, JSONPath) throws -> T) -> T? {
        guard let value = node[key] else { return nil }
        do {
            return try read(value, path.appending(key))
        } catch {
            diagnostics.report(any: error)
            return nil
        }
    }

    private mutating func required<T>(_ node: JSONNode, _ key: String, at path: JSONPath,
                                      _ read: (JSONNode, JSONPath) throws -> T) -> T? {
        guard node[key] != nil else {
            diagnostics.report(missing(key, in: node, at: path, what: path == .root ? "a pipeline" : "a step"))
            return nil
        }
        return optional(node, key, at: path, read)
    }

    private mutating func enumeration<E: RawRepresentable & CaseIterable>(_ node: JSONNode, _ key: String, _: E.Type,
                                                                          at path: JSONPath) -> E? where E.RawValue == String {
        guard let text = optional(node, key, at: path, { try $0.string(at: $1) }) else { return nil }
        if let value = E(rawValue: text) { return value }
        let names = E.allCases.map(\.rawValue)
        diagnostics.report(SluiceError(
            .invalidValue, "'\(key)' must be one of \(names.map { "'\($0)'" }.joined(separator: ", ")); got '\(text)'",
            location: node[key]?.location, jsonPath: path.appending(key).description,
            hint: NameSuggester.hint(for: text, in: names)))
        return nil
    }

    private func missing(_ key: String, in node: JSONNode, at path: JSONPath, what: String) -> SluiceError {
        SluiceError(.missingKey, "\(what) needs \"\(key)\"", location: node.location, jsonPath: path.description,
                    hint: "add \"\(key)\" to this object")
    }

    private mutating func checkKeys(of node: JSONNode, allowed: [String], at path: JSONPath, what: String) {
        for member in node.members ?? [] where !allowed.contains(member.key) {
            diagnostics.report(SluiceError(
                .unknownKey, "\(what) has no key '\(member.key)'", location: member.keyLocation,
                jsonPath: path.appending(member.key).description,
                hint: NameSuggester.hint(for: member.key, in: allowed) ?? "allowed keys: \(allowed.joined(separator: ", "))"))
        }
    }
}
