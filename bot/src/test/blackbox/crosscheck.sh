#!/usr/bin/env bash
# Black-box cross-check of issue 14's load figures, measured the way the issue measured them: wrk over loopback,
# nginx standing in for the Teams connector, typed messages from 2,000 people, no app id (so no Authorization
# header), Signpost started as README starts it (the extracted jar with the signpost.args package leaves beside it:
# JVM settings, AOT, start-up archive, compiler directives) and its embedded Redis, two minutes of warm-up.
# The SDK's echo bot (bot/src/test/java/org/signpost/echo) is measured the same way, alone, before Signpost.
#
# Build first (from the repository's top; the second goal writes the echo bot's class path):
#   ./mvnw -q -pl bot -am package -DskipTests dependency:build-classpath \
#       -Dmdep.outputFile="$PWD/bot/target/test-classpath.txt" -Dmdep.includeScope=test
# Then:
#   bash bot/src/test/blackbox/crosscheck.sh
# Settings (environment): WARMUP=120 (s, per bot, at 64 connections), SETTLE=0 (s: after the warm-up, warm on 10 s at
# a time, at most this long, while the bot's JIT compiler threads take more than a tenth of a core, as the Java
# harness's load.settle does; 0 = the issue's way, two minutes and no more), WINDOW=30 (s), CONNECTIONS="16 64",
# RATE=200 (turns/s, the fixed-rate window, 0 = none), RATE_CONNECTIONS=16, THREADS=1 (wrk -t), PEOPLE=2000,
# BOTS="echo signpost", JAVA_HOME (or java on PATH), KEEP=1 (keep the run's folder: logs, wrk outputs),
# PAIRED=0 (1: both bots run at once, each warmed as above, then the windows alternate between them for CYCLES=4
# cycles, the order swapped every cycle, so that a slower minute of a shared machine falls on both alike; each
# window also says how much of a core the idle bot used meanwhile; the fixed-rate window then runs once per bot).
# Needs wrk, nginx and curl on PATH (Debian/Ubuntu: apt-get install -y wrk nginx curl); no root, and nothing is written
# outside a temporary folder (nginx's config, pid and logs included); wrk2 is not needed (chatter.lua keeps the rate).
# Prints, per window, turns/s, wrk's p50/p99, replies that reached nginx, the bots' CPU per turn and the rest of the
# machine's (wrk, nginx, Redis, the kernel's loopback, anything else running), the JIT's share of a core, peak RSS
# (VmRSS, sampled every second), start-up to the first HTTP answer, and the ratios; it fails on any answer that is
# not 2xx, any socket error or timeout, and any late send at the fixed rate.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
WARMUP=${WARMUP:-120}
SETTLE=${SETTLE:-0}
WINDOW=${WINDOW:-30}
CONNECTIONS=${CONNECTIONS:-16 64}
RATE=${RATE:-200}
RATE_CONNECTIONS=${RATE_CONNECTIONS:-16}
THREADS=${THREADS:-1}
PEOPLE=${PEOPLE:-2000}
BOTS=${BOTS:-echo signpost}
KEEP=${KEEP:-1}
PAIRED=${PAIRED:-0}
CYCLES=${CYCLES:-4}
jar=$repo/bot/target/signpost/signpost-bot.jar
signpost_args=$repo/bot/target/signpost/signpost.args
echo_classpath_file=$repo/bot/target/test-classpath.txt
texts=$repo/bot/src/test/resources/nlp/eval-intents-en-GB.tsv

for tool in wrk nginx curl; do
  if ! command -v "$tool" >/dev/null; then
    echo "$tool is not on PATH; install it (Debian/Ubuntu: apt-get install -y wrk nginx curl)" >&2
    exit 2
  fi
done
java=${JAVA_HOME:+$JAVA_HOME/bin/java}
java=${java:-$(command -v java || true)}
if [[ -z $java || ! -x $java ]]; then
  echo "no java: set JAVA_HOME or put java on PATH" >&2
  exit 2
