import Foundation
import OVSDB

// ovsdb-modelgen NAMESPACE SCHEMA OUTPUT TABLE...
// Writes typed rows (TableModel) for the given tables of an installed .ovsschema, like libovsdb's modelgen.
let arguments = CommandLine.arguments
guard arguments.count >= 5 else {
    FileHandle.standardError.write(Data("usage: ovsdb-modelgen NAMESPACE SCHEMA OUTPUT TABLE...\n".utf8))
    exit(2)
}
do {
    let schema = try DatabaseSchema(contentsOf: arguments[2])
    let source = try ModelGenerator(schema: schema, namespace: arguments[1], schemaPath: arguments[2])
        .generate(tables: Array(arguments[4...]))
    try source.write(toFile: arguments[3], atomically: true, encoding: .utf8)
} catch {
    FileHandle.standardError.write(Data("ovsdb-modelgen: \(error)\n".utf8))
    exit(1)
}
