/// The small configuration files of the built-in guest, as (path in the rootfs, contents, mode).
/// Accounts: `root` (uid 0; empty password, which only busybox `su` accepts: dropbear refuses root and
/// blank-password logins) and `cirros` (uid 1000, password `gocubsgo`, /bin/sh, home /home/cirros).
enum GuestSystemFiles {
    /// One file of the guest image.
    struct File: Sendable {
        let path: String
        let contents: String
        let mode: Int
    }

    /// The cirros user's uid and gid.
    static let cirrosID = 1000

    /// SHA-512 crypt of `gocubsgo` (fixed salt, so the image's inputs do not change between builds).
    static let cirrosPasswordHash = "$6$ovnstackcirros$b2M0UDxT3LSJHYE/3C7oLrYI9A0EJgu1R/lyH2DLefiHKUcU9PFuAJQPyBcnXLE7IRA91l/x.1TARtKswV9o9."

    /// Every script and configuration file of the image (each ending in a newline).
    static func all(version: String) -> [File] {
        [
            File(path: "sbin/init", contents: GuestInitScript.text.replacingOccurrences(of: "@VERSION@", with: version), mode: 0o755),
            File(path: "usr/share/udhcpc/default.script", contents: GuestDHCPScript.text, mode: 0o755),
            File(path: "usr/lib/cirros/ec2-metadata", contents: GuestMetadataScript.text, mode: 0o755),
            File(path: "usr/lib/cirros/status", contents: GuestStatusScript.text.replacingOccurrences(of: "@VERSION@", with: version), mode: 0o755),
            File(path: "usr/bin/curl", contents: GuestCurlScript.text, mode: 0o755),
            File(path: "usr/bin/sudo", contents: GuestSudoScript.text, mode: 0o755),
            File(path: "etc/passwd", contents: """
                root:x:0:0:root:/root:/bin/sh
                cirros:x:\(cirrosID):\(cirrosID):cirros:/home/cirros:/bin/sh
                """, mode: 0o644),
            File(path: "etc/group", contents: "root:x:0:\nsudo:x:27:cirros\ncirros:x:\(cirrosID):", mode: 0o644),
            File(path: "etc/shadow", contents: "root::20000:0:99999:7:::\ncirros:\(cirrosPasswordHash):20000:0:99999:7:::", mode: 0o600),
            File(path: "etc/shells", contents: "/bin/sh\n/bin/ash", mode: 0o644),
            File(path: "etc/nsswitch.conf", contents: "passwd: files\ngroup: files\nshadow: files\nhosts: files dns", mode: 0o644),
            File(path: "etc/hosts", contents: "127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback", mode: 0o644),
            File(path: "etc/hostname", contents: "cirros", mode: 0o644),
            File(path: "etc/profile", contents: "export PATH=/sbin:/bin:/usr/sbin:/usr/bin\nexport PS1='$ '", mode: 0o644),
            File(path: "etc/os-release", contents: """
                NAME="CirrOS (OVNStack guest)"
                VERSION="\(version)"
                ID=cirros
                """, mode: 0o644),
        ].map { File(path: $0.path, contents: $0.contents.hasSuffix("\n") ? $0.contents : $0.contents + "\n", mode: $0.mode) }
    }

    /// Directories the image holds (besides those of copied files), with their modes.
    static let directories: [(path: String, mode: Int)] = [
        ("bin", 0o755), ("sbin", 0o755), ("usr/bin", 0o755), ("usr/sbin", 0o755), ("lib", 0o755), ("lib64", 0o755),
        ("etc/dropbear", 0o700), ("proc", 0o555), ("sys", 0o555), ("dev", 0o755), ("run", 0o755), ("tmp", 0o1777),
        ("var/log", 0o755), ("root", 0o700), ("home/cirros/.ssh", 0o700), ("mnt", 0o755),
    ]

    /// Symbolic links the image holds: (path, target).
    static let links: [(path: String, target: String)] = [("var/run", "../run")]
}
