@testable import SluiceEngine
import Testing

/// Values compare as Spark compares them: NaN equals NaN and sorts above every number, at any
/// depth; everything else as `==` and the type's order say.
@Suite struct ScalarOrderingTests {
    let nan = ScalarValue.float64(.nan)

    @Test func nanEqualsNaNInsideArraysMapsAndStructs() {
        #expect(ScalarOrdering.same(nan, nan))
        #expect(ScalarOrdering.same(.float32(.nan), .float32(.nan)))
        #expect(ScalarOrdering.same(.float64(-0.0), .float64(0.0)))
        #expect(!ScalarOrdering.same(nan, .float64(1)))
        #expect(ScalarOrdering.same(.array([.int32(1), nan]), .array([.int32(1), nan])))
        #expect(!ScalarOrdering.same(.array([.int32(1), nan]), .array([.int32(1), nan, nan])))
        #expect(ScalarOrdering.same(.struct([nan, .string("a")]), .struct([nan, .string("a")])))
        #expect(ScalarOrdering.same(.map(keys: [.string("k")], values: [nan]), .map(keys: [.string("k")], values: [nan])))
        #expect(!ScalarOrdering.same(.map(keys: [.string("k")], values: [nan]), .map(keys: [.string("j")], values: [nan])))
        #expect(!ScalarOrdering.same(.map(keys: [.string("k")], values: [.int32(1)]), .map(keys: [.string("k")], values: [.int32(2)])))
        #expect(ScalarOrdering.same(.null, .null))
        #expect(!ScalarOrdering.same(.null, nan))
    }

    @Test func nanSortsAboveInfinityAtAnyDepth() {
        #expect(ScalarOrdering.less(.float64(.infinity), nan))
        #expect(!ScalarOrdering.less(nan, .float64(.infinity)))
        #expect(!ScalarOrdering.less(nan, nan))
        #expect(ScalarOrdering.less(.array([.float64(1), .float64(.infinity)]), .array([.float64(1), nan])))
        #expect(!ScalarOrdering.less(.array([nan, .int32(1)]), .array([nan, .int32(1)])))
        #expect(ScalarOrdering.less(.array([nan, .int32(1)]), .array([nan, .int32(2)])))
    }
}
