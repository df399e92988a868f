import Foundation
import SluiceEngine
import SluiceFormats
import SluiceSpec
import Testing

/// Interop with the reference implementations, both ways: files fastavro and the Apache
/// avro package write (every type, every codec each offers) are read by Sluice value by
/// value, and files Sluice writes (every type, every codec) are read by both.
@Suite(.serialized) struct AvroInteropTests {
    struct Manifest {
        let directory: URL
        let files: [(file: String, library: String, codec: String, kind: String)]
        let records: [String: [JSONNode]]
    }

    /// Files written by both libraries, once per test run.
    static let manifest: Result<Manifest, any Error> = Result {
        let directory = try AvroTestSupport.temporaryDirectory()
        _ = try AvroTestSupport.python(["write", directory.path, "--rows", "150", "--seed", "17"])
        let node = try JSONParser.parse(try String(contentsOf: directory.appendingPathComponent("manifest.json"), encoding: .utf8), file: "manifest.json")
        let files = (node["files"]?.elements ?? []).map { entry in
            (entry["file"]?.stringValue ?? "", entry["library"]?.stringValue ?? "", entry["codec"]?.stringValue ?? "", entry["kind"]?.stringValue ?? "")
        }
        var records: [String: [JSONNode]] = [:]
        for member in node["records"]?.members ?? [] { records[member.key] = member.value.elements ?? [] }
        return Manifest(directory: directory, files: files, records: records)
    }

