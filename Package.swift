// swift-tools-version:6.0
import PackageDescription

// A release build links the Swift runtime and Foundation into the binaries statically
// (ncurses and libc stay shared): tmux runs `warroom status --tmux` every second for each
// client, and resolving the shared Swift libraries' symbols cost about 5 ms of CPU at every
// start. Every module of ours that imports Foundation is compiled for it, so that the link
// finds what static Foundation needs. Debug builds (and so `swift run`, the tests) are as before.
let staticRuntime: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
// The executables are also linked at a fixed address (no PIE: applying the 118,000
// relocations of the static runtime's data cost 1.1 ms of the 4.8 ms of `warroom --version`)
// and export no symbols (the dynamic symbol table of 38,000 was searched at every start:
// 0.6 ms more).
let staticRuntimeLink: [LinkerSetting] = [
    .unsafeFlags(["-static-stdlib", "-Xclang-linker", "-no-pie", "-Xlinker", "--no-export-dynamic"], .when(configuration: .release)),
]

let package = Package(
    name: "warroom",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "warroom", targets: ["warroom"]),
        .library(name: "WarRoomEngine", targets: ["WarRoomEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // postgres-nio's own dependencies, named for the modules WarRoomPostgres imports.
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.29.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.6.0"),
    ],
    targets: [
        .target(
            name: "WarRoomEngine",
            dependencies: [.product(name: "Yams", package: "Yams")],
            resources: [.embedInCode("Resources/default-runbook.yaml")],
            swiftSettings: staticRuntime
        ),
        // The journal in PostgreSQL (docs/shared-store.md): kept out of the engine, which
        // imports no network code.
        .target(
            name: "WarRoomPostgres",
            dependencies: [
                "WarRoomEngine",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: staticRuntime
        ),
        .target(
            name: "WarRoomConsole",
            dependencies: ["WarRoomEngine"],
            resources: [
                .embedInCode("Resources/default.yaml"),
                .embedInCode("Resources/light.yaml"),
                .embedInCode("Resources/high-contrast.yaml"),
                .embedInCode("Resources/monochrome.yaml"),
            ],
            swiftSettings: staticRuntime
        ),
        .systemLibrary(
            name: "CNcursesw",
            pkgConfig: "ncursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(
            name: "WarRoomTerminal",
            dependencies: ["WarRoomConsole", "CNcursesw"]
        ),
        .executableTarget(
            name: "warroom",
            dependencies: [
                "WarRoomEngine",
                "WarRoomConsole",
                "WarRoomTerminal",
                "WarRoomPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: staticRuntime,
            linkerSettings: staticRuntimeLink
        ),
        .executableTarget(
            name: "warroom-bench",
            dependencies: ["WarRoomEngine", "WarRoomConsole", "WarRoomPostgres", .product(name: "PostgresNIO", package: "postgres-nio")],
            path: "Benchmarks/warroom-bench",
            swiftSettings: staticRuntime,
            linkerSettings: staticRuntimeLink
        ),
        // What the test targets share: the package's paths and a seeded random generator.
        .target(
            name: "WarRoomTestSupport",
            path: "Tests/WarRoomTestSupport"
        ),
        .testTarget(
            name: "WarRoomEngineTests",
            dependencies: ["WarRoomEngine", "WarRoomTestSupport"],
            exclude: ["Fixtures", "Snapshots"]
        ),
        .testTarget(
            name: "WarRoomConsoleTests",
            dependencies: ["WarRoomConsole", "WarRoomEngine", "WarRoomTestSupport"],
            exclude: ["Golden"]
        ),
        .testTarget(
            name: "WarRoomPostgresTests",
            dependencies: ["WarRoomPostgres", "WarRoomEngine", "WarRoomTestSupport", .product(name: "PostgresNIO", package: "postgres-nio")]
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["warroom", "WarRoomTestSupport"]
        ),
        .testTarget(
            name: "WarRoomTerminalTests",
            dependencies: ["WarRoomTerminal", "WarRoomConsole", "CNcursesw", "WarRoomTestSupport"]
        ),
    ]
)

for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
