@testable import SluiceEngine
import SluiceSpec
import Testing

/// Strings built as dictionary codes hold the values they were given, give the dictionary
/// up when values turn out mostly distinct, and compare against literals through their
/// distinct values exactly as plain strings compare.
@Suite struct DictionaryBuildingTests {
    static func values(_ column: Column) -> [ScalarValue] { (0..<column.count).map { column.value(at: $0) } }

    @Test func fewDistinctValuesStayCodedWithTheirNulls() {
        var builder = ColumnBuilder(type: .string, dictionaryEncoded: true)
        let texts = (0..<1_000).map { $0 % 7 == 0 ? nil : ["a", "", "é", "long value over sixteen bytes"][$0 % 4] }
        for text in texts {
            if let text { builder.append(text) } else { builder.appendNull() }
        }
        let column = builder.finish()
        #expect(column.dictionary?.values.count == 4)
        #expect(Self.values(column) == texts.map { $0.map(ScalarValue.string) ?? .null })
    }

    @Test func mostlyDistinctValuesFallBackToPlainStrings() {
        var builder = ColumnBuilder(type: .string, dictionaryEncoded: true)
        let texts = (0..<2_000).map { $0 % 5 == 0 ? nil : "value \($0)" }
        for text in texts {
            if let text { builder.append(text) } else { builder.appendNull() }
        }
        let column = builder.finish()
        #expect(column.dictionary == nil)
        #expect(Self.values(column) == texts.map { $0.map(ScalarValue.string) ?? .null })
    }

    @Test func internedValuesOfEveryLengthStayApart() {
        // Values that differ in one byte, at every position, for lengths 0 to 40 (more than the
        // tables first hold, so they grow).
        var interner = ByteInterner()
        var expected: [[UInt8]] = []
        for length in 0...40 {
            let base = [UInt8](repeating: UInt8(ascii: "a"), count: length)
            expected.append(base)
            for position in 0..<length {
                var changed = base
                changed[position] = UInt8(ascii: "b")
                expected.append(changed)
            }
        }
        // Zero bytes at the end tell values apart too (short values are keyed by zero-padded words).
        expected += [[0], [0, 0], [97, 0], [97, 0, 0, 0, 0, 0, 0, 0, 0], [UInt8](repeating: 0, count: 16)]
        for value in expected { _ = value.withUnsafeBytes { interner.code(of: $0) } }
        #expect(interner.count == expected.count)
        for (code, value) in expected.enumerated() {
            #expect(value.withUnsafeBytes { interner.existingCode(of: $0) } == Int32(code))
            #expect(value.withUnsafeBytes { interner.code(of: $0) } == Int32(code), "interning again keeps the code")
            #expect(Array(interner.bytes(of: code)) == value)
        }
        #expect(interner.count == expected.count)
    }

    @Test(arguments: [BinaryOperator.equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual])
    func codedComparisonsWithALiteralMatchPlainOnes(op: BinaryOperator) {
        var coded = ColumnBuilder(type: .string, dictionaryEncoded: true)
        var plain = ColumnBuilder(type: .string)
        let texts = (0..<600).map { $0 % 9 == 0 ? nil : ["apple", "banana", "", "cherry", "banana split"][$0 % 5] }
        for text in texts {
            if let text { coded.append(text); plain.append(text) } else { coded.appendNull(); plain.appendNull() }
        }
        let codedColumn = coded.finish(), plainColumn = plain.finish()
        #expect(codedColumn.dictionary != nil)
        let literal = Column.repeating(.string("banana"), .string, count: texts.count)
        let plainLiteral = Column(dataType: .string, storage: literal.storage)
        let expected = ComparisonKernel.apply(op, plainColumn, plainLiteral)
        #expect(ComparisonKernel.compareCoded(op, codedColumn, literal) != nil)
        #expect(Self.values(ComparisonKernel.apply(op, codedColumn, literal)) == Self.values(expected))
        let flipped = ComparisonKernel.apply(op, plainLiteral, plainColumn)
        #expect(Self.values(ComparisonKernel.apply(op, literal, codedColumn)) == Self.values(flipped))
        #expect(Self.values(expected).contains(.boolean(true)))
    }

    @Test func codedColumnsConcatenateIntoOneDictionary() {
        func coded(_ texts: [String?]) -> Column {
            var builder = ColumnBuilder(type: .string, dictionaryEncoded: true)
            for text in texts {
                if let text { builder.append(text) } else { builder.appendNull() }
            }
            return builder.finish()
        }
        let first = (0..<300).map { $0 % 4 == 0 ? nil : ["east", "west", "é"][$0 % 3] }
        let second = (0..<300).map { $0 % 5 == 0 ? nil : ["west", "north"][$0 % 2] }
        let schema = Schema([Field("region", .string)])
        let batches = [first, second].map { RecordBatch(schema: schema, columns: [coded($0)]) }
        let joined = RecordBatch.concatenate(batches, schema: schema).columns[0]
        #expect(joined.dictionary?.values.count == 4)
        #expect(Self.values(joined) == (first + second).map { $0.map(ScalarValue.string) ?? .null })
        // Mostly distinct values across the columns come out as plain strings.
        let distinct = (0..<2).map { part in RecordBatch(schema: schema, columns: [coded((0..<200).map { "\(part)-\($0 % 150)" })]) }
        let plain = RecordBatch.concatenate(distinct, schema: schema).columns[0]
        #expect(plain.dictionary == nil)
        #expect(plain.value(at: 399) == .string("1-49"))
    }
}
