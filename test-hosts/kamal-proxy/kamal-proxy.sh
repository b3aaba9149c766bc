#!/bin/sh
# kamal-proxy (sextant test harness): `run` serves, the other commands talk to the running server.
# C1 only and the serial collector: a small, quick-starting JVM per host and per `docker exec`.
dir=/opt/kamal-proxy
if [ "$1" = run ]; then
  # The JDK's HTTPS server looks up the name of every TLS client's address; on the test hosts no DNS server
  # answers that (no route out), so give up after 1 s instead of glibc's 5 s x 2.
  export RES_OPTIONS="${RES_OPTIONS:-timeout:1 attempts:1}"
  exec "$dir/java/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms16m -Xmx128m \
    -cp "$dir/kamal-proxy.jar" kamalproxy.KamalProxy "$@"
fi
exec "$dir/java/bin/java" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xmx32m \
  -cp "$dir/kamal-proxy.jar" kamalproxy.KamalProxy "$@"
