import SluiceEngine
import SluiceSpec

/// Writes a small Parquet file of nested rows (groups, maps, lists) in one row group: each
/// value is shredded into its leaves' repetition and definition levels, the inverse of what
/// `NestedAssembler` rebuilds. Made for metadata files such as Delta Lake checkpoints, where
/// rows number in the thousands, not for bulk data.
public enum ParquetNestedWriter {
    /// The file's bytes.
    public static func write(fields: [ParquetNestedField], rows: [[String: ParquetNestedValue]],
                             compression: ParquetCompression = .snappy) throws(SluiceError) -> [UInt8] {
        var shape = NestedShape()
        var root = ParquetSchemaElement(name: "schema")
        root.numChildren = Int32(fields.count)
        shape.elements.append(root)
        let nodes = fields.map { shape.build($0, parentDefinition: 0, parentRepetition: 0, path: []) }
        for row in rows {
            for (field, node) in zip(fields, nodes) {
                shape.shred(node, row[field.name] ?? .null, repetition: 0, parentDefinition: 0)
            }
        }
        var output = ParquetFooter.magic
        var group = ParquetRowGroup()
        group.numRows = Int64(rows.count)
        group.fileOffset = 4
        for leaf in shape.leaves {
            let (bytes, meta) = try leaf.chunk(at: Int64(output.count), compression: compression)
            group.columns.append(ParquetColumnChunk(metaData: meta, fileOffset: Int64(output.count)))
            group.totalByteSize += meta.totalUncompressedSize
            output += bytes
        }
        group.totalCompressedSize = Int64(output.count - 4)
        var metadata = ParquetFileMetaData()
        metadata.schema = shape.elements
        metadata.numRows = Int64(rows.count)
        metadata.rowGroups = [group]
        metadata.createdBy = ParquetWriter.createdBy
        let footer = ThriftCompactWriter.encode { metadata.write(to: &$0) }
        output += footer
        withUnsafeBytes(of: UInt32(footer.count).littleEndian) { output.append(contentsOf: $0) }
        return output + ParquetFooter.magic
    }
}

/// The schema elements, the leaves and their level streams of a file being shredded.
struct NestedShape {
    /// A node of the value tree: where its leaves are and at which levels it is defined.
    indirect enum Node {
        case leaf(index: Int, definition: Int)
        case group(children: [(String, Node)], definition: Int, leaves: [Int])
        /// A map or list: `definition` for the group, `repetition` for its repeated entries.
        case repeated(key: Int?, value: Node, definition: Int, repetition: Int, leaves: [Int])

        var leaves: [Int] {
            switch self {
            case .leaf(let index, _): [index]
            case .group(_, _, let leaves), .repeated(_, _, _, _, let leaves): leaves
            }
        }
    }

    var elements: [ParquetSchemaElement] = []
    var leaves: [NestedLeafColumn] = []

    mutating func build(_ field: ParquetNestedField, parentDefinition: Int, parentRepetition: Int, path: [String]) -> Node {
        let definition = parentDefinition + 1
        let path = path + [field.name]
        var element = ParquetSchemaElement(name: field.name)
        element.repetition = .optional
        switch field.type {
        case .string, .long, .int, .boolean:
            elements.append(NestedLeafColumn.element(field.name, field.type, repetition: .optional))
            leaves.append(NestedLeafColumn(path: path, type: field.type, maxDefinition: definition, maxRepetition: parentRepetition))
            return .leaf(index: leaves.count - 1, definition: definition)
        case .group(let children):
            element.numChildren = Int32(children.count)
            elements.append(element)
            let first = leaves.count
            let nodes = children.map { ($0.name, build($0, parentDefinition: definition, parentRepetition: parentRepetition, path: path)) }
            return .group(children: nodes, definition: definition, leaves: Array(first..<leaves.count))
        case .map(let valueType), .list(let valueType):
            let isMap: Bool
            if case .map = field.type { isMap = true } else { isMap = false }
            element.numChildren = 1
            element.convertedType = isMap ? .map : .list
            element.logicalType = isMap ? .map : .list
            elements.append(element)
            var repeated = ParquetSchemaElement(name: isMap ? "key_value" : "list")
            repeated.repetition = .repeated
            repeated.numChildren = isMap ? 2 : 1
            elements.append(repeated)
            let first = leaves.count
            let entryDefinition = definition + 1, repetition = parentRepetition + 1
            var key: Int?
            if isMap {
                elements.append(NestedLeafColumn.element("key", .string, repetition: .required))
                leaves.append(NestedLeafColumn(path: path + ["key_value", "key"], type: .string, maxDefinition: entryDefinition,
                                               maxRepetition: repetition))
                key = leaves.count - 1
            }
            let value = build(ParquetNestedField(isMap ? "value" : "element", valueType), parentDefinition: entryDefinition,
                              parentRepetition: repetition, path: path + [isMap ? "key_value" : "list"])
            return .repeated(key: key, value: value, definition: definition, repetition: repetition, leaves: Array(first..<leaves.count))
        }
    }

    /// Adds one value of `node` to its leaves: `repetition` for the first entry, `parentDefinition`
    /// when the value is null.
    mutating func shred(_ node: Node, _ value: ParquetNestedValue, repetition: Int, parentDefinition: Int) {
        if case .null = value {
            for leaf in node.leaves { leaves[leaf].append(repetition, parentDefinition, nil) }
            return
        }
        switch node {
        case .leaf(let index, let definition):
            leaves[index].append(repetition, definition, value)
        case .group(let children, let definition, _):
            let members: [String: ParquetNestedValue]
            if case .group(let given) = value { members = given } else { members = [:] }
            for (name, child) in children { shred(child, members[name] ?? .null, repetition: repetition, parentDefinition: definition) }
        case .repeated(let key, let valueNode, let definition, let entryRepetition, let all):
            var entries: [(String?, ParquetNestedValue)] = []
            if case .map(let pairs) = value { entries = pairs.map { ($0.key, $0.value) } }
            if case .list(let items) = value { entries = items.map { (nil, $0) } }
            guard !entries.isEmpty else {
                for leaf in all { leaves[leaf].append(repetition, definition, nil) }
                return
            }
            for (position, entry) in entries.enumerated() {
                let level = position == 0 ? repetition : entryRepetition
                if let key { leaves[key].append(level, definition + 1, .string(entry.0 ?? "")) }
                shred(valueNode, entry.1, repetition: level, parentDefinition: definition + 1)
            }
        }
    }
}
