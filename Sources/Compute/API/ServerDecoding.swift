import Foundation
import OpenStackAPI

/// `POST /servers` bodies → ``ServerCreate`` (Nova's 2.1 rules: `networks` optional, `auto`/`none` refused,
/// image from `imageRef` or a `block_device_mapping_v2` image at boot index 0, base64 `user_data` ≤ 65535).
enum ServerDecoding {
    static func create(_ body: JSONObject, version: Microversion) throws(ComputeError) -> ServerCreate {
        let s = try BodyFields.resource(body, "server")
        guard let name = try s.string("name", required: true, trimmed: true) else { throw BodyFields.invalid("name", "'name' is a required property") }
        guard let flavorValue = s.object["flavorRef"], let flavorRef = flavorValue.string ?? flavorValue.int.map(String.init), !flavorRef.isEmpty else {
            throw BodyFields.invalid("flavorRef", "'flavorRef' is a required property")
        }
        var imageRef = try s.string("imageRef", allowEmpty: true) ?? ""
        if imageRef.isEmpty, let mappings = s.object["block_device_mapping_v2"]?.array {
            let boot = mappings.first { ($0["boot_index"]?.int ?? Int($0["boot_index"]?.string ?? "")) == 0 }
            if let boot, boot["source_type"]?.string == "image", let uuid = boot["uuid"]?.string { imageRef = uuid }
        }
        guard !imageRef.isEmpty else { throw .badRequest("Block Device Mapping is Invalid: Boot sequence for the instance and image/block device mapping combination is not valid.") }
        let minCount = try s.int("min_count", in: 1...Int(Int32.max)) ?? 1
        let maxCount = try s.int("max_count", in: 1...Int(Int32.max)) ?? minCount
        guard minCount <= maxCount else { throw .badRequest("min_count must be <= max_count") }
        var userData: String?
        if let text = try s.string("user_data", max: 65535, allowEmpty: true) {
            guard Data(base64Encoded: text, options: .ignoreUnknownCharacters) != nil else { throw .badRequest("User data needs to be valid base 64.") }
            userData = text
        }
        var groups: [String]?
        if let value = s.object["security_groups"], !value.isNull {
            groups = []
            guard let list = value.array else { throw BodyFields.invalid("security_groups", "\(value.text) is not of type 'array'") }
            for item in list {
                guard let name = item["name"]?.string, !name.isEmpty else { throw BodyFields.invalid("security_groups", "\(item.text) has no 'name'") }
                groups?.append(name)
            }
        }
        return ServerCreate(
            name: name, imageRef: imageRef, flavorRef: flavorRef, networks: try networks(s.object["networks"]),
            keyName: try s.string("key_name"), userData: userData, securityGroups: groups,
            availabilityZone: try s.string("availability_zone"), metadata: try s.stringMap("metadata") ?? [:],
            minCount: minCount, maxCount: maxCount, hints: try hints(body["os:scheduler_hints"] ?? body["OS-SCH-HNT:scheduler_hints"]),
            adminPass: try s.string("adminPass", allowEmpty: true),
            accessIPv4: try accessIP(s, "accessIPv4"), accessIPv6: try accessIP(s, "accessIPv6"))
    }

    /// `accessIPv4` (an IPv4 address) or `accessIPv6` (an IPv6 address) in canonical form, as Nova stores them
    /// (`0000:…:babe:220.12.22.2` is kept as `::babe:dc0c:1602`); 400 otherwise.
    static func accessIP(_ s: BodyFields, _ key: String) throws(ComputeError) -> String? {
        guard let text = try s.string(key, allowEmpty: true) else { return nil }
        let family = key == "accessIPv4" ? AF_INET : AF_INET6
        var buffer = in6_addr()
        var out = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard inet_pton(family, text, &buffer) == 1, inet_ntop(family, &buffer, &out, socklen_t(out.count)) != nil else {
            throw BodyFields.invalid(key, "\(text). '\(text)' is not a '\(key == "accessIPv4" ? "ipv4" : "ipv6")'")
        }
        return String(cString: out)
    }

    private static func networks(_ value: JSON?) throws(ComputeError) -> ServerCreate.Networks {
        guard let value, !value.isNull else { return .omitted }
        guard let list = value.array else {
            throw BodyFields.invalid("networks", "\(value.text). \(value.text) is not of type 'array'")
        }
        var entries: [ServerCreate.Entry] = []
        for item in list {
            guard let object = item.object else { throw BodyFields.invalid("networks", "\(item.text) is not of type 'object'") }
            let entry = ServerCreate.Entry(uuid: object["uuid"]?.string, port: object["port"]?.string, fixedIP: object["fixed_ip"]?.string)
            guard entry.uuid != nil || entry.port != nil else { throw .badRequest("Bad networks format: network uuid is not in proper format") }
            if let uuid = entry.uuid, !UUIDText.isValid(uuid) { throw .badRequest("Bad networks format: network uuid is not in proper format (\(uuid))") }
            if let port = entry.port, !UUIDText.isValid(port) { throw BodyFields.invalid("port", "\(port) is not a 'uuid'") }
            if let ip = entry.fixedIP, !IPText.isValid(ip) { throw .badRequest("Invalid fixed IP address (\(ip))") }
            entries.append(entry)
        }
        return .list(entries)
    }

    private static func hints(_ value: JSON?) throws(ComputeError) -> SchedulerHints {
        guard let object = value?.object else { return SchedulerHints() }
        func ids(_ key: String) -> [String] {
            if let one = object[key]?.string { return [one] }
            return object[key]?.array?.compactMap(\.string) ?? []
        }
        return SchedulerHints(sameHost: ids("same_host"), differentHost: ids("different_host"))
    }
}

/// IP address syntax (IPv4 dotted quad or IPv6 hex groups).
enum IPText {
    static func isValid(_ text: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
