#!/bin/bash
# Start-up of `./baton demo`: JVM start → the first prompt submitted (the demo's first "prompted" line), for the
# JVM set-ups the launcher can use, run in turn so that each round sees the same load:
#   aot     what the launcher runs on JDK 25+: the ahead-of-time cache it writes after each build (target/baton.aot)
#           and the quick JIT compiler only (C1)
#   aot-c2  the same cache with both JIT compilers (the JVM's default, the launcher's before)
#   cds     the class-data archive it used before the cache, written on first use (target/baton-bench.jsa, trained
#           here), C1 only
#   none    neither, C1 only
# Usage: tools/startup-benchmark.sh [ROUNDS]   (default 3); prints one line per start and the medians.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
rounds=${1:-3}
"$here/baton" --help >/dev/null 2>&1 # builds, unpacks and trains target/baton.aot when stale
# the JDK the launcher picks: JAVA_HOME when it is 21+, else the newest under /usr/lib/jvm
java=""
for d in ${JAVA_HOME:-} /usr/lib/jvm/*; do
  m=$("$d/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | cut -d. -f1)
  if [ "${m:-0}" -ge 25 ]; then java="$d/bin/java"; break; fi
done
[ -n "$java" ] || { echo "needs a JDK 25+ (the ahead-of-time cache)" >&2; exit 2; }
app="$here/target/app/baton.jar"
jsa="$here/target/baton-bench.jsa"
common=(-XX:+UseSerialGC --sun-misc-unsafe-memory-access=allow "-Dbaton.bpmn=$here/bpmn/baton.bpmn")
c1=-XX:TieredStopAtLevel=1
[ -f "$here/target/baton.aot" ] || { echo "no target/baton.aot: needs JDK 25+ and a successful training" >&2; exit 2; }

# one start: prints the milliseconds to the first prompt, then stops the demo and its tmux server
first_prompt() {
  local log start now sock
  log=$(mktemp)
  start=$(date +%s%N)
  "$java" "$@" "${common[@]}" -jar "$app" demo >"$log" 2>&1 &
  local pid=$!
  until grep -q prompted "$log"; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "the demo ended before its first prompt:" >&2; cat "$log" >&2; exit 1; fi
    sleep 0.02
  done
  now=$(date +%s%N)
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  sock=$(grep -o 'tmux -L [^ ]*' "$log" | tail -n 1 | cut -d' ' -f3 || true)
  [ -n "$sock" ] && tmux -L "$sock" kill-server 2>/dev/null || true
  rm -f "$log"
  echo $(((now - start) / 1000000))
}

[ "$jsa" -nt "$app" ] || rm -f "$jsa" # an archive of older jars would be refused
if [ ! -f "$jsa" ]; then
  first_prompt $c1 -XX:+AutoCreateSharedArchive "-XX:SharedArchiveFile=$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off >/dev/null
fi
declare -A all
for r in $(seq 1 "$rounds"); do
  for setup in aot aot-c2 cds none; do
    case $setup in
      aot) flags=($c1 "-XX:AOTCache=$here/target/baton.aot" -Xlog:aot*=off) ;;
      aot-c2) flags=("-XX:AOTCache=$here/target/baton.aot" -Xlog:aot*=off) ;;
      cds) flags=($c1 "-XX:SharedArchiveFile=$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off) ;;
      none) flags=($c1 -Xshare:auto) ;;
    esac
    sleep 5 # the previous demo's processes wind down
    ms=$(first_prompt "${flags[@]}")
    all[$setup]="${all[$setup]:-} $ms"
    echo "round $r  $setup  ${ms} ms  (load $(cut -d' ' -f1 /proc/loadavg))"
  done
done
for setup in aot aot-c2 cds none; do
  median=$(tr ' ' '\n' <<<"${all[$setup]}" | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "median  $setup  $median ms"
done