fi
if [[ ! -f $jar || ! -f $signpost_args || ! -f $echo_classpath_file || ! -d $repo/bot/target/test-classes/org/signpost/echo ]]; then
  echo "build first (see the top of $0): missing $jar, $signpost_args, $echo_classpath_file or the echo bot's classes" >&2
  exit 2
fi

# Signpost's JVM as shipped: the options package wrote (README, "The JVM it runs on"), and bot/pom.xml's arenas
pom() { sed -n "s:.*<signpost\.jvm\.$1>\(.*\)</signpost\.jvm\.$1>.*:\1:p" "$repo/bot/pom.xml"; }
signpost_jvm="@$signpost_args"
signpost_arenas=$(pom malloc-arenas)
echo_jvm="-Xmx512m" # as LoadSetup.ECHO_JVM
echo_classpath="$repo/bot/target/test-classes:$repo/bot/target/classes:$(cat "$echo_classpath_file")"

work=$(mktemp -d "${TMPDIR:-/tmp}/signpost-blackbox.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  if [[ $KEEP != 1 ]]; then
    rm -rf "$work"
  fi
}
trap cleanup EXIT

free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
}

# --- nginx as the Teams connector: 200 and {"id":"1"} (a sent activity's id) to any POST under /v3/conversations/
mkdir -p "$work/nginx"
nginx_port=$(free_port)
cat >"$work/nginx/nginx.conf" <<EOF
worker_processes 1;
daemon off;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  keepalive_requests 1000000;
  keepalive_timeout 75s;
  map \$request_method \$not_post { POST 0; default 1; }
  server {
    listen 127.0.0.1:$nginx_port;
    location /v3/conversations/ {
      # anything but a POST here is logged: the bot asked the connector for something else
      access_log $work/nginx/unexpected.log combined if=\$not_post;
      default_type application/json;
      return 200 '{"id":"1"}';
    }
    location = /nginx_status { stub_status; }
    location / {
      access_log $work/nginx/unexpected.log combined;
      return 404;
    }
  }
}
EOF
nginx -p "$work/nginx/" -c "$work/nginx/nginx.conf" -e "$work/nginx/error.log" &
nginx_pid=$!
pids+=("$nginx_pid")
service_url="http://127.0.0.1:$nginx_port/"
for _ in $(seq 100); do
  curl -s -o /dev/null "http://127.0.0.1:$nginx_port/nginx_status" && break
  sleep 0.05
done
# requests nginx has answered and connections it has accepted so far; each status request counts itself in both, so
# the difference of two readings is one more than the bot's
nginx_counts() { curl -s "http://127.0.0.1:$nginx_port/nginx_status" | awk 'NR == 3 { print $3, $1 }'; }

