/// `/usr/lib/cirros/ec2-metadata` of the built-in guest: the EC2 datasource as cirros reads it. It asks
/// for `meta-data/instance-id` until the answer starts with `i-` (forever, every few seconds, while no
/// metadata service answers), then applies the hostname (cut at the first dot), adds the public keys to
/// cirros's authorized_keys and runs the user-data when it starts with `#!`.
enum GuestMetadataScript {
    static let text = #"""
    #!/bin/sh
    # cirros-like EC2 metadata datasource.
    PATH=/sbin:/bin:/usr/sbin:/usr/bin
    MD=http://169.254.169.254/2009-04-04
    KEYS=/home/cirros/.ssh/authorized_keys

    get() { curl --fail --silent -m 5 "$MD/$1"; }

    tries=0
    while :; do
    	iid=$(get meta-data/instance-id 2>/dev/null) && case "$iid" in i-*) break ;; esac
    	tries=$((tries + 1))
    	case $tries in 1 | *0) echo "cirros-ds: no metadata service at 169.254.169.254 yet (try $tries), retrying" ;; esac
    	sleep 3
    done
    echo "cirros-ds: found datasource (ec2, net): instance-id $iid"

    if name=$(get meta-data/hostname) && [ -n "$name" ]; then
    	name=${name%%.*}
    	echo "$name" >/etc/hostname
    	[ "$name" = "$(hostname)" ] || hostname "$name" || echo "cirros-apply: cannot set the hostname to $name"
    	echo "cirros-apply: hostname $name"
    fi

    if list=$(get meta-data/public-keys/); then
    	mkdir -p "${KEYS%/*}"
    	for entry in $list; do
    		key=$(get "meta-data/public-keys/${entry%%=*}/openssh-key") || continue
    		[ -n "$key" ] || continue
    		grep -qxF "$key" "$KEYS" 2>/dev/null || echo "$key" >>"$KEYS"
    	done
    	chown -R cirros:cirros "${KEYS%/*}" && chmod 700 "${KEYS%/*}" && chmod 600 "$KEYS" 2>/dev/null
    fi

    if curl --fail --silent -m 10 -o /run/cirros/user-data "$MD/user-data"; then
    	if [ "$(head -c 2 /run/cirros/user-data)" = "#!" ]; then
    		chmod 700 /run/cirros/user-data
    		echo "cirros-userdata: running user-data"
    		/run/cirros/user-data
    		echo "cirros-userdata: user-data exited $?"
    	fi
    fi
    """#
}
