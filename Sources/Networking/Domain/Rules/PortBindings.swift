import OpenStackAPI

/// `binding-extended`: a compute port's bindings to hosts, as ML2 keeps them — one `ACTIVE` (the port's own binding,
/// which OVN's `requested-chassis` follows), any number `INACTIVE`, one per host; activating one swaps it with the
/// active one, which stays as an unbound `INACTIVE` binding until deleted (Nova's live migration deletes the source's).
extension NetworkingRules {
    func createPortBinding(_ portID: String, _ r: PortBindingRequest, _ auth: AuthContext) throws(NetworkingError) -> Decision<PortBinding> {
        var p = try state.bindingPort(portID, auth, action: "create_port_binding")
        guard let host = r.host else { throw .badRequest("Failed to parse request. Required attribute 'host' not specified") }
        if p.binding(on: host) != nil { throw Self.bindingExists(portID, host) }
        // ML2 binds the new binding as it would the port; there is always an active one (unbound, host ""), so it waits.
        let vnicType = try checkedVNICType(r.vnicType, attribute: "vnic_type") ?? "normal"
        let binding = PortBinding(host: host, vnicType: vnicType, profile: r.profile ?? "{}", bound: !host.isEmpty)
        p.inactiveBindings = (p.inactiveBindings ?? []) + [binding]
        // A binding revises its port (ML2's `revises_on_change`).
        p.std.bump()
        return Decision(batch: Batch(ports: [p]), result: binding)
    }

    /// A binding's vnic type or profile (or host) changed; for the active one, the port's.
    func updatePortBinding(_ portID: String, host: String, _ r: PortBindingRequest, _ auth: AuthContext) throws(NetworkingError)
        -> Decision<(PortBinding, PortBinding.Status)> {
        var p = try state.bindingPort(portID, auth, action: "update_port_binding")
        guard let (current, status) = p.binding(on: host) else { throw Self.bindingNotFound(portID, host) }
        var binding = current
        if let newHost = r.host, newHost != host {
            if p.binding(on: newHost) != nil { throw Self.bindingExists(portID, newHost) }
            binding.host = newHost
        }
        if let v = try checkedVNICType(r.vnicType, attribute: "vnic_type") { binding.vnicType = v }
        if let v = r.profile { binding.profile = v }
        guard binding != current else { return Decision(batch: Batch(), result: (current, status)) }
        binding.bound = !binding.host.isEmpty
        switch status {
        case .active: p.adopt(binding)
        case .inactive: p.inactiveBindings = p.inactiveBindings?.map { $0.host == host ? binding : $0 }
        }
        p.std.bump()
        return Decision(batch: Batch(ports: [p] + subportsFollow(p)), result: (binding, status))
    }

    /// The inactive binding on `host` becomes the port's; the active one stays, unbound and inactive.
    func activatePortBinding(_ portID: String, host: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<PortBinding> {
        var p = try state.bindingPort(portID, auth, action: "activate")
        if host == p.hostID {
            throw NetworkingError(.conflict, "PortBindingAlreadyActive", "Binding for port \(portID) on host \(host) is already active.")
        }
        guard let waiting = p.inactiveBindings?.first(where: { $0.host == host }) else { throw Self.bindingNotFound(portID, host) }
        var previous = p.activeBinding
        previous.bound = false
        p.inactiveBindings = (p.inactiveBindings ?? []).filter { $0.host != host } + [previous]
        p.adopt(waiting)
        p.std.bump()
        return Decision(batch: Batch(ports: [p] + subportsFollow(p)), result: p.activeBinding)
    }

    /// An inactive binding goes; deleting the active one unbinds the port.
    func deletePortBinding(_ portID: String, host: String, _ auth: AuthContext) throws(NetworkingError) -> Decision<Void> {
        var p = try state.bindingPort(portID, auth, action: "delete_port_binding")
        guard let (_, status) = p.binding(on: host) else { throw Self.bindingNotFound(portID, host) }
        switch status {
        case .active:
            p.adopt(PortBinding(host: "", vnicType: "normal", profile: "{}", bound: false))
        case .inactive:
            let others = (p.inactiveBindings ?? []).filter { $0.host != host }
            p.inactiveBindings = others.isEmpty ? nil : others
        }
        p.std.bump()
        return Decision(batch: Batch(ports: [p] + subportsFollow(p)), result: ())
    }

    /// `PortBindingAlreadyExists` (409).
    static func bindingExists(_ portID: String, _ host: String) -> NetworkingError {
        .conflict("PortBindingAlreadyExists", "Binding for port \(portID) on host \(host) already exists.")
    }

    static func bindingNotFound(_ portID: String, _ host: String) -> NetworkingError {
        NetworkingError(.notFound, "PortBindingNotFound", "Binding for port \(portID) for host \(host) could not be found.")
    }
}

extension NetworkingState {
    /// The compute port whose bindings the caller asks about: a port it cannot see is 404; bindings are for admins and
    /// services (Neutron's `port_bindings` policies: admin or the `service` role), and only a compute port has them (400).
    func bindingPort(_ id: String, _ auth: AuthContext, action: String) throws(NetworkingError) -> Port {
        let p = try visiblePort(id, auth)
        guard auth.isAdmin || auth.roles.contains("service") else { throw .forbidden(action) }
        guard p.deviceOwner.hasPrefix("compute:") else {
            throw NetworkingError(.badRequest, "BadRequest", "Bad port request: Invalid port \(id). Operation only valid on compute ports.")
        }
        return p
    }
}
