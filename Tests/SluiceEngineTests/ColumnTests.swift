import SluiceEngine
import Testing

@Suite struct ColumnTests {
    @Test func bitmapSetsAndCountsBitsAcrossWords() {
        var bitmap = Bitmap(capacity: 130)
        for index in 0..<130 { bitmap.append(index % 3 == 0) }
        #expect(bitmap.count == 130)
        #expect(bitmap.setCount == 44)
        #expect(bitmap[0] && !bitmap[1] && bitmap[129])
        bitmap[1] = true
        #expect(bitmap[1] && bitmap.setCount == 45)
        let full = Bitmap(count: 70, value: true)
        #expect(full.setCount == 70)
        #expect(Bitmap(count: 70, value: false).setCount == 0)
    }

    @Test func builderKeepsValuesAndNullsAligned() {
        var builder = ColumnBuilder(type: .int64)
        builder.append(Int64(7))
        builder.appendNull()
        builder.append(Int64(-3))
        let column = builder.finish()
        #expect(column.count == 3)
        #expect(column.nullCount == 1)
        #expect(column.value(at: 0) == .int64(7))
        #expect(column.value(at: 1) == .null)
        #expect(column.value(at: 2) == .int64(-3))
        #expect(builder.count == 0, "finish() leaves the builder empty")
    }

    @Test func columnWithoutNullsHasNoValidityBitmap() {
        var builder = ColumnBuilder(type: .string)
        builder.append("a")
        builder.append("")
        let column = builder.finish()
        #expect(column.validity == nil)
        #expect(column.value(at: 1) == .string(""))
    }

    @Test func stringsArePackedAsOffsetsAndBytes() {
        var builder = ColumnBuilder(type: .string)
        builder.append("héllo")
        builder.appendNull()
        builder.append("x")
        let column = builder.finish()
        guard case .string(let storage) = column.storage else {
            Issue.record("string column without string storage")
            return
        }
        #expect(storage.offsets == [0, 6, 6, 7])
        #expect(storage.string(at: 0) == "héllo")
        #expect(column.value(at: 1) == .null)
    }

    @Test(arguments: [DataType.boolean, .int32, .int64, .float64, .string, .date, .timestamp])
    func nullColumnsOfEveryType(type: DataType) {
        let column = Column.nulls(type, count: 5)
        #expect(column.count == 5)
        #expect(column.nullCount == 5)
        #expect(column.dataType == type)
    }

    @Test func sliceCopiesValuesAndValidity() {
        var builder = ColumnBuilder(type: .string)
        for index in 0..<10 {
            if index % 4 == 0 { builder.appendNull() } else { builder.append("v\(index)") }
        }
        let batch = RecordBatch(schema: Schema([Field("s", .string)]), columns: [builder.finish()])
        let slice = batch.slice(3, 4)
        #expect(slice.rowCount == 4)
        #expect((0..<4).map { slice.row($0)[0] } == [.string("v3"), .null, .string("v5"), .string("v6")])
    }

    @Test func schemaResolvesNamesExactlyThenIgnoringCase() {
        let schema = Schema([Field("Amount", .float64), Field("amount", .int64), Field("id", .int32)])
        #expect(schema.index(of: "amount") == 1)
        #expect(schema.index(of: "ID") == 2)
        #expect(schema.index(of: "missing") == nil)
        #expect(schema.description == "Amount DOUBLE, amount BIGINT, id INT")
    }

    @Test func sqlTypeNamesParseAsSparkWritesThem() {
        #expect(DataType(sqlName: "INTEGER") == .int32)
        #expect(DataType(sqlName: " long ") == .int64)
        #expect(DataType(sqlName: "varchar(20)") == .string)
        #expect(DataType(sqlName: "timestamp_ntz") == .timestampNTZ)
        #expect(DataType(sqlName: "DECIMAL(10, 2)") == .decimal(precision: 10, scale: 2))
        #expect(DataType(sqlName: "decimal") == .decimal(precision: 10, scale: 0))
        #expect(DataType(sqlName: "numeric(38)") == .decimal(precision: 38, scale: 0))
        #expect(DataType(sqlName: "decimal(39,2)") == nil)
        #expect(DataType(sqlName: "decimal(5,6)") == nil)
        #expect(DataType(sqlName: "tinyint") == .int8)
        #expect(DataType(sqlName: "short") == .int16)
        #expect(DataType(sqlName: "float") == .float32)
        #expect(DataType(sqlName: "binary") == .binary)
        #expect(DataType(sqlName: "geometry") == nil)
    }
}
