#!/bin/sh
# The pyjank image's entrypoint: pyjank-nrepl for the project in the working directory.
#
#   docker run -p 127.0.0.1:7888:7888 -v "$PWD":/work pyjank [pyjank-nrepl flags]
#   docker run --rm -it -v "$PWD":/work pyjank pyjank -e '(+ 1 2)'   # other commands run as given
#
# In the image (PYJANK_IN_CONTAINER=1) the daemon binds 0.0.0.0, so that a published port
# reaches it: publish it on the host's loopback only, as above. Anywhere else it binds
# 127.0.0.1. PYJANK_NREPL_HOST and PYJANK_NREPL_PORT (default 7888) override.
set -eu

if [ "$#" -gt 0 ] && [ "${1#-}" = "$1" ]; then
    exec "$@"
fi

if [ "${PYJANK_IN_CONTAINER:-}" = 1 ]; then
    host="${PYJANK_NREPL_HOST:-0.0.0.0}"
else
    host="${PYJANK_NREPL_HOST:-127.0.0.1}"
fi
# .nrepl-port goes into the project when this user may write there (docker run --user).
if [ -w . ]; then
    port_file=.nrepl-port
else
    port_file="${TMPDIR:-/tmp}/.nrepl-port"
fi

exec pyjank-nrepl --host "$host" --port "${PYJANK_NREPL_PORT:-7888}" --port-file "$port_file" "$@"
