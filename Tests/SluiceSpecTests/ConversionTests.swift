import SluiceSpec
import Testing

@Suite struct ConversionTests {
    let path = JSONPath.root.appending("config").appending("k")

    func node(_ text: String) throws -> JSONNode { try JSONParser.parse(text, file: "c.json") }

    @Test func booleansAcceptStringsAsTheOriginalFilesWriteThem() throws {
        #expect(try node("true").bool(at: path))
        #expect(try node("\"TRUE\"").bool(at: path))
        #expect(try !node("\"false\"").bool(at: path))
        #expect(throws: SluiceError.self) { try node("\"yes\"").bool(at: path) }
    }

    @Test func integersAcceptNumericStringsButNotFractions() throws {
        #expect(try node("20").int(at: path) == 20)
        #expect(try node("\"20\"").int(at: path) == 20)
        #expect(try node("1e3").int(at: path) == 1000)
        #expect(throws: SluiceError.self) { try node("1.5").int(at: path) }
        #expect(throws: SluiceError.self) { try node("\"many\"").int(at: path) }
    }

    @Test func wrongTypesSayWhatWasExpectedAndFound() throws {
        do {
            _ = try node("[1]").string(at: path)
            Issue.record("an array is not a string")
        } catch let error as SluiceError {
            #expect(error.code == .wrongType)
            #expect(error.message == "expected a string, found an array")
            #expect(error.jsonPath == "$.config.k")
            #expect(error.location?.line == 1)
        }
    }

    @Test func listsAcceptOneStringOrAnArray() throws {
        #expect(try node("\"a\"").stringArray(at: path) == ["a"])
        #expect(try node("[\"a\", \"b\"]").stringArray(at: path) == ["a", "b"])
        do {
            _ = try node("[\"a\", 2]").stringArray(at: path)
            Issue.record("a number in a string list")
        } catch let error as SluiceError {
            #expect(error.jsonPath == "$.config.k[1]")
        }
    }

    @Test func mapsReadScalarsAsText() throws {
        let map = try node(#"{"a": "x", "b": 2, "c": true}"#).stringMap(at: path)
        #expect(map == ["a": "x", "b": "2", "c": "true"])
        #expect(throws: SluiceError.self) { try node(#"{"a": [1]}"#).stringMap(at: path) }
    }
}
