#!/bin/sh
# kamal-proxy (sextant test harness): `run` serves, the other commands talk to the running server.
# C1 only and the serial collector: a small, quick-starting JVM per host and per `docker exec`.
dir=/opt/kamal-proxy
if [ "$1" = run ]; then
  exec "$dir/java/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms16m -Xmx128m \
    -cp "$dir/kamal-proxy.jar" kamalproxy.KamalProxy "$@"
fi
exec "$dir/java/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xmx32m \
  -cp "$dir/kamal-proxy.jar" kamalproxy.KamalProxy "$@"
