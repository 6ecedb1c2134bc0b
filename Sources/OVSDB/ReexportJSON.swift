// Everything that speaks OVSDB speaks its JSON: importing OVSDB brings the JSON module with it.
@_exported import JSON
