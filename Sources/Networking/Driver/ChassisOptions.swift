import Foundation
import OVNModel

/// What ovn-controller advertises in a Southbound `Chassis` row for the CMS, read one way for the gateway scheduler and
/// the agents API: `other_config` (OVN ≥ 20.09) and the older `external_ids` both count.
extension SB.Chassis {
    /// `ovn-cms-options`, split (`enable-chassis-as-gw`, `availability-zones=az1:az2`, …).
    var cmsOptions: [String] {
        ((otherConfig["ovn-cms-options"] ?? "") + "," + (externalIDs["ovn-cms-options"] ?? ""))
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// `ovn-bridge-mappings` (`physnet1:br-ex`).
    var bridgeMappings: String { otherConfig["ovn-bridge-mappings"] ?? externalIDs["ovn-bridge-mappings"] ?? "" }
}
