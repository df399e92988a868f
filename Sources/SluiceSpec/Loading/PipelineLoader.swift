/// Loads a pipeline file: reads and parses it, inlines includes, substitutes variables, and
/// decodes it. Every stage reports all of its problems; the first stage with problems ends
/// the load, since later stages would only repeat them.
public enum PipelineLoader {
    /// The decoded pipeline, or `SluiceErrors` listing every problem found.
    public static func load(file: String, context: VariableContext) throws -> PipelineSpec {
        let document = try resolvedDocument(file: file, context: context)
        var decoder = PipelineDecoder(file: file)
        let spec = decoder.decode(document)
        try decoder.diagnostics.throwIfAny()
        guard let spec else { throw SluiceError(.internalError, "decoding '\(file)' failed without an error") }
        return spec
    }

    /// The document with includes inlined and variables substituted, before decoding.
    public static func resolvedDocument(file: String, context: VariableContext) throws -> JSONNode {
        var includes = IncludeResolver()
        let loaded = includes.load(file: file)
        try includes.diagnostics.throwIfAny()
        guard let document = loaded else { throw SluiceError(.internalError, "loading '\(file)' failed without an error") }

        var diagnostics = Diagnostics()
        let bare = VariableSubstitution(context: context, fileVariables: [:])
        var fileVariables: [String: String] = [:]
        if let variables = document["variables"], let members = variables.members {
            for member in members {
                let path = JSONPath.root.appending("variables").appending(member.key)
                do {
                    fileVariables[member.key] = try bare.expand(try member.value.scalarText(at: path),
                                                                at: member.value.location, path: path)
                } catch {
                    diagnostics.report(error)
                }
            }
        }
        // The variables block was expanded above; substitute everything else once.
        let substitution = VariableSubstitution(context: context, fileVariables: fileVariables)
        guard let members = document.members else { return document }
        let substituted = members.map { member -> JSONMember in
            var member = member
            if member.key == "variables", member.value.members != nil {
                member.value = JSONNode(.object(member.value.members!.map { variable in
                    var variable = variable
                    variable.value = JSONNode(.string(fileVariables[variable.key] ?? ""), at: variable.value.location)
                    return variable
                }), at: member.value.location)
            } else {
                member.value = substitution.substitute(member.value, path: JSONPath.root.appending(member.key),
                                                       diagnostics: &diagnostics)
            }
            return member
        }
        try diagnostics.throwIfAny()
        return JSONNode(.object(substituted), at: document.location)
    }
}
