// swift-tools-version:6.0
import PackageDescription

// A release build links every executable fully statically: the Swift runtime, Foundation,
// ncurses and libc all go into the binary. tmux runs `warroom status --tmux` every second
// for each client, and a dynamic start cost time before `main`: resolving the shared Swift
// libraries' symbols (about 5 ms), then, with a static Swift runtime, applying its 118,000
// relocations as a position-independent executable (1.1 ms) and searching its exported
// dynamic symbol table (0.6 ms), then loading libc, libstdc++ and ncurses (0.7 ms: a static
// "hello world" starts in 0.43 ms here, one with only a static Swift runtime in 1.0 ms).
// Static glibc warns at link time that getpwuid and dlopen need the same glibc at run time;
// the binary is built on the machine that runs it. Every module of ours that imports
// Foundation is compiled for it, so that the link finds what static Foundation needs. Debug
// builds (and so `swift run`, the tests) are as before.
let staticRuntime: [SwiftSetting] = [.unsafeFlags(["-static-stdlib"], .when(configuration: .release))]
let staticRuntimeLink: [LinkerSetting] = [
    .unsafeFlags(["-static-executable", "-Xlinker", "--no-export-dynamic"], .when(configuration: .release)),
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
