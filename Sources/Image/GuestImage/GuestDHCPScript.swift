/// The busybox `udhcpc` hook of the built-in guest (`/usr/share/udhcpc/default.script`): applies the
/// address, the MTU (option 26), the classless static routes (option 121, which replaces the router
/// option 3 as RFC 3442 requires) and resolv.conf, and logs each lease to the console.
enum GuestDHCPScript {
    static let text = #"""
    #!/bin/sh
    # udhcpc hook: address, MTU, RFC 3442 routes, resolv.conf.
    PATH=/sbin:/bin:/usr/sbin:/usr/bin

    add_route() { # destination gateway
    	if [ "$2" = 0.0.0.0 ]; then
    		ip route replace "$1" dev "$interface"
    	else
    		ip route replace "$1" via "$2" dev "$interface" 2>/dev/null ||
    			ip route replace "$1" via "$2" dev "$interface" onlink
    	fi
    }

    case "$1" in
    deconfig)
    	ip -4 route flush dev "$interface"
    	ip -4 addr flush dev "$interface"
    	ip link set "$interface" up
    	;;
    leasefail | nak)
    	echo "udhcpc: $1 on $interface${message:+: $message}"
    	;;
    bound | renew)
    	current=$(ip -4 -o addr show dev "$interface" | awk '{print $4}')
    	if [ "$current" != "$ip/$mask" ]; then
    		ip -4 addr flush dev "$interface"
    		ip addr add "$ip/$mask" ${broadcast:+broadcast "$broadcast"} dev "$interface"
    	fi
    	[ -n "$mtu" ] && ip link set dev "$interface" mtu "$mtu"
    	if [ -n "$staticroutes" ]; then
    		set -- $staticroutes
    		while [ $# -ge 2 ]; do add_route "$1" "$2"; shift 2; done
    	elif [ -n "$router" ]; then
    		add_route default "${router%% *}"
    	fi
    	{
    		[ -n "$domain" ] && echo "search $domain"
    		for server in $dns; do echo "nameserver $server"; done
    	} >/etc/resolv.conf.new && mv /etc/resolv.conf.new /etc/resolv.conf
    	echo "udhcpc: lease of $ip obtained on $interface, lease time ${lease:-unknown}, mtu ${mtu:-default}, routes: ${staticroutes:-default via ${router%% *}}"
    	;;
    esac
    exit 0
    """#
}
