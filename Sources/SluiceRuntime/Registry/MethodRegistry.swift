import SluiceSpec

/// The one list of step methods. `sluice methods`, `sluice validate`, the planner and the
/// generated reference docs all read it.
public struct MethodRegistry: Sendable {
    /// The methods, in documentation order.
    public let methods: [MethodDescriptor]

    public init(_ methods: [MethodDescriptor]) {
        self.methods = methods
    }

    /// Every method this build of Sluice provides.
    public static let standard = MethodRegistry([
        FromFile.descriptor,
        FromAvro.descriptor,
        FromPostgres.descriptor,
        FromMySQL.descriptor,
        FromS3.descriptor,
        FromDeltaLake.descriptor,
        FilterRows.descriptor,
        EnrichData.descriptor,
        SelectColumns.descriptor,
        DropColumns.descriptor,
        RenameColumns.descriptor,
        AggregateData.descriptor,
        JoinDataFrames.descriptor,
        UnionDataFrames.descriptor,
        Deduplicate.descriptor,
        SortData.descriptor,
        LimitRows.descriptor,
        Repartition.descriptor,
        RepartitionByColumns.descriptor,
        Coalesce.descriptor,
        Cache.descriptor,
        ReshapeData.descriptor,
        SQL.descriptor,
        ToAvroSchema.descriptor,
        EvolveAvroSchema.descriptor,
        ToFile.descriptor,
        ToAvro.descriptor,
        ToPostgres.descriptor,
        ToMySQL.descriptor,
        ToS3.descriptor,
        ToDeltaLake.descriptor,
        DeltaMaintenance.descriptor,
    ])

    /// The method named `name` (exact, case-sensitive as in pipeline files).
    public func method(named name: String) -> MethodDescriptor? {
        methods.first { $0.name == name }
    }

    /// Why `name` is not a method here, with the nearest name users may have meant.
    public func unknownMethodError(_ name: String, type: StepType, location: SourceLocation, path: JSONPath) -> SluiceError {
        if let planned = PlannedMethods.names[name] {
            return SluiceError(
                .unsupported, "the \(planned.rawValue) method '\(name)' belongs to the pipeline format but is not available in this version of Sluice",
                location: location, jsonPath: path.description,
                hint: "available \(type.rawValue) methods: \(names(of: type).joined(separator: ", "))")
        }
        let candidates = methods.map(\.name) + PlannedMethods.names.keys.sorted()
        let sameType = names(of: type)
        return SluiceError(
            .unknownMethod, "unknown method '\(name)'", location: location, jsonPath: path.description,
            hint: NameSuggester.hint(for: name, in: candidates)
                ?? "\(type.rawValue) methods: \(sameType.isEmpty ? "none yet" : sameType.joined(separator: ", ")); `sluice methods` lists them all")
    }

    /// The names of the methods of one type.
    public func names(of type: StepType) -> [String] {
        methods.filter { $0.type == type }.map(\.name)
    }
}

/// Methods of the original pipeline format that this build does not provide yet. Naming them
/// lets Sluice tell "not available yet" from a typo.
enum PlannedMethods {
    static let names: [String: StepType] = {
        var names: [String: StepType] = [:]
        for name in ["fromKafka", "fromParquet"] {
            names[name] = .extract
        }
        for name in ["repartition", "repartitionByColumns", "coalesce"] {
            names[name] = .transform
        }
        for name in ["validateSchema", "validateNulls", "validateRanges", "validateReferentialIntegrity",
                     "validateBusinessRules"] {
            names[name] = .validate
        }
        for name in ["toKafka"] {
            names[name] = .load
        }
        return names
    }()
}
