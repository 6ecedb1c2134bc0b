/// Cluster deployment, the Kolla role of OVNStack: one command stands the whole OVN data plane up.
///
/// - `Spec/`: the cluster spec (YAML, every field optional) and its validation.
/// - `Layout/`: the state directory, namespace and interface names, chassis ids kept across `up`s.
/// - `Node/`: the local driver (namespaces, underlay bridge, `ext`), through iproute2.
/// - `Services/`: every daemon of every node as a `ServiceDefinition`, in start waves.
/// - `Bootstrap/`: chassis configuration and bridges through the OVSDB library, uplink fixes.
/// - `Runtime/`: plain processes or runc containers (OCI bundles written here).
/// - `Supervisor/`: the per-cluster daemon that starts, adopts, watches and restarts services.
/// - `Control/`: what `up` and `down` do; `Status/`: what `status` shows; `Preflight/`: checks with fixes.
public enum Deploy {}
