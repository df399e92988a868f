import SluiceSpec

/// Resolves a writer's schema against a reader's schema exactly as the specification's
/// "Schema Resolution" section defines: types match when equal or promotable (int → long →
/// float → double, string ↔ bytes), records match fields by name (or the reader's aliases),
/// ignore writer fields the reader lacks and fill reader fields the writer lacks from their
/// defaults, enums fall back to the reader's default symbol, and unions pick the first
/// reader branch that matches.
///
/// An incompatibility is a `schema-mismatch` error naming the field and the rule broken.
/// Problems that only matter if a value actually takes that path (a writer union branch the
/// reader cannot read, a writer enum symbol the reader lacks) are deferred to read time and
/// also collected in `latentProblems`, for compatibility checks.
public struct AvroSchemaResolver {
    /// Deferred problems found so far.
    public private(set) var latentProblems: [SluiceError] = []
    private var records: [String: AvroResolvedRecord] = [:]

    public init() {}

    /// The plan for reading `writer` data as `reader`.
    public static func resolve(writer: AvroSchema, reader: AvroSchema) throws(SluiceError) -> AvroReadPlan {
        var resolver = AvroSchemaResolver()
        return try resolver.resolve(writer: writer, reader: reader, path: [])
    }

    static func problem(_ path: [String], _ message: String, hint: String? = nil) -> SluiceError {
        let place = path.isEmpty ? "the top-level schema" : "field '\(path.joined(separator: "."))'"
        return SluiceError(.schemaMismatch, "Avro schema resolution: \(place): \(message)",
                           hint: hint ?? "make the reader's schema compatible with the writer's (see the Avro specification's \"Schema Resolution\")")
    }

    /// The error for named types whose names differ.
    private static func renamed(_ path: [String], _ kind: String, _ writer: AvroName, _ reader: AvroName) -> SluiceError {
        problem(path, "\(kind) '\(writer)' cannot be read as \(kind) '\(reader)' (rule: named types match by unqualified name or alias)",
                hint: "name the reader's \(kind) '\(writer.name)', or add \"aliases\": [\"\(writer.fullName)\"] to it")
    }

    public mutating func resolve(writer: AvroSchema, reader: AvroSchema, path: [String]) throws(SluiceError) -> AvroReadPlan {
        if case .union(let writerBranches) = writer {
            var plans: [Result<AvroReadPlan, SluiceError>] = []
            for branch in writerBranches {
                do throws(SluiceError) {
                    plans.append(.success(try resolve(writer: branch, reader: reader, path: path)))
                } catch {
                    latentProblems.append(error)
                    plans.append(.failure(error))
                }
            }
            return .writerUnion(plans)
        }
        if case .union(let readerBranches) = reader {
            // The first reader branch that matches, as the specification says (not the best one).
            guard let index = readerBranches.firstIndex(where: { Self.matches(writer: writer, reader: $0) }) else {
                throw Self.problem(path, "the writer's \(writer) matches no branch of the reader's \(reader) (rule: a union branch must match)")
            }
            return .readerUnion(branch: index, try resolve(writer: writer, reader: readerBranches[index], path: path))
        }
        switch (writer, reader) {
        case (.null, .null), (.boolean, .boolean), (.int, .int), (.long, .long), (.float, .float),
             (.double, .double), (.bytes, .bytes), (.string, .string):
            if case .decimal(let wp, let ws) = writer.logicalType, case .decimal(let rp, let rs) = reader.logicalType, wp != rp || ws != rs {
                throw Self.problem(path, "decimal(\(wp), \(ws)) cannot be read as decimal(\(rp), \(rs)) (rule: decimals match when precision and scale are equal)")
            }
            return .same(reader)
        case (.int, .long), (.int, .float), (.int, .double), (.long, .float), (.long, .double), (.float, .double),
             (.string, .bytes), (.bytes, .string):
            return .promote(from: writer, to: reader)
        case (.array(let writerItems), .array(let readerItems)):
            return .array(try resolve(writer: writerItems, reader: readerItems, path: path + ["[]"]))
        case (.map(let writerValues), .map(let readerValues)):
            return .map(try resolve(writer: writerValues, reader: readerValues, path: path + ["{}"]))
        case (.fixed(let writerFixed), .fixed(let readerFixed)):
            guard Self.namesMatch(writerFixed.name, readerFixed.name, readerFixed.aliases) else {
                throw Self.renamed(path, "fixed", writerFixed.name, readerFixed.name)
            }
            guard writerFixed.size == readerFixed.size else {
                throw Self.problem(path, "fixed '\(readerFixed.name)' has \(writerFixed.size) bytes in the writer's schema and \(readerFixed.size) in the reader's (rule: fixed sizes must be equal)")
            }
            return .same(reader)
        case (.enumeration(let writerEnum), .enumeration(let readerEnum)):
            guard Self.namesMatch(writerEnum.name, readerEnum.name, readerEnum.aliases) else {
                throw Self.renamed(path, "enum", writerEnum.name, readerEnum.name)
            }
            let mapped = writerEnum.symbols.map { readerEnum.symbols.contains($0) ? $0 : readerEnum.defaultSymbol }
            let missing = zip(writerEnum.symbols, mapped).filter { $0.1 == nil }.map(\.0)
            if !missing.isEmpty {
                latentProblems.append(Self.problem(path, "the writer's enum symbols \(missing.joined(separator: ", ")) are not in the reader's enum '\(readerEnum.name)', which has no default (rule: enum symbols)"))
            }
            return .enumeration(writerSymbols: writerEnum.symbols, readerSymbols: mapped)
        case (.record(let writerRecord), .record(let readerRecord)):
            return .record(try record(writerRecord, readerRecord, path: path))
        default:
            throw Self.problem(path, "the writer's \(writer) cannot be read as the reader's \(reader) (rule: types must be equal or promotable: int→long→float→double, string↔bytes)")
        }
    }

