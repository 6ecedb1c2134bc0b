import ArgumentParser
import Foundation
import Deploy

/// Options every cluster command takes: which cluster, and where its state lives.
struct ClusterOptions: ParsableArguments {
    @Option(name: .long, help: "Cluster name (namespace prefix).")
    var name = "ovnstack"

    @Option(name: .long, help: "State directory (default: $OVNSTACK_STATE_DIR, else /var/lib/ovnstack/<name>).")
    var stateDir: String?

    var layout: StateLayout { StateLayout.resolve(cluster: name, override: stateDir) }
}

/// Prints a line and flushes, so step lines appear as they happen.
func say(_ line: String) {
    FileHandle.standardOutput.write(Data((line + "\n").utf8))
}
