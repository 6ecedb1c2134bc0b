/// `/usr/bin/sudo` of the built-in guest. The guest's busybox is setuid root (busybox drops the privilege
/// for every applet but the few that need it, `su` among them) and root's password is empty, so busybox
/// `su` gives root without a prompt, as cirros's `NOPASSWD: ALL` sudoers line does; dropbear refuses
/// root and blank-password logins (`-w`, no `-B`), so this is reachable only by a logged-in user.
enum GuestSudoScript {
    static let text = #"""
    #!/bin/sh
    # sudo for the cirros user: busybox su to root (no password, like cirros's NOPASSWD sudoers entry).
    while [ $# -gt 0 ]; do
    	case $1 in
    	-n | -E | -H | -S | -k | -i | -s) shift ;;
    	-u) case $2 in root | 0 | '#0') shift 2 ;; *) echo "sudo: only -u root is supported" >&2; exit 1 ;; esac ;;
    	--) shift; break ;;
    	-*) echo "sudo: option $1 is not supported" >&2; exit 1 ;;
    	*) break ;;
    	esac
    done
    [ $# -gt 0 ] || { echo "usage: sudo [-n] [-u root] COMMAND [ARG...]" >&2; exit 1; }
    [ "$(id -u)" = 0 ] && exec "$@"
    # `--` ends su's options, so the command's own (`id -u`) are not taken for su's.
    exec su -c 'exec "$@"' -- root sudo "$@"
    """#
}
