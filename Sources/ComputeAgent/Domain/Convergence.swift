/// The next thing to do for one instance, decided from what the API wants and what the node has: the rules
/// of the agent, with no effects (the service's worker carries them out, one at a time, re-deciding after each).
enum ConvergenceStep: Sendable, Equatable {
    /// Create or bind the instance's ports in Networking.
    case preparePorts
    /// Unpack the image and inject the guest's files.
    case prepareRootfs
    /// Plug the NICs and start the guest (first boot, power-on, or after a failed start).
    case start
    /// Stop the guest (SIGTERM, then SIGKILL).
    case stop
    /// Restart the guest for a new generation: soft, hard, or on a fresh root filesystem.
    case restart(InstanceSpec.Action?)
    /// Tear down everything and release the ports.
    case destroy
    /// Nothing to do: report the facts once more if they changed.
    case idle

    /// Decides the step for an instance from its spec (nil: the API no longer has it), the local record
    /// (nil: nothing made yet) and whether its container runs.
    static func next(spec: InstanceSpec?, local: LocalInstance?, guestRunning: Bool) -> ConvergenceStep {
        // A deleted instance is destroyed even if nothing was made here yet: the API waits for that report.
        guard let spec, spec.desired != .deleted else { return local == nil && spec == nil ? .idle : .destroy }
        guard let local else { return .preparePorts }
        if local.fault != nil { return .idle }  // failed here: the API shows ERROR until the instance is deleted
        if !local.portsReady { return .preparePorts }
        if !local.rootfsReady { return .prepareRootfs }
        let newGeneration = local.generation != 0 && local.generation != spec.generation
        switch spec.desired {
        case .stopped:
            return guestRunning ? .stop : .idle
        case .running, .deleted:
            if newGeneration && (guestRunning || spec.action == .rebuild) { return .restart(spec.action) }
            return guestRunning ? .idle : .start
        }
    }
}
