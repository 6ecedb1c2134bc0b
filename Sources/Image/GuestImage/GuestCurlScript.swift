/// `/usr/bin/curl` of the built-in guest: the curl options tempest and cirros use, on busybox `wget`.
/// `-s`, `-S`, `-f`/`--fail` (exit 22 on an HTTP error), `-X GET|POST`, `-d`/`--data*` (`@file` too),
/// `-H`, `-m`/`--max-time` and `--connect-timeout` (through `timeout`), `-o FILE`, `-A`, `-k`; `-L`, `-i`,
/// `-v` are accepted and ignored; `-w` prints only `%{http_code}`. Exit codes follow curl's: 7 no
/// connection, 22 HTTP error with `--fail`, 28 timeout, 2 an option it does not know.
enum GuestCurlScript {
    static let text = #"""
    #!/bin/sh
    # curl shim on busybox wget (OVNStack guest).
    quote() { printf "'%s'" "$(printf '%s' "$1" | sed "s/'/'\\\\''/g")"; }
    usage() { echo "curl (OVNStack guest shim): $1" >&2; exit 2; }
    fail=0 silent=0 showerror=0 post=0 out=- secs= format= url= wargs=
    while [ $# -gt 0 ]; do
    	arg=$1
    	case $arg in
    	-[sSfLkiv]?*) # combined short flags such as -sf or -fsSL
    		rest=${arg#-}
    		shift
    		while [ -n "$rest" ]; do
    			set -- "-${rest%"${rest#?}"}" "$@"
    			rest=${rest#?}
    		done
    		continue ;;
    	esac
    	case $arg in
    	-s | --silent) silent=1 ;;
    	-S | --show-error) showerror=1 ;;
    	-f | --fail) fail=1 ;;
    	-L | --location | -i | --include | -v | --verbose | -g | --globoff) ;;
    	-k | --insecure) wargs="$wargs --no-check-certificate" ;;
    	-X | --request)
    		case $2 in GET) ;; POST) post=1 ;; *) usage "method $2 is not supported" ;; esac
    		shift ;;
    	-d | --data | --data-raw | --data-binary | --data-ascii)
    		post=1
    		case $2 in @*) wargs="$wargs --post-file $(quote "${2#@}")" ;; *) wargs="$wargs --post-data $(quote "$2")" ;; esac
    		shift ;;
    	-H | --header) wargs="$wargs --header $(quote "$2")"; shift ;;
    	-A | --user-agent) wargs="$wargs -U $(quote "$2")"; shift ;;
    	-m | --max-time | --connect-timeout) secs=${2%%.*}; shift ;;
    	-o | --output) out=$2; shift ;;
    	-w | --write-out) format=$2; shift ;;
    	--) shift; url=$1; break ;;
    	-*) usage "option $arg is not supported" ;;
    	*) url=$arg ;;
    	esac
    	shift
    done
    [ -n "$url" ] || usage "no URL specified"
    case $wargs in *--post-*) ;; *) [ $post = 1 ] && wargs="$wargs --post-data ''" ;; esac
    errors=$(mktemp /tmp/curl.XXXXXX)
    eval "${secs:+timeout $secs} wget -q -O $(quote "$out") $wargs $(quote "$url")" 2>"$errors"
    status=$?
    code=000
    if [ $status = 0 ]; then
    	code=200 rc=0
    elif grep -q 'server returned error' "$errors"; then
    	code=$(sed -n 's/.*server returned error: [^ ]* \([0-9][0-9][0-9]\).*/\1/p' "$errors" | head -n 1)
    	if [ $fail = 1 ]; then rc=22; else rc=0; fi
    	message="The requested URL returned error: $code"
    elif [ -n "$secs" ] && [ $status -ge 124 ]; then
    	rc=28 message="Operation timed out after $secs seconds"
    else
    	rc=7 message="Failed to connect: $(head -n 1 "$errors")"
    fi
    rm -f "$errors"
    case $format in *'%{http_code}'*) printf '%s' "$code" ;; esac
    if [ $rc != 0 ] && { [ $silent = 0 ] || [ $showerror = 1 ]; }; then echo "curl: ($rc) $message" >&2; fi
    exit $rc
    """#
}
