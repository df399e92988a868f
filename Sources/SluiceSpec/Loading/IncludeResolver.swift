import Foundation

/// Inlines included files: any object that is exactly `{"$ref": "path.json"}` becomes that
/// file's content, and a step's `"configRef": "path.json"` becomes its `config` (keys written
/// in the step's own `config` win). Paths are relative to the including file; values keep
/// the locations of the file they were written in.
struct IncludeResolver {
    private(set) var diagnostics = Diagnostics()
    /// Files being included, outermost first, as (display name, canonical path).
    private var chain: [(display: String, canonical: String)] = []

    /// Reads and parses `file`, then inlines its includes. Nil when the file itself cannot be read or parsed.
    mutating func load(file: String, includedAt: SourceLocation? = nil, path: JSONPath = .root) -> JSONNode? {
        let canonical = URL(fileURLWithPath: file).standardizedFileURL.path
        if let start = chain.firstIndex(where: { $0.canonical == canonical }) {
            let cycle = (chain[start...].map(\.display) + [file]).map(relativeToRoot).joined(separator: " → ")
            diagnostics.report(SluiceError(.includeCycle, "include cycle: \(cycle)", location: includedAt,
                                           jsonPath: path.description, hint: "remove one of the includes in the cycle"))
            return nil
        }
        guard let data = FileManager.default.contents(atPath: file) else {
            let exists = FileManager.default.fileExists(atPath: file)
            if let includedAt {
                diagnostics.report(SluiceError(.includeNotFound, "included file '\(file)' \(exists ? "cannot be read" : "does not exist")",
                                               location: includedAt, jsonPath: path.description,
                                               hint: "include paths are relative to the file that includes them"))
            } else {
                diagnostics.report(SluiceError(.pipelineNotFound, "pipeline file '\(file)' \(exists ? "cannot be read" : "does not exist")",
                                               hint: "check the path; relative paths start from the current directory"))
            }
            return nil
        }
        let document: JSONNode
        do {
            document = try JSONParser.parse(bytes: Array(data), file: file)
        } catch {
            diagnostics.report(error)
            return nil
        }
        chain.append((file, canonical))
        defer { chain.removeLast() }
        return resolve(document, in: file, path: path)
    }

    private mutating func resolve(_ node: JSONNode, in file: String, path: JSONPath) -> JSONNode {
        switch node.value {
        case .array(let elements):
            let resolved = elements.enumerated().map { resolve($1, in: file, path: path.appending(index: $0)) }
            return JSONNode(.array(resolved), at: node.location)
        case .object(let members):
            if members.count == 1, members[0].key == "$ref" {
                return include(members[0].value, from: file, path: path) ?? JSONNode(.object([]), at: node.location)
            }
            var resolved = members.map { member in
                JSONMember(key: member.key, keyLocation: member.keyLocation,
                           value: resolve(member.value, in: file, path: path.appending(member.key)))
            }
            if isStep(path), let index = resolved.firstIndex(where: { $0.key == "configRef" }) {
                let reference = resolved.remove(at: index)
                if let included = include(reference.value, from: file, path: path.appending("configRef")) {
                    resolved = merge(config: included, into: resolved, at: reference.keyLocation)
                }
            }
            return JSONNode(.object(resolved), at: node.location)
        default:
            return node
        }
    }

    /// The content of the file `reference` names, relative to `file`.
    private mutating func include(_ reference: JSONNode, from file: String, path: JSONPath) -> JSONNode? {
        guard let target = reference.stringValue, !target.isEmpty else {
            diagnostics.report(reference.wrongType("a file path string", at: path))
            return nil
        }
        let directory = (file as NSString).deletingLastPathComponent
        let resolved = target.hasPrefix("/") || directory.isEmpty ? target : (directory as NSString).appendingPathComponent(target)
        return load(file: resolved, includedAt: reference.location, path: path)
    }

    /// The step's members with `config` set to the included object, overlaid by any inline `config` keys.
    private mutating func merge(config included: JSONNode, into members: [JSONMember], at location: SourceLocation) -> [JSONMember] {
        guard let includedMembers = included.members else {
            diagnostics.report(SluiceError(.wrongType, "a configRef file must hold a JSON object, found \(included.typeName)",
                                           location: included.location))
            return members
        }
        var members = members
        if let index = members.firstIndex(where: { $0.key == "config" }) {
            let inline = members[index].value.members ?? []
            let kept = includedMembers.filter { included in !inline.contains { $0.key == included.key } }
            members[index].value = JSONNode(.object(kept + inline), at: members[index].value.location)
        } else {
            members.append(JSONMember(key: "config", keyLocation: location, value: included))
        }
        return members
    }

    /// `file` relative to the directory of the pipeline file, for short messages.
    private func relativeToRoot(_ file: String) -> String {
        guard let root = chain.first?.display else { return file }
        let directory = (root as NSString).deletingLastPathComponent
        return !directory.isEmpty && file.hasPrefix(directory + "/") ? String(file.dropFirst(directory.count + 1)) : file
    }

    /// Whether `path` is `$.steps[N]`.
    private func isStep(_ path: JSONPath) -> Bool {
        guard path.components.count == 2, case .key("steps") = path.components[0], case .index = path.components[1] else {
            return false
        }
        return true
    }
}
