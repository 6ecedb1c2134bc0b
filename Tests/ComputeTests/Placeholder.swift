import Testing

@Test func placeholderComputeTests() { #expect(Bool(true)) }
