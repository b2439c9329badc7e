// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "cati",
    products: [
        .executable(name: "cati", targets: ["cati"]),
        .library(name: "CatiCore", targets: ["CatiCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.3"),
    ],
    targets: [
        // The language, the engine and the quota rules: no files, no terminal.
        .target(name: "CatiCore"),
        // The data folder: JSONL records, per-interview journals, quota places, locks.
        .target(name: "CatiStore", dependencies: ["CatiCore"]),
        // PostgreSQL as an InterviewStore (`--store postgres://…`), for several hosts.
        .target(
            name: "CatiPostgres",
            dependencies: [
                "CatiCore", "CatiStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // ncursesw, wide-character API (see Sources/CNcursesw/shim.h).
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
        // The screens: pure views (rows of text) plus the only code that calls curses.
        .target(name: "CatiTUI", dependencies: ["CatiCore", "CatiStore", "CNcursesw"]),
        // The edge: argument parsing and I/O.
        .executableTarget(
            name: "cati",
            dependencies: [
                "CatiCore", "CatiStore", "CatiTUI", "CatiPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Benchmarks run by hand (bench/run): engine step, commit latency, screen build.
        .executableTarget(name: "cati-bench", dependencies: ["CatiCore", "CatiStore", "CatiTUI", "CatiPostgres"]),
        // What the tests share: the cati executable, scratch folders, questionnaires from
        // text, the completes oracle.
        .target(name: "CatiTestSupport", dependencies: ["CatiCore"], path: "Tests/CatiTestSupport"),
        .testTarget(name: "CatiCoreTests", dependencies: ["CatiCore", "CatiTestSupport"], exclude: ["Corpus"]),
        .testTarget(name: "CatiStoreTests", dependencies: ["CatiCore", "CatiStore", "CatiPostgres", "CatiTestSupport"]),
        .testTarget(name: "CatiTUITests", dependencies: ["CatiCore", "CatiTUI", "CatiTestSupport"]),
        .testTarget(name: "CatiCLITests", dependencies: ["cati", "CatiCore", "CatiTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
