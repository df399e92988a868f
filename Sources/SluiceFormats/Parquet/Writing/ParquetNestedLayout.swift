import SluiceEngine

/// How a nested engine field (struct, array, map, at any depth) is laid out in Parquet, as
/// Spark and the format's specification lay them out: a struct as an optional group, an
/// array as an optional LIST group of a repeated `list` group of an optional `element`, a
/// map as an optional MAP group of a repeated `key_value` group of a required `key` and an
/// optional `value`. Gives the schema elements (depth first), one leaf per primitive, and
/// the tree that shreds values into the leaves' levels.
struct ParquetNestedLayout {
    /// A primitive at the bottom of the tree: its own column chunk.
    struct Leaf {
        let field: Field
        let element: ParquetSchemaElement
        let path: [String]
        let maxDefinition: Int
        let maxRepetition: Int
    }

    /// A node of the tree; `definition` is the level at which a node's value is present.
    indirect enum Node {
        case leaf(index: Int, definition: Int)
        case group(children: [Node], definition: Int, leaves: [Int])
        /// An array or map: entries repeat at `repetition`; a map has a key node.
        case repeated(key: Node?, value: Node, definition: Int, repetition: Int, leaves: [Int])

        var leaves: [Int] {
            switch self {
            case .leaf(let index, _): [index]
            case .group(_, _, let leaves), .repeated(_, _, _, _, let leaves): leaves
            }
        }
    }

    private(set) var elements: [ParquetSchemaElement] = []
    private(set) var leaves: [Leaf] = []
    private(set) var root: Node = .leaf(index: 0, definition: 0)

    init(_ field: Field) {
        root = build(field.name, field.type, required: false, definition: 0, repetition: 0, path: [])
    }

    private mutating func build(_ name: String, _ type: DataType, required: Bool, definition parent: Int, repetition: Int,
                                path: [String]) -> Node {
        let definition = parent + (required ? 0 : 1)
        let path = path + [name]
        var element = ParquetSchemaElement(name: name)
        element.repetition = required ? .required : .optional
        let first = leaves.count
        switch type {
        case .struct(let fields):
            element.numChildren = Int32(fields.count)
            elements.append(element)
            let children = fields.map { build($0.name, $0.type, required: false, definition: definition, repetition: repetition, path: path) }
            return .group(children: children, definition: definition, leaves: Array(first..<leaves.count))
        case .array(let elementType):
            element.numChildren = 1
            element.convertedType = .list
            element.logicalType = .list
            elements.append(element)
            elements.append(Self.repeatedGroup("list", children: 1))
            let value = build("element", elementType, required: false, definition: definition + 1, repetition: repetition + 1,
                              path: path + ["list"])
            return .repeated(key: nil, value: value, definition: definition, repetition: repetition + 1, leaves: Array(first..<leaves.count))
        case .map(let keyType, let valueType):
            element.numChildren = 1
            element.convertedType = .map
            element.logicalType = .map
            elements.append(element)
            elements.append(Self.repeatedGroup("key_value", children: 2))
            let key = build("key", keyType, required: true, definition: definition + 1, repetition: repetition + 1, path: path + ["key_value"])
            let value = build("value", valueType, required: false, definition: definition + 1, repetition: repetition + 1,
                              path: path + ["key_value"])
            return .repeated(key: key, value: value, definition: definition, repetition: repetition + 1, leaves: Array(first..<leaves.count))
        default:
            var leafElement = ParquetPhysicalLayout.element(for: Field(name, type))
            leafElement.repetition = element.repetition
            elements.append(leafElement)
            leaves.append(Leaf(field: Field(name, type), element: leafElement, path: path, maxDefinition: definition, maxRepetition: repetition))
            return .leaf(index: leaves.count - 1, definition: definition)
        }
    }

    private static func repeatedGroup(_ name: String, children: Int) -> ParquetSchemaElement {
        var element = ParquetSchemaElement(name: name)
        element.repetition = .repeated
        element.numChildren = Int32(children)
        return element
    }
}
