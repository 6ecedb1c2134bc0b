import Foundation
import OpenStackAPI

/// `meta_data.json` of an instance, with the keys each OpenStack metadata version adds.
enum OpenStackRendering {
    static func metaData(_ m: InstanceMetadata, version: String) -> JSON {
        var body: JSONObject = ["uuid": .string(m.uuid)]
        if !m.metadata.isEmpty {
            body["meta"] = .object(JSONObject(m.metadata.sorted { $0.key < $1.key }.map { ($0.key, JSON.string($0.value)) }))
        }
        if let key = m.key {
            body["public_keys"] = .object(JSONObject([(key.name, .string(key.publicKey))]))
            body["keys"] = [["name": .string(key.name), "type": "ssh", "data": .string(key.publicKey)]]
        }
        body["hostname"] = .string(m.fqdn)
        body["name"] = .string(m.name)
        body["launch_index"] = .int(m.launchIndex)
        body["availability_zone"] = .string(m.availabilityZone)
        if MetadataVersions.openStack(version, atLeast: "2013-04-04") { body["random_seed"] = .string(randomSeed()) }
        if MetadataVersions.openStack(version, atLeast: "2015-10-15") { body["project_id"] = .string(m.projectID) }
        if MetadataVersions.openStack(version, atLeast: "2016-06-30") { body["devices"] = [] }
        if MetadataVersions.openStack(version, atLeast: "2020-10-14") { body["dedicated_cpus"] = [] }
        return .object(body)
    }

    /// 512 random bytes in base64, new on every answer (the guest feeds it to its entropy pool).
    static func randomSeed() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<512).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
    }

    /// `vendor_data.json`: no vendor data is configured.
    static let vendorData: JSON = [:]

    /// `vendor_data2.json`: the StaticJSON provider without a file.
    static let vendorData2: JSON = ["static": [:]]
}
