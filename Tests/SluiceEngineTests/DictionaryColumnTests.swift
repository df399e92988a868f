import SluiceEngine
import Testing

/// String columns that hold only dictionary codes until their strings are read.
@Suite struct DictionaryColumnTests {
    /// Dictionary values: one empty, one long enough to be copied in bulk, the rest short.
    static let values: StringStorage = {
        var values = StringStorage()
        for text in ["", "paid", "shipped", String(repeating: "long value ", count: 9), "é"] { values.append(utf8: Array(text.utf8)) }
        return values
    }()

    static func column(rows: Int) -> Column {
        let codes = (0..<rows).map { Int32(($0 * 7) % 5) }
        var validity = Bitmap(capacity: rows)
        for row in 0..<rows { validity.append(row % 4 != 1) }
        return Column(dataType: .string, dictionary: ColumnDictionary(codes: codes, values: values), validity: validity)
    }

    static func expected(_ row: Int) -> ScalarValue {
        row % 4 == 1 ? .null : .string(values.string(at: (row * 7) % 5))
    }

    @Test func readsEachRowsDictionaryValueWithEmptyPlaceholdersAtNulls() {
        let column = Self.column(rows: 1000)
        #expect(column.count == 1000)
        #expect(column.nullCount == 250)
        #expect((0..<1000).allSatisfy { column.value(at: $0) == Self.expected($0) })
        guard case .string(let strings) = column.storage else { Issue.record("not string storage"); return }
        #expect(strings.utf8(at: 1).isEmpty)
        #expect(column == Column(dataType: .string, storage: .string(strings), validity: column.validity))
    }

    @Test func slicesAndTakesKeepTheCodes() {
        let column = Self.column(rows: 300)
        let slice = column.slice(37, 200)
        #expect(slice.dictionary?.codes.count == 200)
        #expect((0..<200).allSatisfy { slice.value(at: $0) == Self.expected($0 + 37) })
        let rows = [299, 0, 5, 5, 122]
        let taken = column.take(rows)
        #expect(taken.dictionary?.codes == rows.map { Int32(($0 * 7) % 5) })
        #expect(taken.count == rows.count)
        #expect((0..<rows.count).allSatisfy { taken.value(at: $0) == Self.expected(rows[$0]) })
    }

    @Test func gathersStringsByIndexAcrossWordBoundaries() {
        let indices: [Int32] = [3, 1, 4, 0, 2, 3, 3, 1]
        let gathered = Self.values.gather(indices)
        #expect((0..<indices.count).map { gathered.string(at: $0) } == indices.map { Self.values.string(at: Int($0)) })
        #expect(gathered.bytes.count == indices.reduce(0) { $0 + Self.values.utf8(at: Int($1)).count })
    }
}
