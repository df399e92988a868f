import SluiceEngine
import SluiceSpec

/// Rebuilds the values of a nested column (struct, list, map, repeated field) from its leaves'
/// levels, one value per row: as JSON text (structs as objects, lists as arrays, maps as
/// objects keyed by the map key's text), or, with typed leaves, as engine values.
struct NestedAssembler {
    /// One leaf's decoded chunk and how far assembly has read it.
    private struct Cursor {
        var data: NestedLeafData
        var leaf: ParquetLeaf
        var entry = 0
        var value = 0
    }

    private let tree: ParquetNode
    private var cursors: [Int: Cursor]
    private let file: String
    /// With typed leaves: each leaf's present values as an engine column.
    private var typedLeaves: [Int: Column]?

    init(tree: ParquetNode, leaves: [Int: (ParquetLeaf, NestedLeafData)], file: String) {
        self.tree = tree
        self.file = file
        cursors = leaves.mapValues { Cursor(data: $0.1, leaf: $0.0) }
    }

    /// An assembler whose leaves become engine values (`values(_:)`).
    init(typed tree: ParquetNode, leaves: [Int: (ParquetLeaf, NestedLeafData)], file: String) throws(SluiceError) {
        self.init(tree: tree, leaves: leaves, file: file)
        var columns: [Int: Column] = [:]
        for (index, (leaf, data)) in leaves {
            let (type, conversion) = try ParquetTypeMapping.leafMapping(leaf.element, name: tree.element.name).get()
            columns[index] = try LeafColumnConversion.column(data.values, validity: nil, type: type, conversion: conversion,
                                                             name: tree.element.name, file: file)
        }
        typedLeaves = columns
    }

    /// The value of every row, to be read with `NestedValue.engineValue(as:)`.
    mutating func values(_ count: Int) throws(SluiceError) -> [NestedValue] {
        var rows: [NestedValue] = []
        rows.reserveCapacity(count)
        for _ in 0..<count { rows.append(try field(tree)) }
        return rows
    }

    /// The JSON text of every row (nil for a null row).
    mutating func rows(_ count: Int) throws(SluiceError) -> [String?] {
        var rows: [String?] = []
        rows.reserveCapacity(count)
        for _ in 0..<count {
            let value = try field(tree)
            if case .null = value { rows.append(nil) } else { rows.append(value.json) }
        }
        return rows
    }

    private func level(_ leaf: Int) throws(SluiceError) -> (repetition: Int32, definition: Int32) {
        guard let cursor = cursors[leaf], cursor.entry < cursor.data.definition.count else {
            throw SluiceError(.malformedData, "'\(file)' column '\(tree.element.name)' has fewer nested values than its levels describe")
        }
        return (cursor.data.repetition[cursor.entry], cursor.data.definition[cursor.entry])
    }

    private func hasNext(_ leaf: Int) -> Bool {
        guard let cursor = cursors[leaf] else { return false }
        return cursor.entry < cursor.data.definition.count
    }

    /// A field: a list of its instances when repeated, else its value.
    private mutating func field(_ node: ParquetNode) throws(SluiceError) -> NestedValue {
        guard node.isRepeated else { return try value(node) }
        let first = node.firstLeaf
        if try level(first).definition < Int32(node.definitionLevel) {
            skip(node)
            return .array([])
        }
        var items: [NestedValue] = []
        while true {
            items.append(try value(node))
            guard hasNext(first), try level(first).repetition == Int32(node.repetitionLevel) else { break }
        }
        return .array(items)
    }

    /// One instance of a node (null when its definition level is not reached).
    private mutating func value(_ node: ParquetNode) throws(SluiceError) -> NestedValue {
        let first = node.firstLeaf
        if try level(first).definition < Int32(node.definitionLevel) {
            skip(node)
            return .null
        }
        if let leafIndex = node.leafIndex { return try take(leafIndex) }
        var members: [NestedMember] = []
        for child in node.children { members.append(NestedMember(name: child.element.name, value: try field(child))) }
        return annotate(node, members)
    }

    /// Lists and maps written in the format's standard shapes become arrays and objects.
    private func annotate(_ node: ParquetNode, _ members: [NestedMember]) -> NestedValue {
        let logical = node.element.logicalType ?? ParquetTypeMapping.legacyLogicalType(node.element)
        let isList = logical == .list || node.element.convertedType == .list
        let isMap = logical == .map || node.element.convertedType == .map || node.element.convertedType == .mapKeyValue
        if isList, members.count == 1, case .array(let items) = members[0].value {
            let repeated = node.children[0]
            // Three-level lists wrap each element in a one-field group; legacy two-level ones do not.
            let wrapped = repeated.leafIndex == nil && repeated.children.count == 1
                && repeated.element.name != "array" && repeated.element.name != node.element.name + "_tuple"
            return .array(wrapped ? items.map { item in
                if case .object(let fields) = item, fields.count == 1 { return fields[0].value }
                return item
            } : items)
        }
        if isMap, members.count == 1, case .array(let entries) = members[0].value, typedLeaves != nil {
            return .entries(entries.map { entry in
                guard case .object(let pair) = entry, pair.count >= 1 else { return (key: NestedValue.null, value: entry) }
                return (key: pair[0].value, value: pair.count > 1 ? pair[1].value : .null)
            })
        }
        if isMap, members.count == 1, case .array(let entries) = members[0].value {
            return .object(entries.map { entry in
                guard case .object(let pair) = entry, pair.count >= 1 else { return NestedMember(name: "", value: entry) }
                return NestedMember(name: pair[0].value.keyText, value: pair.count > 1 ? pair[1].value : .null)
            })
        }
        return .object(members)
    }

    /// Moves past one entry of every leaf under `node` (a null or empty instance has exactly one).
    private mutating func skip(_ node: ParquetNode) {
        for leaf in node.leaves { cursors[leaf]!.entry += 1 }
    }

    private mutating func take(_ leafIndex: Int) throws(SluiceError) -> NestedValue {
        var cursor = cursors[leafIndex]!
        defer { cursors[leafIndex] = cursor }
        cursor.entry += 1
        guard cursor.value < cursor.data.values.count else {
            throw SluiceError(.malformedData, "'\(file)' column '\(tree.element.name)' has fewer values than its levels describe")
        }
        defer { cursor.value += 1 }
        if let column = typedLeaves?[leafIndex] { return .scalar(column.value(at: cursor.value), column.dataType) }
        return NestedValue.leaf(cursor.data.values, at: cursor.value, element: cursor.leaf.element)
    }
}
