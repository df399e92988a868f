import SluiceSpec

/// A node of the schema tree, with the levels at which it is defined and repeated: what record
/// assembly needs to rebuild nested values from their leaves.
struct ParquetNode: Sendable {
    var element: ParquetSchemaElement
    var children: [ParquetNode]
    /// The index of this leaf in `ParquetSchema.leaves` (nil for groups).
    var leafIndex: Int?
    /// The definition level at which this node is present (counts optional and repeated nodes down to it).
    var definitionLevel: Int
    /// The repetition level of this node (counts repeated nodes down to it).
    var repetitionLevel: Int

    var isRepeated: Bool { element.repetition == .repeated }

    /// The leaf indices under this node, in order.
    var leaves: [Int] { leafIndex.map { [$0] } ?? children.flatMap(\.leaves) }

    /// The first leaf under this node: its levels tell whether the node is present.
    var firstLeaf: Int { leafIndex ?? children[0].firstLeaf }

    /// The top-level trees of `elements` (the footer's depth-first list), leaves numbered in order.
    static func trees(_ elements: [ParquetSchemaElement]) -> [ParquetNode] {
        var next = 1
        var leafCount = 0
        var trees: [ParquetNode] = []
        for _ in 0..<max(elements.first?.numChildren ?? 0, 0) {
            guard let tree = build(elements, &next, &leafCount, definition: 0, repetition: 0) else { break }
            trees.append(tree)
        }
        return trees
    }

    private static func build(_ elements: [ParquetSchemaElement], _ next: inout Int, _ leafCount: inout Int,
                              definition: Int, repetition: Int) -> ParquetNode? {
        guard next < elements.count else { return nil }
        let element = elements[next]
        next += 1
        let definition = definition + (element.repetition == .required || element.repetition == nil ? 0 : 1)
        let repetition = repetition + (element.repetition == .repeated ? 1 : 0)
        guard let count = element.numChildren else {
            defer { leafCount += 1 }
            return ParquetNode(element: element, children: [], leafIndex: leafCount,
                               definitionLevel: definition, repetitionLevel: repetition)
        }
        var children: [ParquetNode] = []
        for _ in 0..<max(count, 0) {
            guard let child = build(elements, &next, &leafCount, definition: definition, repetition: repetition) else { return nil }
            children.append(child)
        }
        guard !children.isEmpty else { return nil }
        return ParquetNode(element: element, children: children, leafIndex: nil,
                           definitionLevel: definition, repetitionLevel: repetition)
    }
}
