import SluiceEngine

/// Decides from column-chunk statistics which row groups may hold rows satisfying the scan's
/// predicates. A statistic that is missing, or whose order Sluice cannot trust (unsigned
/// 64-bit, INT96, legacy byte-array bounds), never skips anything.
enum RowGroupSkipping {
    /// The indices of the row groups worth reading.
    static func groups(_ footer: ParquetFooter, predicates: [ScanPredicate]) -> [Int] {
        let all = Array(footer.metadata.rowGroups.indices)
        guard !predicates.isEmpty else { return all }
        let columns: [(ScanPredicate, Int, ParquetTopField, ParquetTypeMapping.Conversion, DataType)] = predicates.compactMap { predicate in
            guard let field = footer.schema.fields.first(where: { $0.name.lowercased() == predicate.column }), field.isFlat,
                  case .success(let (type, conversion)) = ParquetTypeMapping.mapping(for: field, leaf: footer.schema.leaves[field.leaves.lowerBound])
            else { return nil }
            return (predicate, field.leaves.lowerBound, field, conversion, type)
        }
        return all.filter { index in
            let group = footer.metadata.rowGroups[index]
            return columns.allSatisfy { predicate, leafIndex, _, conversion, type in
                guard let meta = group.columns[leafIndex].metaData else { return true }
                let leaf = footer.schema.leaves[leafIndex]
                let bounds = self.bounds(meta.statistics, leaf: leaf, conversion: conversion, type: type)
                let floating = leaf.element.type == .float || leaf.element.type == .double
                return predicate.mayMatch(min: bounds.min, max: bounds.max, nullCount: bounds.nullCount,
                                          rowCount: Int(group.numRows), floatingPoint: floating)
            }
        }
    }

    /// The bounds and null count a chunk's statistics give, as engine values.
    static func bounds(_ statistics: ParquetStatistics?, leaf: ParquetLeaf, conversion: ParquetTypeMapping.Conversion,
                       type: DataType) -> (min: ScalarValue?, max: ScalarValue?, nullCount: Int?) {
        guard let statistics else { return (nil, nil, nil) }
        let nullCount = statistics.nullCount.map { Int($0) }
        let physical = leaf.element.type!
        // Fields 5/6 are ordered by the logical type; the legacy 1/2 only for signed numbers.
        let legacyTrusted = [.boolean, .int32, .int64, .float, .double].contains(physical)
            && conversion != .uint32ToInt64 && conversion != .uint64ToDecimal
        let minBytes = statistics.minValue ?? (legacyTrusted ? statistics.min : nil)
        let maxBytes = statistics.maxValue ?? (legacyTrusted ? statistics.max : nil)
        return (minBytes.flatMap { value($0, physical, conversion, type) },
                maxBytes.flatMap { value($0, physical, conversion, type) }, nullCount)
    }

    private static func value(_ bytes: [UInt8], _ physical: ParquetPhysicalType, _ conversion: ParquetTypeMapping.Conversion,
                              _ type: DataType) -> ScalarValue? {
        func load<T: FixedWidthInteger>(_: T.Type) -> T? {
            guard bytes.count == MemoryLayout<T>.size else { return nil }
            return bytes.withUnsafeBytes { T(littleEndian: $0.loadUnaligned(as: T.self)) }
        }
        switch (physical, conversion) {
        case (.boolean, _): return bytes.count == 1 ? .boolean(bytes[0] != 0) : nil
        case (.int32, .uint32ToInt64): return load(UInt32.self).map { .int64(Int64($0)) }
        case (.int32, .identity): return load(Int32.self).map { ScalarValue.int32($0).cast(to: type) }
        case (.int32, .decimal): return load(Int32.self).map { .decimal(DecimalValue(unscaled: Int128($0), scale: type.decimalScale)) }
        case (.int64, .decimal): return load(Int64.self).map { .decimal(DecimalValue(unscaled: Int128($0), scale: type.decimalScale)) }
        case (.byteArray, .decimal), (.fixedLenByteArray, .decimal):
            return DecimalMath.fromBigEndian(bytes).map { .decimal(DecimalValue(unscaled: $0, scale: type.decimalScale)) }
        case (.int64, .identity): return load(Int64.self).map { type.isTimestamp ? timestamp($0, type) : .int64($0) }
        case (.int64, .timestampMillis): return load(Int64.self).map { timestamp($0 &* 1000, type) }
        case (.int64, .timestampNanos): return load(Int64.self).map { timestamp(TimeUnits.microseconds(fromNanoseconds: $0), type) }
        case (.float, _): return load(UInt32.self).map { .float32(Float(bitPattern: $0)) }
        case (.double, _): return load(UInt64.self).map { .float64(Double(bitPattern: $0)) }
        case (.byteArray, .identity), (.fixedLenByteArray, .identity):
            return type == .binary ? .binary(bytes) : .string(String(decoding: bytes, as: UTF8.self))
        default: return nil
        }
    }

    private static func timestamp(_ micros: Int64, _ type: DataType) -> ScalarValue {
        type == .timestampNTZ ? .timestampNTZ(micros) : .timestamp(micros)
    }
}
