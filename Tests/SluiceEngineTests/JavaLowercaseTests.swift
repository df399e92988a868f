import SluiceEngine
import Testing

/// `lower` and `initcap` write a capital sigma that ends a word as `ς`, as Spark (Java) does.
@Suite struct JavaLowercaseTests {
    let schema = Schema([Field("s", .string)])

    func evaluate(_ expression: String, _ values: [String]) throws -> [ScalarValue] {
        try RecordBatch.of(schema, rows: values.map { [.string($0)] }).evaluate(expression)
    }

    @Test func finalSigmaEndsWordsInLowerCase() throws {
        let inputs = ["ΟΔΟΣ", "ΣΑΣ ΣΟΣ.", "Σ", "ΑΣ'Α", "ΑΣ'", "ΟΔΟΣ2", "ABC", "ÀΣ"]
        let expected = ["οδος", "σας σος.", "σ", "ασ'α", "ας'", "οδος2", "abc", "àς"]
        #expect(try evaluate("lower(s)", inputs) == expected.map(ScalarValue.string))
        #expect(try evaluate("lcase(s)", inputs) == expected.map(ScalarValue.string))
        #expect(try evaluate("lower(s)", ["ΟΔΟΣ"]) == [.string("οδος")])
        #expect(try evaluate("initcap(s)", ["ΟΔΟΣ ΣΟΦΟΣ", "ΣΟΦΟΣ"]) == [.string("Οδος Σοφος"), .string("Σοφος")])
    }
}
