import SluiceSpec
import Testing

@Suite struct JSONParserTests {
    func parse(_ text: String) throws -> JSONNode { try JSONParser.parse(text, file: "t.json") }

    func failure(_ text: String) -> SluiceError? {
        do {
            _ = try parse(text)
            return nil
        } catch {
            return error as? SluiceError
        }
    }

    @Test func valuesKeepTheirLocationsAndMemberOrder() throws {
        let node = try parse("{\n  \"b\": [1, true, null],\n  \"a\": {\"x\": \"é\"}\n}")
        #expect(node.members?.map(\.key) == ["b", "a"])
        let array = try #require(node["b"]?.elements)
        #expect(array.map(\.typeName) == ["number", "boolean", "null"])
        #expect(array[1].location == SourceLocation(file: "t.json", line: 2, column: 12))
        #expect(node.members?[1].keyLocation == SourceLocation(file: "t.json", line: 3, column: 3))
        #expect(node["a"]?["x"]?.stringValue == "é")
    }

    @Test func numbersKeepTheirLiteralText() throws {
        let node = try parse(#"[9223372036854775807, -0.5e-3, 0]"#)
        #expect(node.elements?.map(\.jsonText) == ["9223372036854775807", "-0.5e-3", "0"])
    }

    @Test func escapesAndSurrogatePairsDecode() throws {
        let node = try parse(#""a\"b\\c\/\n\t\u00e9\ud83d\ude00""#)
        #expect(node.stringValue == "a\"b\\c/\n\té😀")
    }

    @Test func columnsCountCharactersNotBytes() throws {
        let node = try parse("{\"ü\": \"é\", \"k\": 1}")
        #expect(node["k"]?.location.column == 17)
    }

    @Test func aByteOrderMarkIsSkipped() throws {
        let node = try JSONParser.parse(bytes: [0xEF, 0xBB, 0xBF] + Array("{\"a\": 1}".utf8), file: "t.json")
        #expect(node["a"]?.location.column == 7)
    }

    @Test(arguments: [
        ("{\"a\": 1,}", 1, 9, "trailing comma"),
        ("[1, 2,]", 1, 7, "trailing comma"),
        ("{\"a\" 1}", 1, 6, "expected ':'"),
        ("{\"a\": tru}", 1, 7, "expected a JSON value"),
        ("{\"a\": 'x'}", 1, 7, "expected a JSON value"),
        ("{\n  \"a\": \"unterminated\n}", 2, 21, "control character"),
        ("[01]", 1, 3, "leading zero"),
        ("\"\\x\"", 1, 3, "invalid escape"),
        ("{} {}", 1, 4, "after the end"),
        ("", 1, 1, "end of file"),
        ("[1, 2", 1, 6, "expected ',' or ']'"),
    ])
    func errorsNameLineColumnAndWhatWasExpected(text: String, line: Int, column: Int, words: String) {
        let error = failure(text)
        #expect(error?.code == .invalidJSON)
        #expect(error?.location == SourceLocation(file: "t.json", line: line, column: column), "\(text)")
        #expect(error.map { $0.message.contains(words) || ($0.hint ?? "").contains(words) } == true, "\(error?.description ?? "")")
    }

    @Test func deepNestingIsRefusedNotACrash() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(failure(text)?.message.contains("nested deeper") == true)
    }

    @Test func jsonTextRoundTrips() throws {
        let text = #"{"a":[1,"x\"y",null,false],"b":{"c":"\u0001"}}"#
        #expect(try parse(text).jsonText == text)
    }

    @Test func pathsPrintAsJSONPath() {
        let path = JSONPath.root.appending("steps").appending(index: 2).appending("config").appending("a key")
        #expect(path.description == #"$.steps[2].config["a key"]"#)
    }

    @Test func suggestionsFindNearNamesOnly() {
        #expect(NameSuggester.nearest(to: "filterRow", in: ["filterRows", "fromFile"]) == "filterRows")
        #expect(NameSuggester.nearest(to: "stpes", in: ["steps", "name"]) == "steps")
        #expect(NameSuggester.nearest(to: "FROMFILE", in: ["fromFile"]) == "fromFile")
        #expect(NameSuggester.nearest(to: "xyz", in: ["fromFile", "toFile"]) == nil)
        #expect(NameSuggester.hint(for: "overwrit", in: ["overwrite", "append"]) == "did you mean 'overwrite'?")
    }
}
