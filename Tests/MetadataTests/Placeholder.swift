import Testing

@Test func placeholderMetadataTests() { #expect(Bool(true)) }
