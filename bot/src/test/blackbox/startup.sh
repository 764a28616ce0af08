#!/usr/bin/env bash
# Start-up time as the owner meets it (issue 14): README's command on the jar package leaves extracted,
#   MALLOC_ARENA_MAX=2 java @bot/target/signpost/signpost.args -jar bot/target/signpost/signpost-bot.jar
# a first start each time (an empty working folder, so embedded Redis and the HR account are made anew), random
# ports, the readiness probe polled every 50 ms; then the process is stopped. Build first: ./mvnw -pl bot -am package
# -DskipTests. Then: bash bot/src/test/blackbox/startup.sh [starts, default 6]. JAVA_HOME chooses the JDK (the one
# that built the package: the start-up archive belongs to it). Prints, per start, the wall time to ready and the JVM's
# CPU time (user + system, from /proc/<pid>/stat) at that moment, then the mean and the slowest, and the load average.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
starts=${1:-6}
folder=$repo/bot/target/signpost
java=${JAVA_HOME:+$JAVA_HOME/bin/java}
java=${java:-$(command -v java || true)}
[[ -x $java ]] || { echo "no java: set JAVA_HOME or put java on PATH" >&2; exit 2; }
[[ -f $folder/signpost.args && -f $folder/signpost-bot.jar ]] || { echo "build first: ./mvnw -pl bot -am package -DskipTests" >&2; exit 2; }
command -v curl >/dev/null || { echo "curl is not on PATH" >&2; exit 2; }
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return; fi
  done
}
ticks=$(getconf CLK_TCK)
work=$(mktemp -d "${TMPDIR:-/tmp}/signpost-startup.XXXXXX")
pid=""
trap '[[ -n $pid ]] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
echo "$(date -u '+%F %T') UTC, load average $(cut -d' ' -f1-3 /proc/loadavg), $("$java" -version 2>&1 | head -1)"
walls=() cpus=()
for ((i = 1; i <= starts; i++)); do
  run=$work/$i
  mkdir -p "$run"
  port=$(free_port) mport=$(free_port)
  started=$(date +%s%N)
  (cd "$run" && MALLOC_ARENA_MAX=2 exec "$java" "@$folder/signpost.args" -jar "$folder/signpost-bot.jar" \
    --server.port="$port" --management.server.port="$mport") >"$run/log" 2>&1 &
  pid=$!
  until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$mport/actuator/health/readiness") == 200 ]]; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "start $i failed; its log:" >&2; tail -20 "$run/log" >&2; exit 1; fi
    sleep 0.05
  done
  wall_ms=$((($(date +%s%N) - started) / 1000000))
  cpu_ms=$(awk -v t="$ticks" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / t) }' "/proc/$pid/stat")
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
  walls+=("$wall_ms") cpus+=("$cpu_ms")
  awk -v i="$i" -v w="$wall_ms" -v c="$cpu_ms" 'BEGIN { printf "start %d: ready after %.2f s, %.2f s of CPU\n", i, w / 1000, c / 1000 }'
  sleep 2
done
printf '%s\n' "${walls[@]}" | awk -v c="${cpus[*]}" '{ s += $1; if ($1 > m) m = $1 } END {
  n = split(c, cs, " "); for (i = 1; i <= n; i++) t += cs[i]
  printf "mean %.2f s to ready (slowest %.2f s), %.2f s of CPU; ", s / NR / 1000, m / 1000, t / n / 1000 }'
echo "load average after $(cut -d' ' -f1-3 /proc/loadavg)"
