import Foundation
import Logging

/// Brings the node's metadata namespaces to the plan: namespaces with the agent's prefix that no network needs
/// go (listener, OVS port, veth, namespace); each needed one is made, or checked and repaired when it exists
/// (never made twice), and gets its listener. Unchanged namespaces are skipped unless `full`.
struct Reconciler: Sendable {
    let state: AgentState
    let plumbing: NamespacePlumbing
    let forwarder: MetadataForwarder
    let progress: @Sendable (String) -> Void
    let logger: Logger

    /// One pass; answers whether something failed (to be tried again soon).
    func reconcile(_ view: SouthboundView, full: Bool) async -> Bool {
        await state.update(view)
        let plans = MetadataPlan.networks(view)
        let provisioned = await state.provisioned
        var failed = false
        for network in plumbing.existingNetworks().union(provisioned.keys).sorted() where plans[network] == nil {
            let started = ContinuousClock.now
            await state.remove(network)?.listener?.close()
            await plumbing.remove(networkID: network)
            progress("removed \(plumbing.names.namespace(network)) (\(Self.milliseconds(since: started)) ms)")
        }
        for (network, plan) in plans.sorted(by: { $0.key < $1.key }) {
            let known = provisioned[network], namespace = plumbing.names.namespace(network)
            let identity = plumbing.identity(ofNamespace: namespace)
            if !full, let known, known.plan == plan, identity != nil, identity == known.namespaceIdentity, known.listener?.channel.isActive == true {
                continue
            }
            let started = ContinuousClock.now
            do {
                let changed = try await plumbing.ensure(plan)
                if full, !changed { await plumbing.checksumOffloadOff(ns: namespace, inner: plumbing.names.namespaceLink(network),
                                                                    outer: plumbing.names.nodeLink(network)) }
                let nowIdentity = plumbing.identity(ofNamespace: namespace)
                var listener = known?.listener
                if listener == nil || listener?.channel.isActive != true || known?.namespaceIdentity != nowIdentity {
                    await listener?.close()
                    listener = nil
                    listener = try await bind(namespace: namespace, network: network)
                }
                await state.set(network, .init(plan: plan, namespaceIdentity: nowIdentity, listener: listener))
                let took = Self.milliseconds(since: started)
                if known == nil {
                    progress("\(changed ? "provisioned" : "adopted") \(namespace) (\(took) ms)")
                } else if changed {
                    progress("repaired \(namespace) (\(took) ms)")
                }
            } catch {
                failed = true
                progress("could not provision \(namespace): \(error)")
                logger.warning("provisioning failed", metadata: ["namespace": "\(namespace)", "error": "\(error)"])
            }
        }
        return failed
    }

    /// A listener on 169.254.169.254:80 inside `namespace`, answering for `network`.
    private func bind(namespace: String, network: String) async throws -> ProxyListener {
        let fd = try await NamespaceSocket.listen(namespacePath: "\(NamespacePlumbing.netnsDirectory)/\(namespace)",
                                                  address: MetadataPlan.metadataAddress, port: 80)
        let state = self.state, forwarder = self.forwarder, logger = self.logger
        do {
            return try await ProxyListener.start(descriptor: fd) { request in
                guard let instance = await state.instance(address: request.client, network: network) else {
                    logger.info("metadata request from an unknown address", metadata: ["network": "\(network)", "client": "\(request.client)"])
                    return .text(404, "Instance was not found on network \(network)")
                }
                let response = await forwarder.forward(request, instance: instance)
                logger.debug("metadata request", metadata: [
                    "network": "\(network)", "client": "\(request.client)", "instance": "\(instance.instanceID)",
                    "path": "\(request.uri)", "status": "\(response.status)",
                ])
                return response
            }
        } catch {
            close(fd)
            throw MetadataAgentError.listener("cannot serve the socket bound in \(namespace): \(error)")
        }
    }

    static func milliseconds(since start: ContinuousClock.Instant) -> Int {
        let d = ContinuousClock.now - start
        return Int(d.components.seconds * 1000 + d.components.attoseconds / 1_000_000_000_000_000)
    }
}
