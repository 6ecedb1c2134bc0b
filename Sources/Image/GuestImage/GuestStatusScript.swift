/// `/usr/lib/cirros/status` of the built-in guest: once eth0 has an IPv4 address (or after a minute),
/// prints what cirros-status prints on the console: the network info, the hostname, then `login:`.
enum GuestStatusScript {
    static let text = #"""
    #!/bin/sh
    # cirros-status: what the console shows once the network is up.
    PATH=/sbin:/bin:/usr/sbin:/usr/bin
    n=0
    while [ $n -lt 60 ] && ! ip -4 -o addr show dev eth0 2>/dev/null | grep -q inet; do sleep 1; n=$((n + 1)); done
    echo "=== network info ==="
    ip -o addr
    ip route
    echo "=== cirros: current=@VERSION@ hostname=$(hostname) uptime=$(cut -d' ' -f1 /proc/uptime) ==="
    echo
    echo "$(hostname) login: "
    """#
}
