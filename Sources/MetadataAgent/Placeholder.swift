/// Placeholder until the module's first room lands.
enum MetadataAgentModule {}