    private mutating func record(_ writer: AvroRecordSchema, _ reader: AvroRecordSchema, path: [String]) throws(SluiceError) -> AvroResolvedRecord {
        guard Self.namesMatch(writer.name, reader.name, reader.aliases) else {
            throw Self.renamed(path, "record", writer.name, reader.name)
        }
        let key = writer.name.fullName + "|" + reader.name.fullName
        if let known = records[key] { return known }
        let resolved = AvroResolvedRecord(reader: reader)
        records[key] = resolved
        var seen = Set<Int>()
        for writerField in writer.fields {
            let index = reader.fields.firstIndex { $0.name == writerField.name }
                ?? reader.fields.firstIndex { $0.aliases.contains(writerField.name) }
            guard let index else {
                resolved.steps.append(.skip(writerField.type))
                continue
            }
            seen.insert(index)
            let plan = try resolve(writer: writerField.type, reader: reader.fields[index].type, path: path + [reader.fields[index].name])
            resolved.steps.append(.read(readerIndex: index, plan, writer: writerField.type))
        }
        for (index, field) in reader.fields.enumerated() where !seen.contains(index) {
            guard let json = field.defaultValue else {
                throw Self.problem(path + [field.name], "the reader's field is not in the writer's record '\(writer.name)' and has no default (rule: a missing field needs a default)")
            }
            resolved.defaults.append((index, try AvroDefaultValue.value(json, for: field.type)))
        }
        return resolved
    }

    /// Whether named types match: the same unqualified name, or a reader alias naming the writer.
    static func namesMatch(_ writer: AvroName, _ reader: AvroName, _ aliases: [AvroName]) -> Bool {
        writer.name == reader.name || aliases.contains { $0.fullName == writer.fullName || $0.name == writer.name }
    }

    /// The specification's "match" (without descending into records' fields).
    static func matches(writer: AvroSchema, reader: AvroSchema) -> Bool {
        switch (writer, reader) {
        case (.int, .long), (.int, .float), (.int, .double), (.long, .float), (.long, .double), (.float, .double),
             (.string, .bytes), (.bytes, .string), (.array, .array), (.map, .map):
            return true
        case (.record(let w), .record(let r)): return namesMatch(w.name, r.name, r.aliases)
        case (.enumeration(let w), .enumeration(let r)): return namesMatch(w.name, r.name, r.aliases)
        case (.fixed(let w), .fixed(let r)): return namesMatch(w.name, r.name, r.aliases) && w.size == r.size
        default: return writer.typeName == reader.typeName && writer.fullName == nil
        }
    }
}
