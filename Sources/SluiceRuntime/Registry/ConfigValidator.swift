import SluiceSpec

/// Checks a step's `config` against its method's keys, reporting every problem: unknown keys
/// (with the nearest valid name), missing required keys, values of the wrong type, values
/// outside an enumeration.
public enum ConfigValidator {
    /// The problems of `config` (at `path`) for `method`; empty when it is valid.
    public static func problems(in config: JSONNode, at path: JSONPath, for method: MethodDescriptor,
                                stepLocation: SourceLocation) -> [SluiceError] {
        var problems: [SluiceError] = []
        let members = config.members ?? []
        let names = method.keys.map(\.name)
        for member in members where method.key(member.key) == nil {
            if let hint = method.misplacedKeys[member.key] {
                problems.append(SluiceError(
                    .invalidValue, "'\(member.key)' must not be written in a pipeline file",
                    location: member.keyLocation, jsonPath: path.appending(member.key).description, hint: hint))
                continue
            }
            problems.append(SluiceError(
                .unknownKey, "'\(method.name)' has no config key '\(member.key)'",
                location: member.keyLocation, jsonPath: path.appending(member.key).description,
                hint: NameSuggester.hint(for: member.key, in: names)
                    ?? "its keys are: \(names.joined(separator: ", "))"))
        }
        for key in method.keys {
            guard let value = config[key.name] else {
                if key.required {
                    problems.append(SluiceError(
                        .missingKey, "'\(method.name)' needs the config key '\(key.name)' (\(key.summary))",
                        location: config.members == nil ? stepLocation : config.location, jsonPath: path.description,
                        hint: "add \"\(key.name)\": <\(key.kind.rawValue)> to the step's config"))
                }
                continue
            }
            if let problem = check(value, against: key, at: path.appending(key.name)) {
                problems.append(problem)
            }
        }
        return problems
    }

    private static func check(_ value: JSONNode, against key: ConfigKey, at path: JSONPath) -> SluiceError? {
        do throws(SluiceError) {
            switch key.kind {
            case .string: _ = try value.string(at: path)
            case .boolean: _ = try value.bool(at: path)
            case .integer: _ = try value.int(at: path)
            case .number: _ = try value.double(at: path)
            case .byteSize: _ = try value.byteSize(at: path)
            case .stringList: _ = try value.stringArray(at: path)
            case .stringMap: _ = try value.stringMap(at: path)
            case .stringOrMap:
                if value.stringValue == nil { _ = try value.stringMap(at: path) }
            case .stringOrObject:
                if value.stringValue == nil, value.members == nil { throw value.wrongType("a string or an object", at: path) }
            case .scalar:
                if value.stringValue == nil { _ = try value.double(at: path) }
            case .object:
                if value.members == nil { throw value.wrongType("an object", at: path) }
            }
        } catch {
            return error
        }
        guard let allowed = key.allowedValues, let text = value.stringValue else { return nil }
        if allowed.contains(where: { $0.caseInsensitiveCompare(text) == .orderedSame }) { return nil }
        return SluiceError(
            .invalidValue, "'\(key.name)' must be one of \(allowed.map { "'\($0)'" }.joined(separator: ", ")); got '\(text)'",
            location: value.location, jsonPath: path.description,
            hint: NameSuggester.hint(for: text, in: allowed))
    }
}

import Foundation
