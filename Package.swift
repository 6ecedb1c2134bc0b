// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "OVNStack",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "ovnstack", targets: ["ovnstack"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-crypto.git", from: "3.12.3"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
    ],
    targets: [
        // One JSON value, parser and serializer for the whole project: exact integers, ordered objects, depth limit.
        .target(name: "JSON"),
        // RFC 7047 client: transport, JSON-RPC, schema, values, transactions, monitored replica.
        .target(name: "OVSDB", dependencies: [
            "JSON",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // IPv4 and IPv6 addresses and networks: parsing, formatting, arithmetic (IPAM, the cluster underlay).
        .target(name: "Addressing"),
        // Runs external programs: to completion with their output, or in the background (Deploy, test support).
        .target(name: "ProgramRunner"),
        // Typed rows of the OVN NB/SB and Open_vSwitch tables, generated from the installed schemas.
        .target(name: "OVNModel", dependencies: ["OVSDB"]),
        // Generates Sources/OVNModel/Generated from /usr/share/{ovn,openvswitch}/*.ovsschema.
        .executableTarget(name: "ovsdb-modelgen", dependencies: ["OVSDB"]),
        // Shared OpenStack HTTP conventions: errors, request ids, versions, pagination, tokens, policy.
        .target(name: "OpenStackAPI", dependencies: [
            "JSON",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Keystone v3 subset.
        .target(name: "Identity", dependencies: [
            "OpenStackAPI", "ServiceDatabase",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Neutron v2.0 with ML2/OVN semantics: resources, IPAM, the OVN driver (NB translation).
        .target(name: "Networking", dependencies: [
            "Addressing", "OVSDB", "OVNModel", "OpenStackAPI", "ServiceDatabase",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // How every API service opens its SQLite database (WAL, durability, busy wait, migrations).
        .target(name: "ServiceDatabase", dependencies: [.product(name: "GRDB", package: "GRDB.swift")]),
        // Glance v2 subset: image records, uploads with their hashes, downloads.
        .target(name: "Image", dependencies: [
            "OpenStackAPI", "ProgramRunner", "ServiceDatabase",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Nova v2.1 subset: flavors, keypairs, servers and their actions, the scheduler, the agents' channel.
        .target(name: "Compute", dependencies: [
            "OpenStackAPI", "ServiceDatabase",
            .product(name: "GRDB", package: "GRDB.swift"),
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "_CryptoExtras", package: "swift-crypto"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The secret the metadata agents and nova-metadata share, and the instance id signature it makes.
        .target(name: "MetadataSecret", dependencies: [.product(name: "Crypto", package: "swift-crypto")]),
        // nova-metadata: EC2 and OpenStack metadata for instances, behind the metadata agents' signed requests.
        .target(name: "Metadata", dependencies: [
            "OpenStackAPI", "MetadataSecret",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HTTPTypes", package: "swift-http-types"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The OVN metadata agent of one node: ovnmeta namespaces on the networks' localports, the 169.254.169.254 proxy.
        .target(name: "MetadataAgent", dependencies: [
            "Addressing", "OVSDB", "OVNModel", "ProgramRunner", "MetadataSecret",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOPosix", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The compute agent of one node: instances as runc containers, VIFs plugged into br-int, console logs.
        .target(name: "ComputeAgent", dependencies: [
            "OpenStackAPI", "OVSDB", "OVNModel", "ProgramRunner",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Cluster spec, local node driver, OVS/OVN bootstrap, containers, supervisor, preflight.
        .target(name: "Deploy", dependencies: [
            "Addressing", "OVSDB", "OVNModel", "ProgramRunner",
            .product(name: "Yams", package: "Yams"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .executableTarget(name: "ovnstack", dependencies: [
            "OVSDB", "Deploy", "Identity", "Image", "Networking", "Compute", "ComputeAgent", "Metadata", "MetadataAgent", "OpenStackAPI",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .target(name: "OVSDBTestSupport", dependencies: ["OVSDB", "ProgramRunner"], path: "Tests/OVSDBTestSupport"),
        .testTarget(name: "JSONTests", dependencies: ["JSON"]),
        .testTarget(name: "OVSDBTests", dependencies: [
            "OVSDB", "OVSDBTestSupport", "ProgramRunner",
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOEmbedded", package: "swift-nio"),
        ]),
        .testTarget(name: "OVNModelTests", dependencies: ["OVNModel", "OVSDBTestSupport"]),
        // One client for every API test: in-process services (Identity, Networking on a real NB), real processes, live URLs.
        .target(name: "OpenStackAPITesting", dependencies: [
            "OpenStackAPI", "Identity", "Networking", "OVSDB", "OVNModel", "OVSDBTestSupport", "ProgramRunner",
            .product(name: "AsyncHTTPClient", package: "async-http-client"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "NIOHTTP1", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ], path: "Tests/OpenStackAPITesting"),
        .testTarget(name: "OpenStackAPITests", dependencies: [
            "OpenStackAPI", "OpenStackAPITesting",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .testTarget(name: "NetworkingTests", dependencies: ["Networking", "Addressing", "OVNModel", "OVSDB", "OVSDBTestSupport", "OpenStackAPI", "OpenStackAPITesting"]),
        .testTarget(name: "IdentityTests", dependencies: ["Identity", "OpenStackAPI", "OpenStackAPITesting"]),
        // Seeded, bounded, stateful fuzzing of the real `ovnstack serve identity|network` processes.
        .testTarget(name: "APIFuzzTests", dependencies: ["OpenStackAPI", "OpenStackAPITesting", "OVSDB", "OVNModel", "OVSDBTestSupport"]),
        .testTarget(name: "ComputeTests", dependencies: ["Compute", "OpenStackAPI", "OpenStackAPITesting", "ProgramRunner"]),
        .testTarget(name: "ComputeAgentTests", dependencies: ["ComputeAgent", "Image", "OpenStackAPI", "OpenStackAPITesting", "OVSDBTestSupport", "ProgramRunner"]),
        .testTarget(name: "MetadataTests", dependencies: ["Metadata", "MetadataSecret", "OpenStackAPI", "OpenStackAPITesting"]),
        .testTarget(name: "MetadataAgentTests", dependencies: [
            "MetadataAgent", "MetadataSecret", "OpenStackAPI", "OpenStackAPITesting", "OVSDB", "OVNModel", "OVSDBTestSupport", "ProgramRunner",
            .product(name: "Crypto", package: "swift-crypto"),
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "NIOCore", package: "swift-nio"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "ImageTests", dependencies: ["Image", "ProgramRunner"]),
        .testTarget(name: "ProgramRunnerTests", dependencies: ["ProgramRunner"]),
        .testTarget(name: "DeployTests", dependencies: ["Deploy", "Addressing", "ProgramRunner", "OVSDBTestSupport", "OpenStackAPITesting"]),
        // Benchmarks: built with `make bench`, never part of `make test`.
        .executableTarget(name: "ovsdb-bench", dependencies: ["OVSDB", "OVNModel", "OVSDBTestSupport", "ProgramRunner"], path: "bench/ovsdb-bench"),
    ]
)
