import SluiceSpec

/// `toS3`: the original format's object-store sink, writing local paths for now.
enum ToS3 {
    static let descriptor = MethodDescriptor(
        name: "toS3",
        type: .load,
        inputs: .one,
        summary: "Write Parquet, CSV or JSON files in the toS3 shape of the original format (local paths for now).",
        details: """
            Takes the keys of `toFile` (`path`, `format`, `mode`, `partitionBy`, `compression`, `targetFileSize`) \
            in the shape pipeline files of the original application write for S3, and writes the same way: \
            staged, then committed atomically when the run succeeds. This version writes local paths; an \
            `s3://` or `s3a://` address or a `bucket` is refused with an error until object storage arrives.
            """,
        keys: [ObjectStorePaths.bucketKey] + ToFile.descriptor.keys,
        example: """
            {
              "type": "load",
              "method": "toS3",
              "config": {
                "path": "lake/events/",
                "format": "parquet",
                "partitionBy": ["year", "month", "day"],
                "compression": "snappy",
                "mode": "append"
              }
            }
            """,
        build: { context in
            try ObjectStorePaths.requireLocal(context)
            return try ToFile.plan(context)
        }
    )
}
