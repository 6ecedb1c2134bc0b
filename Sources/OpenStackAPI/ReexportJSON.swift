// API bodies are JSON: importing OpenStackAPI brings the JSON module with it.
@_exported import JSON
