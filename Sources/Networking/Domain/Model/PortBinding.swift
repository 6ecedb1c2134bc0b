/// One of a port's bindings to a host (`binding-extended`). The active binding is the port's own
/// `binding:host_id`, `binding:vnic_type` and `binding:profile`; the others wait, `INACTIVE`, as Nova makes one on a
/// live migration's destination and activates it when the guest has moved.
struct PortBinding: Codable, Sendable, Hashable {
    /// `ACTIVE` (the port's binding, which OVN's `requested-chassis` follows) or `INACTIVE`.
    enum Status: String, Sendable {
        case active = "ACTIVE", inactive = "INACTIVE"
    }

    var host: String
    var vnicType: String
    /// `profile` as JSON text.
    var profile: String
    /// Whether the OVN driver bound it (`vif_type` `ovs`). ML2 clears the binding an activation deactivates, so that
    /// one stays `unbound`.
    var bound: Bool
}

extension Port {
    /// The binding the port's own attributes make.
    var activeBinding: PortBinding {
        PortBinding(host: hostID, vnicType: vnicType, profile: profile, bound: !hostID.isEmpty)
    }

    /// Every binding with its status, the active one first (Neutron's order: the active row is the port's first).
    var bindings: [(binding: PortBinding, status: PortBinding.Status)] {
        [(activeBinding, .active)] + (inactiveBindings ?? []).map { ($0, .inactive) }
    }

    /// Makes `b` the port's own binding.
    mutating func adopt(_ b: PortBinding) {
        hostID = b.host
        vnicType = b.vnicType
        profile = b.profile
    }

    /// The binding on `host`, if the port has one there.
    func binding(on host: String) -> (binding: PortBinding, status: PortBinding.Status)? {
        bindings.first { $0.binding.host == host }
    }
}
