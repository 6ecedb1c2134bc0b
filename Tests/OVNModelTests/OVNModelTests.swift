import Testing
@testable import OVNModel
