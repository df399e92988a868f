import SluiceSpec

/// A leaf column of a Parquet schema: its path, physical description and level bounds.
struct ParquetLeaf: Sendable {
    /// The dotted path from the root (`address.city`); the top-level name for flat columns.
    var path: [String]
    var element: ParquetSchemaElement
    var maxDefinitionLevel: Int
    var maxRepetitionLevel: Int
}

/// A top-level field of the file: a flat column (one leaf, not repeated) or a nested one.
struct ParquetTopField: Sendable {
    var name: String
    /// The leaves under this field, as indices into `ParquetSchema.leaves` (one for a flat column).
    var leaves: Range<Int>
    /// Whether the field is a single non-repeated primitive column.
    var isFlat: Bool
    /// The field's own element (a group for nested fields).
    var element: ParquetSchemaElement
}

/// The schema tree of a file, rebuilt from the footer's depth-first list of elements.
struct ParquetSchema: Sendable {
    var leaves: [ParquetLeaf] = []
    var fields: [ParquetTopField] = []

    init(_ elements: [ParquetSchemaElement], file: String) throws(SluiceError) {
        guard let root = elements.first, let childCount = root.numChildren, childCount >= 0 else {
            throw SluiceError(.malformedData, "'\(file)' has a Parquet schema without a root group")
        }
        var next = 1
        for _ in 0..<childCount {
            let element = try Self.element(elements, next, file)
            let first = leaves.count
            next = try walk(elements, at: next, path: [], definition: 0, repetition: 0, file: file)
            let isFlat = element.numChildren == nil && element.repetition != .repeated
            fields.append(ParquetTopField(name: element.name, leaves: first..<leaves.count, isFlat: isFlat, element: element))
        }
        guard next == elements.count else {
            throw SluiceError(.malformedData, "'\(file)' has a Parquet schema whose element counts do not add up")
        }
    }

    private static func element(_ elements: [ParquetSchemaElement], _ index: Int, _ file: String) throws(SluiceError) -> ParquetSchemaElement {
        guard index < elements.count else {
            throw SluiceError(.malformedData, "'\(file)' has a Parquet schema that ends in the middle of a group")
        }
        return elements[index]
    }

    /// Adds the leaves under element `index`; returns the index after its subtree.
    private mutating func walk(
        _ elements: [ParquetSchemaElement], at index: Int, path: [String], definition: Int, repetition: Int, file: String
    ) throws(SluiceError) -> Int {
        let element = try Self.element(elements, index, file)
        let definition = definition + (element.repetition == .required || element.repetition == nil ? 0 : 1)
        let repetition = repetition + (element.repetition == .repeated ? 1 : 0)
        let path = path + [element.name]
        guard path.count < 64 else { throw SluiceError(.malformedData, "'\(file)' has a Parquet schema nested too deeply") }
        guard let children = element.numChildren else {
            guard element.type != nil else {
                throw SluiceError(.malformedData, "'\(file)' has a Parquet leaf column '\(path.joined(separator: "."))' without a type")
            }
            leaves.append(ParquetLeaf(path: path, element: element, maxDefinitionLevel: definition, maxRepetitionLevel: repetition))
            return index + 1
        }
        var next = index + 1
        for _ in 0..<max(children, 0) {
            next = try walk(elements, at: next, path: path, definition: definition, repetition: repetition, file: file)
        }
        return next
    }
}
