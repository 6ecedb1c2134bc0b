/// `/sbin/init` of the built-in guest: PID 1 of the instance's pid namespace, its output the console log.
/// It brings the guest up the way cirros does (hostname, lo and eth0, DHCP, sshd, EC2 metadata, a status
/// block ending in `login:`), reaps every child (orphans are adopted by PID 1), and on SIGTERM stops
/// every process, says so, and exits 0.
enum GuestInitScript {
    static let text = #"""
    #!/bin/sh
    # OVNStack guest init (cirros-like), PID 1 of the instance.
    export PATH=/sbin:/bin:/usr/sbin:/usr/bin
    umask 022

    others_alive() {
    	for p in /proc/[0-9]*; do
    		[ "${p#/proc/}" = 1 ] && continue
    		[ -d "$p" ] && return 0
    	done
    	return 1
    }

    shutdown_guest() {
    	trap '' TERM INT
    	echo "=== cirros: $1 received, shutting down ==="
    	kill -TERM -1 2>/dev/null
    	n=0
    	while [ $n -lt 30 ] && others_alive; do sleep 0.1; n=$((n + 1)); done
    	kill -KILL -1 2>/dev/null
    	echo "=== cirros: shutdown complete ==="
    	exit 0
    }
    trap 'shutdown_guest SIGTERM' TERM
    trap 'shutdown_guest SIGINT' INT

    mounted() { grep -q " $1 " /proc/mounts 2>/dev/null; }
    mounted /proc || mount -t proc proc /proc
    mounted /run || mount -t tmpfs -o nosuid,nodev,mode=0755 tmpfs /run
    mounted /tmp || mount -t tmpfs -o nosuid,nodev,mode=1777 tmpfs /tmp
    mkdir -p /run/cirros /etc/dropbear
    # The container starts with the injected name already; setting it needs CAP_SYS_ADMIN.
    name=$(cat /etc/hostname 2>/dev/null)
    [ -n "$name" ] && [ "$name" != "$(hostname)" ] && hostname "$name"
    echo "=== cirros: OVNStack guest @VERSION@ booting as $(hostname) ==="

    ip link set lo up
    ip link set eth0 up || echo "init: no eth0 in this instance"
    udhcpc -f -i eth0 -p /var/run/udhcpc.eth0.pid -s /usr/share/udhcpc/default.script \
    	-t 5 -T 1 -A 3 -O router -O dns -O mtu -O staticroutes -x hostname:"$(hostname)" &

    for type in ed25519 ecdsa rsa; do
    	key=/etc/dropbear/dropbear_${type}_host_key
    	[ -s "$key" ] && continue
    	case $type in rsa) size="-s 2048" ;; ecdsa) size="-s 256" ;; *) size= ;; esac
    	dropbearkey -t $type $size -f "$key" >/dev/null 2>&1 || echo "init: cannot make the $type host key"
    done
    echo "-----BEGIN SSH HOST KEY KEYS-----"
    for key in /etc/dropbear/dropbear_*_host_key; do dropbearkey -y -f "$key" 2>/dev/null | grep -E '^(ssh-|ecdsa-)'; done
    echo "-----END SSH HOST KEY KEYS-----"
    dropbear -F -E -w -p 22 -P /var/run/dropbear.pid \
    	-r /etc/dropbear/dropbear_ed25519_host_key -r /etc/dropbear/dropbear_ecdsa_host_key \
    	-r /etc/dropbear/dropbear_rsa_host_key &

    /usr/lib/cirros/ec2-metadata &
    /usr/lib/cirros/status &

    # Wait forever; `wait` reaps every child, adopted orphans included, and returns on a trapped signal.
    while :; do
    	sleep 60 &
    	wait $!
    done
    """#
}
