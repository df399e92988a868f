import SluiceSpec

/// `fromS3`: the original format's object-store source, reading local paths for now.
enum FromS3 {
    static let descriptor = MethodDescriptor(
        name: "fromS3",
        type: .extract,
        inputs: .none,
        summary: "Read Parquet, CSV or JSON files in the fromS3 shape of the original format (local paths for now).",
        details: """
            Takes the keys of `fromFile` (`path`, `format`, the CSV options) in the shape pipeline files of the \
            original application write for S3. This version reads local paths (a directory, a file or a glob); \
            an `s3://` or `s3a://` address or a `bucket` is refused with an error until object storage arrives. \
            Hive-style partition directories below `path` are read as part of the dataset.
            """,
        keys: [ObjectStorePaths.bucketKey] + FromFile.descriptor.keys,
        example: """
            {
              "type": "extract",
              "method": "fromS3",
              "config": {"path": "lake/events/", "format": "parquet", "registerAs": "events"}
            }
            """,
        build: { context in
            try ObjectStorePaths.requireLocal(context)
            return try FromFile.plan(context)
        }
    )
}
