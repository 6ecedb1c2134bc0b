import Testing

@Test func placeholderMetadataAgentTests() { #expect(Bool(true)) }
