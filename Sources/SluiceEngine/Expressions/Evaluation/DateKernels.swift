/// Date and time functions over whole columns: dates are INT32 days, timestamps INT64
/// microseconds (UTC); patterns and units given per row are compiled once per run of equal
/// values (once per batch for a literal).
enum DateKernels {
    /// `transform` of every value of an INT32-backed (date) column, as a column of `type`.
    static func mapDays(_ column: Column, to type: DataType, _ transform: (Int32) -> Int32) -> Column? {
        guard case .int32(let days) = column.storage else { return nil }
        return Column(dataType: type, storage: .int32(days.map(transform)), validity: column.validity)
    }

    /// `transform` of every value of an INT64-backed (timestamp) column, as an INT32 column.
    static func mapMicros(_ column: Column, _ transform: (Int64) -> Int32) -> Column? {
        guard case .int64(let micros) = column.storage else { return nil }
        return Column(dataType: .int32, storage: .int32(micros.map(transform)), validity: column.validity)
    }

    /// `combine` of two INT32-backed columns (a date and a number of days or months, or two
    /// dates), as a column of `type`; null where either is.
    static func combineDays(_ columns: [Column], to type: DataType, _ combine: (Int32, Int32) -> Int32) -> Column? {
        guard case .int32(let a) = columns[0].storage, case .int32(let b) = columns[1].storage else { return nil }
        return Column(dataType: type, storage: .int32(zip(a, b).map(combine)), validity: Column.commonValidity(columns))
    }

    /// `date_trunc(unit, ts)`; null for a unit Spark does not know.
    static func truncate(_ columns: [Column]) -> Column? {
        guard let units = columns[0].stringStorage, case .int64(let micros) = columns[1].storage else { return nil }
        var cache = RunCache(TruncationUnit.init)
        var out = [Int64](repeating: 0, count: micros.count)
        var unknown: [Int] = []
        let validity = Column.commonValidity(columns)
        StringView.with(units) { units in
            for row in 0..<micros.count where validity?[row] != false {
                if let unit = cache(units[row]) { out[row] = unit.truncate(micros[row]) } else { unknown.append(row) }
            }
        }
        return Column(dataType: .timestamp, storage: .int64(out), validity: ArithmeticKernel.nullify(unknown, validity, count: micros.count))
    }

    /// Timestamps written per a pattern column (`date_format`, `from_unixtime`); null where the
    /// pattern does not compile.
    static func format(_ micros: [Int64], validity: Bitmap?, patterns: Column) -> Column? {
        guard let texts = patterns.stringStorage else { return nil }
        var cache = RunCache(DateTimePattern.init)
        var writer = StringColumnWriter(rows: micros.count, byteCapacity: micros.count * 20, validity: Bitmap.and(validity, patterns.validity))
        StringView.with(texts) { texts in
            for row in 0..<micros.count {
                if writer.isNull(row) { writer.endValue(); continue }
                guard let pattern = cache(texts[row]) else { writer.endNull(); continue }
                writer.append(contentsOf: pattern.format(micros[row]).utf8)
                writer.endValue()
            }
        }
        return writer.finish()
    }

    /// The timestamps (UTC microseconds) that the strings in `columns[0]` spell: per the pattern
    /// in `columns[1]` when there is one, else as `CAST(s AS TIMESTAMP)` reads them; with the
    /// rows that are null or do not parse marked in the validity.
    static func parse(_ columns: [Column]) -> (micros: [Int64], validity: Bitmap?)? {
        guard columns.count > 1 else {
            guard columns[0].dataType == .string else { return nil }
            let timestamps = CastKernel.cast(columns[0], to: .timestamp)
            return (timestamps.int64s, timestamps.validity)
        }
        guard let texts = columns[0].stringStorage, let patterns = columns[1].stringStorage else { return nil }
        var cache = RunCache(DateTimePattern.init)
        var out = [Int64](repeating: 0, count: texts.count)
        var failed: [Int] = []
        let validity = Column.commonValidity(columns)
        StringView.with([texts, patterns]) { views in
            for row in 0..<texts.count where validity?[row] != false {
                if let micros = cache(views[1][row])?.parse(String(decoding: views[0][row], as: UTF8.self)) {
                    out[row] = micros
                } else {
                    failed.append(row)
                }
            }
        }
        return (out, ArithmeticKernel.nullify(failed, validity, count: texts.count))
    }
}
