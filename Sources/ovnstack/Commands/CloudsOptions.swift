import ArgumentParser
import Foundation

/// Where `up` writes (and `down --purge` removes) the cluster's clouds.yaml entries.
struct CloudsOptions: ParsableArguments {
    @Option(help: "clouds.yaml to write the <name> and <name>-demo entries into (default: $OVNSTACK_CLOUDS_YAML, else ~/.config/openstack/clouds.yaml).")
    var cloudsYaml: String?

    /// `--clouds-yaml`, else `$OVNSTACK_CLOUDS_YAML`, else `~/.config/openstack/clouds.yaml`.
    var url: URL {
        if let cloudsYaml, !cloudsYaml.isEmpty { return URL(fileURLWithPath: cloudsYaml) }
        if let env = ProcessInfo.processInfo.environment["OVNSTACK_CLOUDS_YAML"], !env.isEmpty { return URL(fileURLWithPath: env) }
        return FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config/openstack/clouds.yaml")
    }
}
