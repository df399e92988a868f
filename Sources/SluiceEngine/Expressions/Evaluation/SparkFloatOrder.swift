/// Spark's order of floating-point values, which is total, unlike IEEE 754's: NaN equals NaN
/// and is greater than every other value, positive infinity included; -0.0 equals 0.0.
/// Comparisons (`=`, `<`, `<=>`, IN, BETWEEN, CASE), sorting, `min` and `max`, and `greatest`
/// and `least` all follow it, as grouping and joins do.
enum SparkFloatOrder {
    @inline(__always)
    static func equal<T: FloatingPoint>(_ a: T, _ b: T) -> Bool { a == b || (a.isNaN && b.isNaN) }

    @inline(__always)
    static func less<T: FloatingPoint>(_ a: T, _ b: T) -> Bool { a < b || (b.isNaN && !a.isNaN) }

    @inline(__always)
    static func lessOrEqual<T: FloatingPoint>(_ a: T, _ b: T) -> Bool { a <= b || b.isNaN }

    /// -1, 0 or 1 as `a` sorts before, with or after `b`.
    @inline(__always)
    static func compare<T: FloatingPoint>(_ a: T, _ b: T) -> Int { less(a, b) ? -1 : less(b, a) ? 1 : 0 }
}