rss_kib() { awk '/^VmRSS:/ { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }
cpu_ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat" 2>/dev/null || echo 0; }
# CPU of the JVM's JIT compiler threads (a thread's name may hold a space, so its fields are read after the ")")
jit_ticks() {
  local task sum=0
  for task in /proc/"$1"/task/*; do
    if [[ $(cat "$task/comm" 2>/dev/null) == C[12]\ CompilerThre* ]]; then
      sum=$((sum + $(sed 's/.*) //' "$task/stat" 2>/dev/null | awk '{ print $12 + $13 }')))
    fi
  done
  echo "$sum"
}
machine_busy_ticks() { awk 'NR == 1 { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
# time the hypervisor gave to others while this machine wanted to run (a virtual machine's cores are shared)
machine_steal_ticks() { awk 'NR == 1 { print $9 }' /proc/stat; }
ticks_per_second=$(getconf CLK_TCK)
ms_since() { echo $((($(date +%s%N) - $1) / 1000000)); }

# --- the bots
results=$work/results.tsv
: >"$results"
startups=$work/startups.tsv
: >"$startups"
declare -A bot_pid bot_port

# starts a bot, checks one turn by hand, and warms it (and settles it, with SETTLE)
start_bot() {
  local bot=$1 port mport folder log pid started first_ms ready_ms=""
  port=$(free_port)
  mport=$(free_port)
  folder=$work/$bot
  log=$work/$bot.log
  mkdir -p "$folder"
  started=$(date +%s%N)
  if [[ $bot == signpost ]]; then
    # as the owner starts it: the jar, the shipped JVM options, an empty working folder (embedded Redis in ./data)
    (cd "$folder" && MALLOC_ARENA_MAX=$signpost_arenas exec "$java" $signpost_jvm -jar "$jar" \
      --server.port="$port" --management.server.port="$mport") >"$log" 2>&1 &
  else
    (cd "$folder" && exec "$java" $echo_jvm -cp "$echo_classpath" org.signpost.echo.EchoBotApplication \
      --server.port="$port" --management.server.port="$mport" --server.address=127.0.0.1 \
      --spring.config.name=echo) >"$log" 2>&1 &
  fi
  pid=$!
  pids+=("$pid")
  bot_pid[$bot]=$pid
  bot_port[$bot]=$port
  until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "http://127.0.0.1:$port/api/messages") != 000 ]]; do
    if ! kill -0 "$pid" 2>/dev/null || (($(ms_since "$started") > 120000)); then
      echo "$bot did not start; its log: $log" >&2
      tail -20 "$log" >&2
      exit 1
    fi
    sleep 0.05
  done
  first_ms=$(ms_since "$started")
  if [[ $bot == signpost ]]; then
    until [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
      "http://127.0.0.1:$mport/actuator/health/readiness") == 200 ]]; do
      (($(ms_since "$started") < 120000)) || break
      sleep 0.05
    done
    ready_ms=$(ms_since "$started")
  fi
  printf '%s\t%s\t%s\t%s\n' "$bot" "$first_ms" "$ready_ms" \
    "$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds (process running for [0-9.]*)' "$log" | head -1)" >>"$startups"
  echo "$bot: pid $pid, port $port, first answer on /api/messages after $first_ms ms${ready_ms:+, ready (readiness probe 200) after $ready_ms ms}"

  # one turn by hand: answered 200, and its reply reached nginx
  local before after status ignored
  read -r before ignored < <(nginx_counts)
  status=$(curl -s -o "$work/$bot-first-turn.txt" -w '%{http_code}' -H 'Content-Type: application/json' \
    --data-binary "{\"type\":\"message\",\"id\":\"act-first\",\"channelId\":\"msteams\",\"serviceUrl\":\"$service_url\",\"locale\":\"en-GB\",\"from\":{\"id\":\"29:user-first\",\"aadObjectId\":\"aad-first\"},\"recipient\":{\"id\":\"28:signpost-bot\"},\"conversation\":{\"id\":\"a:chat-first\",\"conversationType\":\"personal\",\"tenantId\":\"tenant-1\"},\"channelData\":{\"tenant\":{\"id\":\"tenant-1\"}},\"text\":\"hello\"}" \
    "http://127.0.0.1:$port/api/messages")
  sleep 1
  read -r after ignored < <(nginx_counts)
  echo "$bot: a first turn by hand answered $status, with $((after - before - 1)) send(s) to nginx"
  if [[ $status != 200 || $((after - before - 1)) -lt 1 ]]; then
    echo "$bot: the first turn failed; its log: $log" >&2
    exit 1
  fi

  window "$bot" "$pid" "$port" warm-up 64 "$WARMUP" 0
  local settled=0
  while ((settled < SETTLE)) && awk -v j="$jit_share" 'BEGIN { exit !(j > 0.1) }'; do
    window "$bot" "$pid" "$port" settle 64 10 0
    settled=$((settled + 10))
  done
  ((SETTLE == 0)) || echo "$bot: warmed on for $settled s more; the JIT's share in the last 10 s: $jit_share of a core"
}

fixed_rate_window() {
  local bot=$1
  if ((RATE > 0)); then
    window "$bot" "${bot_pid[$bot]}" "${bot_port[$bot]}" "fixed $RATE/s" "$RATE_CONNECTIONS" "$WINDOW" "$RATE"
  fi
}

stop_bot() {
  local bot=$1 pid=${bot_pid[$1]}
  echo "$bot: log lines at WARN or ERROR: $(grep -cE '\b(WARN|ERROR)\b' "$work/$bot.log" || true) (in $work/$bot.log)"
  kill "$pid"
  for _ in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

# the bots other than this one that are running (with PAIRED=1, the idle one)
others() {
  local bot
  for bot in "${!bot_pid[@]}"; do
    [[ $bot == "$1" ]] || ! kill -0 "${bot_pid[$bot]}" 2>/dev/null || echo "${bot_pid[$bot]}"
  done
}

window() {
  local bot=$1 pid=$2 port=$3 label=$4 connections=$5 seconds=$6 rate=$7
  local out=$work/$bot-${label//[ \/,]/-}.txt sampler before after opened closed busy0 busy1 steal0 steal1 cpu0 cpu1 jit0 jit1
  local idle_pids idle0=0 idle1=0 other
  local rate_args=() threads=$THREADS
  ((threads <= connections)) || threads=$connections
  ((rate == 0)) || rate_args=("$rate")
  (while :; do rss_kib "$pid"; sleep 1; done) >"$out.rss" &
  sampler=$!
  read -r before opened < <(nginx_counts)
  busy0=$(machine_busy_ticks)
  steal0=$(machine_steal_ticks)
  cpu0=$(cpu_ticks "$pid")
  jit0=$(jit_ticks "$pid")
  idle_pids=$(others "$bot")
  for other in $idle_pids; do idle0=$((idle0 + $(cpu_ticks "$other"))); done
  wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout 10s --latency -s "$here/chatter.lua" \
    "http://127.0.0.1:$port/api/messages" -- "$texts" "$service_url" "$PEOPLE" "$threads" "${rate_args[@]}" >"$out" 2>&1
  cpu1=$(cpu_ticks "$pid")
  jit1=$(jit_ticks "$pid")
  for other in $idle_pids; do idle1=$((idle1 + $(cpu_ticks "$other"))); done
  busy1=$(machine_busy_ticks)
  steal1=$(machine_steal_ticks)
  read -r after closed < <(nginx_counts)
  kill "$sampler"
  wait "$sampler" 2>/dev/null || true
  local result non2xx replies rss
  result=$(grep '^RESULT' "$out" || true)
  if [[ -z $result ]]; then
    echo "$bot $label: wrk printed no result:" >&2
    cat "$out" >&2
    exit 1
  fi
  non2xx=$(awk '/Non-2xx or 3xx responses/ { print $NF }' "$out")
  non2xx=${non2xx:-0}
  replies=$((after - before - 1))
  opened=$((closed - opened - 1))
  rss=$(sort -n "$out.rss" | tail -1)
  steal_share=$(awk -v t=$((steal1 - steal0)) -v s="$seconds" -v h="$ticks_per_second" 'BEGIN { printf "%.2f", t / h / s }')
  jit_share=$(awk -v t=$((jit1 - jit0)) -v s="$seconds" -v h="$ticks_per_second" 'BEGIN { printf "%.2f", t / h / s }')
  local idle_note=""
  [[ -z $idle_pids ]] || idle_note=$(awk -v t=$((idle1 - idle0)) -v s="$seconds" -v h="$ticks_per_second" \
    'BEGIN { printf ", the idle bot used %.3f of a core", t / h / s }')
  # one row: bot, window, the RESULT fields, non-2xx, replies, peak RSS (KiB), CPU of the bot, of the machine and of
  # the bot's JIT (ticks)
  printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$bot" "$label" "$result" "$non2xx" "$replies" "$rss" \
    "$((cpu1 - cpu0))" "$((busy1 - busy0))" "$((jit1 - jit0))" >>"$results"
  echo "$bot $label: $(awk -v r="$result" -v bad="$non2xx" -v s="$replies" -v j="$jit_share" -v c="$opened" -v st="$steal_share" 'BEGIN {
    n = split(r, f, /[ =]/); for (i = 2; i < n; i += 2) v[f[i]] = f[i + 1]
    printf "%d turns in %.1f s = %.0f/s, p50 %.1f ms, p99 %.1f ms, non-2xx %d, socket errors %d, late sends %d, replies to nginx %d on %d new connections, JIT %s of a core, stolen by the hypervisor %s of a core",
      v["requests"], v["duration_us"] / 1e6, v["requests"] / (v["duration_us"] / 1e6), v["p50_us"] / 1000,
      v["p99_us"] / 1000, bad, v["connect_errors"] + v["read_errors"] + v["write_errors"] + v["timeouts"], v["late"], s, c, j, st }')$idle_note"
}

echo "black-box cross-check: $(date -u '+%Y-%m-%d %H:%M:%S UTC'), commit $(git -C "$repo" rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "machine: $(nproc) cores, $("$java" -version 2>&1 | head -1), $(wrk -v 2>&1 | head -1 | cut -d' ' -f1-2), $(nginx -v 2>&1 | cut -d' ' -f3)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "settings: WARMUP=$WARMUP WINDOW=$WINDOW CONNECTIONS=\"$CONNECTIONS\" RATE=$RATE RATE_CONNECTIONS=$RATE_CONNECTIONS THREADS=$THREADS PEOPLE=$PEOPLE"
echo "signpost JVM: MALLOC_ARENA_MAX=$signpost_arenas $signpost_jvm ($(tr "\n" " " <"$signpost_args")); echo JVM: $echo_jvm; nginx at $service_url; run folder $work"
if [[ $PAIRED == 1 ]]; then
  read -r -a paired <<<"$BOTS"
  if ((${#paired[@]} != 2)); then
    echo "PAIRED=1 needs two bots in BOTS" >&2
    exit 2
  fi
  for bot in "${paired[@]}"; do
    start_bot "$bot"
  done
  for cycle in $(seq "$CYCLES"); do
    order=("${paired[@]}")
    ((cycle % 2 == 1)) || order=("${paired[1]}" "${paired[0]}")
    for connections in $CONNECTIONS; do
      for bot in "${order[@]}"; do
        window "$bot" "${bot_pid[$bot]}" "${bot_port[$bot]}" "$connections connections, cycle $cycle" "$connections" \
          "$WINDOW" 0
      done
    done
  done
  for bot in "${paired[@]}"; do
    fixed_rate_window "$bot"
  done
  for bot in "${paired[@]}"; do
    stop_bot "$bot"
  done
else
  for bot in $BOTS; do
    start_bot "$bot"
    for connections in $CONNECTIONS; do
      window "$bot" "${bot_pid[$bot]}" "${bot_port[$bot]}" "$connections connections" "$connections" "$WINDOW" 0
    done
    fixed_rate_window "$bot"
    stop_bot "$bot"
  done
fi
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -s $work/nginx/unexpected.log ]]; then
  echo "nginx was asked for something other than a POST under /v3/conversations/ ($(wc -l <"$work/nginx/unexpected.log") requests):"
  head -5 "$work/nginx/unexpected.log"
fi

# --- the table
echo "run folder (wrk outputs, logs, nginx): $work"
awk -F'\t' -v tps="$ticks_per_second" -v startups="$startups" '
  BEGIN {
    while ((getline line < startups) > 0) {
      split(line, up, "\t"); first[up[1]] = up[2]; ready[up[1]] = up[3]
    }
  }
  {
    n = split($3, f, /[ =]/); delete v
    for (i = 2; i < n; i += 2) v[f[i]] = f[i + 1]
    key = $1 SUBSEP $2
    tp[key] = v["requests"] / (v["duration_us"] / 1e6)
    p50[key] = v["p50_us"] / 1000; p99[key] = v["p99_us"] / 1000
    bad[key] = $4 + v["connect_errors"] + v["read_errors"] + v["write_errors"] + v["timeouts"] + v["status_errors"]
    late[key] = v["late"]; per[key] = v["requests"] ? $5 / v["requests"] : 0
    rss[key] = $6 / 1024
    cpu[key] = v["requests"] ? $7 / tps * 1e6 / v["requests"] : 0
    rest[key] = v["requests"] ? ($8 - $7) / tps * 1e6 / v["requests"] : 0
    jit[key] = $9 / tps / (v["duration_us"] / 1e6)
    if ($2 != "warm-up" && $2 != "settle") {
      if (!($2 in seen)) { seen[$2] = 1; order[++windows] = $2 }
      if ($6 / 1024 > peak[$1]) peak[$1] = $6 / 1024
    }
    failed += bad[key] + late[key]
  }
  END {
    printf "\n| window | echo turns/s | Signpost turns/s | ratio | echo p50 / p99 (ms) | Signpost p50 / p99 (ms) | replies per turn (echo / Signpost) | non-2xx + socket errors + late sends | echo / Signpost CPU per turn, bot + rest of machine (us) | JIT threads, share of a core (echo / Signpost) | peak RSS echo / Signpost (MiB) |\n"
    printf "|---|---|---|---|---|---|---|---|---|---|---|\n"
    for (w = 1; w <= windows; w++) {
      e = "echo" SUBSEP order[w]; s = "signpost" SUBSEP order[w]
      printf "| %s | %.0f | %.0f | %s | %.1f / %.1f | %.1f / %.1f | %.2f / %.2f | %d / %d | %.0f + %.0f / %.0f + %.0f | %.2f / %.2f | %.0f / %.0f |\n",
        order[w], tp[e], tp[s], (tp[e] > 0 ? sprintf("%.2fx", tp[s] / tp[e]) : "-"), p50[e], p99[e], p50[s], p99[s],
        per[e], per[s], bad[e] + late[e], bad[s] + late[s], cpu[e], rest[e], cpu[s], rest[s], jit[e], jit[s], rss[e], rss[s]
    }
    for (w = 1; w <= windows; w++) {
      if (split(order[w], part, ", cycle ") != 2) continue
      e = "echo" SUBSEP order[w]; s = "signpost" SUBSEP order[w]
      if (!(part[1] in cycles)) { groups[++ngroups] = part[1]; low[part[1]] = 1e9 }
      cycles[part[1]]++; sum_e[part[1]] += tp[e]; sum_s[part[1]] += tp[s]
      if (tp[e] > 0 && tp[s] / tp[e] < low[part[1]]) low[part[1]] = tp[s] / tp[e]
      if (tp[e] > 0 && tp[s] / tp[e] > high[part[1]]) high[part[1]] = tp[s] / tp[e]
    }
    for (g = 1; g <= ngroups; g++) {
      k = groups[g]
      printf "%s over %d cycles: echo %.0f turns/s, Signpost %.0f turns/s (means): %s; per cycle %.2fx to %.2fx\n", k, cycles[k],
        sum_e[k] / cycles[k], sum_s[k] / cycles[k], (sum_e[k] > 0 ? sprintf("%.2fx", sum_s[k] / sum_e[k]) : "-"), low[k], high[k]
    }
    printf "\npeak RSS over the measured windows: echo %.0f MiB, Signpost %.0f MiB (%s)\n", peak["echo"], peak["signpost"],
      (peak["echo"] > 0 ? sprintf("%.2fx", peak["signpost"] / peak["echo"]) : "-")
    printf "start-up to the first HTTP answer on /api/messages: echo %.1f s, Signpost %.1f s (ready: readiness probe 200 after %.1f s)\n",
      first["echo"] / 1000, first["signpost"] / 1000, ready["signpost"] / 1000
    if (failed > 0) { printf "FAILED: %d answers were not 200, failed on the socket, or were sent late at the fixed rate\n", failed; exit 1 }
  }' "$results"
