/// Conversions between the time units of Parquet timestamps and the engine's microseconds.
enum TimeUnits {
    /// Nanoseconds to microseconds, rounded toward negative infinity (no overflow at Int64.min).
    static func microseconds(fromNanoseconds value: Int64) -> Int64 {
        let quotient = value / 1000
        return value % 1000 < 0 ? quotient - 1 : quotient
    }
}
