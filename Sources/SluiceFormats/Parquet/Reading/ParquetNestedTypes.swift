import SluiceEngine
import SluiceSpec

/// The engine types of nested Parquet fields: a group is a struct, a LIST-annotated group (in
/// the standard three-level shape or the legacy two-level ones) an array, a MAP-annotated
/// group a map, and a repeated field outside them an array of its values.
enum ParquetNestedTypes {
    /// The type of a top-level or inner field, or why the engine cannot hold it.
    static func type(of node: ParquetNode) -> Result<DataType, SluiceError> {
        Result { () throws(SluiceError) -> DataType in try fieldType(node) }
    }

    static func fieldType(_ node: ParquetNode) throws(SluiceError) -> DataType {
        node.isRepeated ? .array(try instanceType(node)) : try instanceType(node)
    }

    /// The type of one instance of a node (its repetition aside).
    static func instanceType(_ node: ParquetNode) throws(SluiceError) -> DataType {
        if node.leafIndex != nil {
            return try ParquetTypeMapping.leafMapping(node.element, name: node.element.name).get().0
        }
        if let (element, wrapped) = listElement(node) {
            return .array(wrapped ? try fieldType(element) : try instanceType(element))
        }
        if isMap(node), node.children.count == 1, let entry = node.children.first, entry.leafIndex == nil, !entry.children.isEmpty {
            let key = try fieldType(entry.children[0])
            let value = entry.children.count > 1 ? try fieldType(entry.children[1]) : .string
            return .map(key: key, value: value)
        }
        var fields: [Field] = []
        for child in node.children {
            fields.append(Field(child.element.name, try fieldType(child), nullable: child.element.repetition != .required))
        }
        return .struct(fields)
    }

    static func isMap(_ node: ParquetNode) -> Bool {
        let logical = node.element.logicalType ?? ParquetTypeMapping.legacyLogicalType(node.element)
        return logical == .map || node.element.convertedType == .map || node.element.convertedType == .mapKeyValue
    }

    /// For a LIST group: the node holding each element, and whether it is wrapped (three-level
    /// lists put each element in a one-field group; legacy two-level ones do not).
    static func listElement(_ node: ParquetNode) -> (node: ParquetNode, wrapped: Bool)? {
        let logical = node.element.logicalType ?? ParquetTypeMapping.legacyLogicalType(node.element)
        guard logical == .list || node.element.convertedType == .list, node.children.count == 1,
              node.children[0].isRepeated else { return nil }
        let repeated = node.children[0]
        let wrapped = repeated.leafIndex == nil && repeated.children.count == 1
            && repeated.element.name != "array" && repeated.element.name != node.element.name + "_tuple"
        return wrapped ? (repeated.children[0], true) : (repeated, false)
    }
}