    @Test func referenceLibrariesWroteEveryCodecTheyOffer() throws {
        let manifest = try Self.manifest.get()
        let pairs = Set(manifest.files.map { "\($0.library)-\($0.codec)" })
        for codec in ["null", "deflate", "snappy", "zstandard", "bzip2", "xz"] { #expect(pairs.contains("fastavro-\(codec)")) }
        for codec in ["null", "deflate", "snappy", "zstandard", "bzip2"] { #expect(pairs.contains("avro-\(codec)")) }
    }

    @Test func filesTheReferenceLibrariesWriteAreReadValueByValue() throws {
        let manifest = try Self.manifest.get()
        #expect(manifest.files.count == 22)
        for entry in manifest.files {
            let bytes = [UInt8](try Data(contentsOf: manifest.directory.appendingPathComponent(entry.file)))
            let (header, values) = try AvroContainerWriter.values(of: bytes, file: entry.file)
            #expect(header.codec.rawValue == entry.codec)
            let expected = manifest.records[entry.kind] ?? []
            #expect(values.count == expected.count, "\(entry.file)")
            for (index, (value, reference)) in zip(values, expected).enumerated() {
                if let problem = AvroTestSupport.mismatch(value, header.schema, reference, at: "\(entry.file) record \(index)") {
                    Issue.record("\(problem)")
                    break
                }
            }
        }
    }

    @Test func engineTypedFilesTheReferenceLibrariesWriteReadAsColumns() async throws {
        let manifest = try Self.manifest.get()
        for entry in manifest.files where entry.kind == "engine" {
            let data = try Data(contentsOf: manifest.directory.appendingPathComponent(entry.file))
            let (schema, rows) = try await AvroContainerTests.read(data)
            #expect(schema.description == "flag BOOLEAN NOT NULL, small INT NOT NULL, big BIGINT, ratio FLOAT NOT NULL, amount DOUBLE, name STRING, suit STRING NOT NULL, uid STRING NOT NULL, day DATE, tms BIGINT NOT NULL, tus BIGINT NOT NULL, tsms TIMESTAMP NOT NULL, tsus TIMESTAMP, ltsms TIMESTAMP_NTZ NOT NULL, ltsus TIMESTAMP_NTZ NOT NULL, blob BINARY, price DECIMAL(12,3) NOT NULL, wide DECIMAL(38,9) NOT NULL, hash BINARY NOT NULL, dur BINARY NOT NULL")
            let expected = manifest.records["engine"] ?? []
            #expect(rows.count == expected.count)
            for (row, reference) in zip(rows, expected) {
                #expect(row == Self.engineRow(reference), "\(entry.file)")
            }
        }
    }

    @Test func schemaResolutionAgreesWithFastavro() throws {
        let manifest = try Self.manifest.get()
        let readerPath = AvroTestSupport.packageRoot.appendingPathComponent("Tests/Avro/all_types_reader.avsc").path
        let reader = try AvroSchemaParser.parse(try String(contentsOfFile: readerPath, encoding: .utf8))
        for name in ["all-fastavro-snappy.avro", "all-avro-deflate.avro"] {
            let path = manifest.directory.appendingPathComponent(name).path
            let (_, values) = try AvroContainerWriter.values(of: [UInt8](try Data(contentsOf: URL(fileURLWithPath: path))), reader: reader, file: name)
            let expected = try JSONParser.parse(try AvroTestSupport.python(["resolve", path, readerPath]), file: "resolve output").elements ?? []
            #expect(values.count == expected.count && !values.isEmpty)
            for (index, (value, reference)) in zip(values, expected).enumerated() {
                if let problem = AvroTestSupport.mismatch(value, reader, reference, at: "\(name) record \(index)") {
                    Issue.record("\(problem)")
                    break
                }
            }
        }
    }

    @Test func referenceFilesReadTheSameInManySplits() async throws {
        let manifest = try Self.manifest.get()
        var small = AvroOptions()
        small.splitSize = 700
        for name in ["engine-fastavro-deflate.avro", "engine-avro-null.avro"] {
            let data = try Data(contentsOf: manifest.directory.appendingPathComponent(name))
            #expect(data.count > 10 * small.splitSize)
            let (_, whole) = try await AvroContainerTests.read(data)
            let (_, split) = try await AvroContainerTests.read(data, options: small)
            #expect(split == whole, "\(name)")
        }
    }

    /// A raw engine-types record as the columns Sluice should read (logical types applied).
    static func engineRow(_ record: JSONNode) -> [ScalarValue] {
        func int(_ key: String) -> Int64? { record[key]?.value == .null ? nil : (record[key].flatMap { node in
            if case .number(let text) = node.value { return Int64(text) } else { return nil } }) }
        func double(_ key: String) -> ScalarValue {
            guard case .number(let text)? = record[key]?.value, let value = Double(text) else { return .null }
            return .float64(value)
        }
        func string(_ key: String) -> ScalarValue { record[key]?.stringValue.map(ScalarValue.string) ?? .null }
        func bytes(_ key: String) -> ScalarValue {
            guard let hex = record[key]?["$hex"]?.stringValue else { return .null }
            let digits = Array(hex.utf8)
            return .binary(stride(from: 0, to: digits.count, by: 2).map { UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)! })
        }
        func decimal(_ key: String, scale: Int) -> ScalarValue {
            guard let text = record[key]?["$unscaled"]?.stringValue, let unscaled = Int128(text) else { return .null }
            return .decimal(DecimalValue(unscaled: unscaled, scale: scale))
        }
        func float(_ key: String) -> ScalarValue {
            guard case .float64(let value) = double(key) else { return .null }
            return .float32(Float(value))
        }
        guard case .bool(let flag)? = record["flag"]?.value else { return [] }
        return [
            .boolean(flag), int("small").map { .int32(Int32($0)) } ?? .null, int("big").map(ScalarValue.int64) ?? .null,
            float("ratio"), double("amount"), string("name"), string("suit"), string("uid"),
            int("day").map { .date(Int32($0)) } ?? .null, int("tms").map { .int64($0 * 1000) } ?? .null,
            int("tus").map(ScalarValue.int64) ?? .null, int("tsms").map { .timestamp($0 * 1000) } ?? .null,
            int("tsus").map(ScalarValue.timestamp) ?? .null, int("ltsms").map { .timestampNTZ($0 * 1000) } ?? .null,
            int("ltsus").map(ScalarValue.timestampNTZ) ?? .null, bytes("blob"), decimal("price", scale: 3), decimal("wide", scale: 9),
            bytes("hash"), bytes("dur"),
        ]
    }

    @Test(arguments: AvroCodec.allCases)
    func filesSluiceWritesAreReadByBothLibraries(codec: AvroCodec) throws {
        let schema = try AvroSchemaParser.parse(AvroSchemaFixtures.allTypes)
        var generator = AvroValueGenerator(random: SeededGenerator(seed: 40 + UInt64(AvroCodec.allCases.firstIndex(of: codec)!)))
        let values = (0..<120).map { _ in generator.value(schema) }
        var writer = AvroContainerWriter(schema: schema, codec: codec, blockSize: 3000)
        for value in values { try writer.append(value) }
        let directory = try AvroTestSupport.temporaryDirectory()
        defer { if ProcessInfo.processInfo.environment["KEEP_AVRO"] == nil { try? FileManager.default.removeItem(at: directory) } }
        let file = directory.appendingPathComponent("sluice-\(codec.rawValue).avro")
        try Data(try writer.finish()).write(to: file)
        let output = try JSONParser.parse(try AvroTestSupport.python(["read", file.path]), file: "read output")
        for library in ["fastavro", "avro"] {
            guard let records = output[library]?.elements else {
                // The avro package has no xz codec.
                #expect(library == "avro" && codec == .xz, "\(library) did not read \(codec)")
                continue
            }
            #expect(records.count == values.count)
            for (index, (value, record)) in zip(values, records).enumerated() {
                if let problem = AvroTestSupport.mismatch(value, schema, record, at: "\(library) \(codec) record \(index)") {
                    Issue.record("\(problem)")
                    break
                }
            }
        }
    }
}

/// Parsing Canonical Form and fingerprints agree with the reference libraries.
@Suite struct AvroCanonicalFormInteropTests {
    @Test(arguments: ["all_types.avsc", "engine_types.avsc", "names.avsc"])
    func canonicalFormsAndFingerprintsMatch(file: String) throws {
        let path = AvroTestSupport.packageRoot.appendingPathComponent("Tests/Avro/\(file)").path
        let schema = try AvroSchemaParser.parse(try String(contentsOfFile: path, encoding: .utf8))
        let output = try JSONParser.parse(try AvroTestSupport.python(["canonical", path]), file: "canonical output")
        // The avro package keeps logical types in its canonical form, unlike the specification
        // and fastavro: it is compared only on schemas without them. (Both Python libraries also
        // spell out a fixed type again where it is referred to a second time, where the Java
        // reference writes its name, as Sluice does; the schemas here do not do that.)
        let libraries = file == "names.avsc" ? ["fastavro", "avro"] : ["fastavro"]
        for library in libraries {
            #expect(output[library]?["canonical"]?.stringValue == schema.canonicalForm, "\(library)")
            #expect(output[library]?["fingerprint"]?.stringValue == String(schema.fingerprint), "\(library)")
        }
    }
}
