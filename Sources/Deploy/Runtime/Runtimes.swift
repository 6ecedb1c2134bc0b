import ProgramRunner
/// Picks the launcher for a runtime.
public enum Runtimes {
    public static func launcher(for kind: RuntimeKind, layout: StateLayout, state: ClusterState) -> any ServiceLauncher {
        switch kind {
        case .process: ProcessLauncher()
        case .runc: RuncLauncher(layout: layout)
        }
    }

    /// The runtime used when none is asked for: runc where it is installed, else plain processes.
    public static var preferred: RuntimeKind { Program.find("runc") != nil ? .runc : .process }
}
