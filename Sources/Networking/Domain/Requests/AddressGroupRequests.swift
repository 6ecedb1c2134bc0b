/// `POST /v2.0/address-groups`, typed.
struct AddressGroupCreate: Sendable, Equatable {
    var owner = OwnerRequest()
    var name: String?
    var description: String?
    /// Checked as Neutron's `type:subnet_list`: each a CIDR with its prefix length.
    var addresses: [String] = []
}

/// `PUT /v2.0/address-groups/{id}`, typed: the addresses change only through the two actions.
struct AddressGroupUpdate: Sendable, Equatable {
    var name: String?
    var description: String?
}
