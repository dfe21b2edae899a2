#!/bin/sh
# Silo container entry: other silos must reach this one at the address it advertises in the
# membership table. Unless Orleans__AdvertisedIP is given, advertise the IPv4 address that the
# container's own host name resolves to on the container network.
set -eu
if [ -z "${Orleans__AdvertisedIP:-}" ]; then
    # shellcheck disable=SC3028 # the container runtime sets HOSTNAME; /etc/hostname otherwise
    host=${HOSTNAME:-$(cat /etc/hostname)}
    Orleans__AdvertisedIP=$(getent ahostsv4 "$host" | head -n 1 | cut -d' ' -f1)
    [ -n "$Orleans__AdvertisedIP" ] || { echo "cannot resolve $host; set Orleans__AdvertisedIP" >&2; exit 1; }
    export Orleans__AdvertisedIP
fi
exec dotnet /app/Civic.Silo.dll "$@"
