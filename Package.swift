// swift-tools-version:6.1
import PackageDescription

/// Sluice: a data pipeline tool. Targets are layered, each importing only those before it:
/// SluiceSpec → SluiceEngine → (SluiceCompression) → SluiceFormats → SluiceDelta → SluiceConnectors → SluiceSpark → SluiceRuntime → sluice.
let package = Package(
    name: "sluice",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sluice", targets: ["sluice"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
    ],
    targets: [
        .target(name: "CFileSystem"),
        .target(name: "CByteClasses"),
        .systemLibrary(name: "CSnappy", providers: [.apt(["libsnappy-dev"])]),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd", providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(name: "CLZ4", pkgConfig: "liblz4", providers: [.apt(["liblz4-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CBzip2", providers: [.apt(["libbz2-dev"])]),
        .systemLibrary(name: "CLZMA", pkgConfig: "liblzma", providers: [.apt(["liblzma-dev"])]),
        .systemLibrary(name: "CMariaDB", providers: [.apt(["libmariadb-dev"])]),
        .target(
            name: "SluiceCompression",
            dependencies: ["SluiceSpec", "CSnappy", "CZstd", "CLZ4", "CZlib", "CBzip2", "CLZMA"],
            linkerSettings: [
                // Debian's static libsnappy: its shared build calls an exported helper through
                // the PLT for every element it decodes, which costs Parquet scans a sixth of
                // their decompression time.
                .linkedLibrary(":libsnappy.a", .when(platforms: [.linux])),
                .linkedLibrary("snappy", .when(platforms: [.macOS])),
                .linkedLibrary("stdc++", .when(platforms: [.linux])),
            ]
        ),
        .target(name: "SluiceSpec"),
        .target(name: "SluiceEngine", dependencies: ["SluiceSpec"]),
        .target(name: "SluiceFormats", dependencies: ["SluiceEngine", "SluiceSpec", "SluiceCompression", "CByteClasses"]),
        .target(name: "SluiceDelta", dependencies: ["SluiceEngine", "SluiceFormats"]),
        .target(
            name: "SluiceConnectors",
            dependencies: [
                "SluiceEngine", "SluiceFormats", "SluiceDelta", "SluiceSpec", "CFileSystem", "CMariaDB",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "SluiceSpark", dependencies: ["SluiceEngine", "SluiceSpec"]),
        .target(
            name: "SluiceRuntime",
            dependencies: [
                "SluiceSpec", "SluiceEngine", "SluiceFormats", "SluiceDelta", "SluiceConnectors", "SluiceSpark",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
            ]
        ),
        .executableTarget(
            name: "sluice",
            dependencies: [
                "SluiceRuntime",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(name: "SluiceSpecTests", dependencies: ["SluiceSpec"]),
        .testTarget(name: "SluiceEngineTests", dependencies: ["SluiceEngine"]),
        .testTarget(name: "SluiceCompressionTests", dependencies: ["SluiceCompression"]),
        .testTarget(name: "SluiceFormatsTests", dependencies: ["SluiceFormats"]),
        .testTarget(name: "SluiceDeltaTests", dependencies: ["SluiceDelta"]),
        .testTarget(name: "SluiceConnectorsTests", dependencies: ["SluiceConnectors"]),
        .testTarget(name: "SluiceRuntimeTests", dependencies: ["SluiceRuntime"]),
        .testTarget(name: "SluiceCLITests", dependencies: ["sluice"]),
        .testTarget(
            name: "SluiceIntegrationTests",
            dependencies: ["SluiceConnectors", "SluiceRuntime", "sluice", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
    ]
)
