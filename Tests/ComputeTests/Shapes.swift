/// Tempest's 2.1 response schemas (tempest/lib/api_schema/response/compute/v2_1), as key sets.
enum Shapes {
    static let serverRequired: Set<String> = ["id", "name", "status", "image", "flavor", "user_id", "tenant_id", "created", "updated",
                                              "metadata", "links", "addresses", "hostId"]
    static let serverOptional: Set<String> = [
        "progress", "fault", "OS-DCF:diskConfig", "accessIPv4", "accessIPv6", "key_name", "security_groups", "OS-SRV-USG:launched_at",
        "OS-SRV-USG:terminated_at", "OS-EXT-AZ:availability_zone", "OS-EXT-STS:task_state", "OS-EXT-STS:vm_state",
        "OS-EXT-STS:power_state", "OS-EXT-SRV-ATTR:host", "OS-EXT-SRV-ATTR:instance_name", "OS-EXT-SRV-ATTR:hypervisor_hostname",
        "os-extended-volumes:volumes_attached", "config_drive",
    ]
    /// `common_show_server`: the update and rebuild answers.
    static let serverBasic: Set<String> = ["id", "name", "status", "image", "flavor", "fault", "user_id", "tenant_id", "created", "updated",
                                           "progress", "metadata", "links", "addresses", "hostId", "OS-DCF:diskConfig", "accessIPv4", "accessIPv6"]
    static let serverCreate: Set<String> = ["id", "links", "OS-DCF:diskConfig", "security_groups", "adminPass"]
    static let flavorDetail: Set<String> = ["id", "name", "ram", "disk", "vcpus", "links", "OS-FLV-EXT-DATA:ephemeral",
                                            "OS-FLV-DISABLED:disabled", "os-flavor-access:is_public", "swap", "rxtx_factor"]
    static let keypairCreate: Set<String> = ["fingerprint", "name", "public_key", "user_id"]
    static let keypairShow: Set<String> = ["public_key", "name", "fingerprint", "user_id", "deleted", "created_at", "updated_at", "deleted_at", "id"]
    static let keypairListItem: Set<String> = ["public_key", "name", "fingerprint"]
}
