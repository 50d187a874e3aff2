// swift-tools-version:6.0
import Foundation
import PackageDescription

// scripts/fuzz.sh builds with FUZZ=1: the project's own modules get libFuzzer's coverage and AddressSanitizer, and
// the `fuzz` runner becomes libFuzzer's entry; the dependencies are built as always, so their build is reused.
let fuzzing = ProcessInfo.processInfo.environment["FUZZ"] != nil
let instrumented: [SwiftSetting] = fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"])] : []

let package = Package(
    name: "consultation",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "sitegen", targets: ["sitegen"]),
        .executable(name: "collector", targets: ["collector"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        // 4.x: jwt-kit needs it.
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.20.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.0.0"),
        // Only for the SQLite it vendors (module `VaporCSQLite`, which is no product of its own); its NIO layer is unused.
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        // The credential issuer checks OpenID Connect ID tokens against the provider's JWKS with it.
        .package(url: "https://github.com/vapor/jwt-kit", from: "5.0.0"),
    ],
    targets: [
        .systemLibrary(name: "CMarkGFM", pkgConfig: "libcmark-gfm", providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),
        // A VFS that writes each commit's WAL frames with one system call; C, as SQLite's VFS interface is.
        .target(name: "CWALBuffer", dependencies: [.product(name: "SQLiteNIO", package: "sqlite-nio")]),
        // SQLite's defensive settings for files someone else wrote; C, as sqlite3_db_config is variadic.
        .target(name: "CSQLiteGuard", dependencies: [.product(name: "SQLiteNIO", package: "sqlite-nio")]),
        .target(
            name: "Model",
            dependencies: [.product(name: "Crypto", package: "swift-crypto"), .product(name: "_CryptoExtras", package: "swift-crypto")],
            swiftSettings: instrumented
        ),
        .target(
            name: "SiteKit",
            dependencies: [
                "Model", "CMarkGFM", "Yams",
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: instrumented
        ),
        .executableTarget(
            name: "sitegen",
            dependencies: ["SiteKit", "Model", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        .target(
            name: "CollectorKit",
            dependencies: [
                "Model", "CWALBuffer", "CSQLiteGuard", .product(name: "SQLiteNIO", package: "sqlite-nio"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOHTTPTypesHTTP1", package: "swift-nio-extras"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "JWTKit", package: "jwt-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The documents a recount needs go into every audit bundle from the binary itself (symlinks to docs/).
            resources: [.embedInCode("Publish/Documents/AUDIT.md"), .embedInCode("Publish/Documents/BALLOT.md"),
                        .embedInCode("Publish/Documents/COUNTING.md")],
            swiftSettings: instrumented
        ),
        .executableTarget(
            name: "collector",
            dependencies: [
                "CollectorKit", "Model",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "bench-bare",
            dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            path: "Benchmarks/BareHandler"
        ),
        .executableTarget(
            name: "bench-ballots",
            dependencies: ["Model"],
            path: "Benchmarks/BallotGenerator"
        ),
        .executableTarget(
            name: "ballot-vectors",
            dependencies: ["Model", .product(name: "Crypto", package: "swift-crypto")],
            path: "Tests/Vectors/Generator"
        ),
        .executableTarget(
            name: "bench-teller",
            dependencies: ["CollectorKit", "Model", .product(name: "Crypto", package: "swift-crypto")],
            path: "Benchmarks/TellerGenerator"
        ),
        .executableTarget(
            name: "bench-signatures",
            dependencies: ["Model", .product(name: "Crypto", package: "swift-crypto")],
            path: "Benchmarks/SignatureCheck"
        ),
        // The parsers a stranger's bytes reach, one fuzzing target each (Fuzz/, scripts/fuzz.sh).
        .target(
            name: "FuzzTargets",
            dependencies: ["CollectorKit", "SiteKit", "Model", .product(name: "HTTPTypes", package: "swift-http-types")],
            path: "Fuzz/Targets",
            swiftSettings: instrumented
        ),
        .executableTarget(
            name: "fuzz",
            dependencies: ["FuzzTargets"],
            path: "Fuzz/Runner",
            swiftSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address"]), .define("FUZZING")] : [],
            // lld: gold fails with an internal error on this link.
            linkerSettings: fuzzing ? [.unsafeFlags(["-sanitize=fuzzer,address", "-use-ld=lld"])] : []
        ),
        .testTarget(name: "FuzzTests", dependencies: ["FuzzTargets"]),
        .testTarget(name: "ModelTests", dependencies: ["Model"]),
        .testTarget(
            name: "CollectorKitTests",
            dependencies: ["CollectorKit", "Model", "SiteKit", .product(name: "SQLiteNIO", package: "sqlite-nio"), .product(name: "HummingbirdTesting", package: "hummingbird"),
                           .product(name: "NIOEmbedded", package: "swift-nio"), .product(name: "NIOHTTP1", package: "swift-nio"),
                           .product(name: "JWTKit", package: "jwt-kit"), .product(name: "_CryptoExtras", package: "swift-crypto")]
        ),
        .testTarget(
            name: "SiteKitTests",
            dependencies: ["SiteKit", "Model", .product(name: "HummingbirdTesting", package: "hummingbird")]
        ),
    ],
    swiftLanguageModes: [.v5]
)
