import SluiceEngine

/// Shreds the values of a nested column into its leaves: each leaf's present values and
/// the repetition and definition level of each of its slots (Dremel's record shredding,
/// the inverse of `NestedAssembler`).
struct NestedShredder {
    /// One leaf's output for a batch.
    struct LeafOutput {
        var values: ColumnBuilder
        var repetition: [UInt32] = []
        var definition: [UInt32] = []
    }

    let layout: ParquetNestedLayout
    private(set) var outputs: [LeafOutput]

    init(layout: ParquetNestedLayout) {
        self.layout = layout
        outputs = layout.leaves.map { LeafOutput(values: ColumnBuilder(type: $0.field.type)) }
    }

    /// Every row of `column`, shredded; the outputs are then taken with `finish()`.
    mutating func shred(_ column: Column) {
        for row in 0..<column.count { shred(layout.root, column.value(at: row), repetition: 0, parentDefinition: 0) }
    }

    /// The leaves' values and levels; the shredder is left empty.
    mutating func finish() -> [(values: Column, repetition: [UInt32], definition: [UInt32])] {
        defer { outputs = layout.leaves.map { LeafOutput(values: ColumnBuilder(type: $0.field.type)) } }
        return outputs.indices.map { (outputs[$0].values.finish(), outputs[$0].repetition, outputs[$0].definition) }
    }

    private mutating func emit(_ leaf: Int, _ repetition: Int, _ definition: Int, _ value: ScalarValue?) {
        outputs[leaf].repetition.append(UInt32(repetition))
        outputs[leaf].definition.append(UInt32(definition))
        if let value { outputs[leaf].values.append(value) }
    }

    private mutating func shred(_ node: ParquetNestedLayout.Node, _ value: ScalarValue, repetition: Int, parentDefinition: Int) {
        if value == .null {
            for leaf in node.leaves { emit(leaf, repetition, parentDefinition, nil) }
            return
        }
        switch node {
        case .leaf(let index, let definition):
            emit(index, repetition, definition, value)
        case .group(let children, let definition, _):
            guard case .struct(let fields) = value else { return }
            for (child, field) in zip(children, fields) { shred(child, field, repetition: repetition, parentDefinition: definition) }
        case .repeated(let key, let valueNode, let definition, let entryRepetition, let all):
            var entries: [(ScalarValue?, ScalarValue)] = []
            if case .array(let items) = value { entries = items.map { (nil, $0) } }
            // A null key has no place in a map: such entries are left out.
            if case .map(let keys, let values) = value { entries = zip(keys, values).filter { $0.0 != .null }.map { ($0.0, $0.1) } }
            guard !entries.isEmpty else {
                for leaf in all { emit(leaf, repetition, definition, nil) }
                return
            }
            for (position, entry) in entries.enumerated() {
                let level = position == 0 ? repetition : entryRepetition
                if let key, let keyValue = entry.0 { shred(key, keyValue, repetition: level, parentDefinition: definition + 1) }
                shred(valueNode, entry.1, repetition: level, parentDefinition: definition + 1)
            }
        }
    }
}
