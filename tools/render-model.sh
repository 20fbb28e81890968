#!/bin/sh
# Renders bpmn/baton.bpmn with bpmn-js in headless Chromium, the way the Modeler and Operate draw it:
#   docs/baton-overview.png   the top level at 1920x1080
#   docs/baton-phase-3.png    the drill-down of "3. Poll & redistribute" at 1920x1080
#   docs/baton-process.svg    the top level, from bpmn-js's saveSVG
#   docs/baton-operate-pane.png, docs/baton-operate-pane-phase-3.png   the same two at 1440x520, the size of
#                             Operate's diagram pane on a 1440x900 screen, to check the names stay readable there
# Usage: tools/render-model.sh [MODEL] [OUT_DIR]   (BATON_RENDER_PLANES="SubProcess_Test ..." adds drill-downs)
# Needs node/npm and chromium (Debian: apt-get install -y chromium). bpmn-js is installed from the npm registry into
# a cache folder outside the repository (BATON_RENDER_CACHE, default ~/.cache/baton-render).
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
MODEL=${1:-$ROOT/bpmn/baton.bpmn}
OUT=${2:-$ROOT/docs}
CACHE=${BATON_RENDER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/baton-render}
BPMN_JS_VERSION=18.31.1
CHROMIUM=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$CHROMIUM" ] || { echo "render-model: chromium not found (apt-get install -y chromium)" >&2; exit 2; }
command -v node >/dev/null || { echo "render-model: node not found" >&2; exit 2; }

DIST=$CACHE/node_modules/bpmn-js/dist
if [ ! -f "$DIST/bpmn-navigated-viewer.production.min.js" ]; then
  mkdir -p "$CACHE"
  npm install --prefix "$CACHE" --no-audit --no-fund --silent "bpmn-js@$BPMN_JS_VERSION" >&2
fi

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp "$DIST/bpmn-navigated-viewer.production.min.js" "$WORK/viewer.js"
cp -r "$DIST/assets" "$WORK/assets"
node -e 'const fs=require("fs"); fs.writeFileSync(process.argv[2], "window.MODEL=" + JSON.stringify(fs.readFileSync(process.argv[1], "utf8")) + ";")' \
  "$MODEL" "$WORK/model.js"
cat > "$WORK/page.html" <<'HTML'
<!doctype html>
<html><head><meta charset="utf-8">
<link rel="stylesheet" href="assets/diagram-js.css"><link rel="stylesheet" href="assets/bpmn-js.css">
<style>html,body,#canvas{margin:0;width:100%;height:100%;background:#fff;overflow:hidden}
.bjs-breadcrumbs{font:16px sans-serif}</style>
<script src="viewer.js"></script><script src="model.js"></script></head>
<body><div id="canvas"></div><pre id="svg" style="display:none"></pre>
<script>
const params = new URLSearchParams(location.search);
const viewer = new BpmnJS({ container: '#canvas' });
viewer.importXML(window.MODEL).then(async ({ warnings }) => {
  const canvas = viewer.get('canvas');
  const plane = params.get('plane');
  if (plane) {
    canvas.setRootElement(canvas.findRoot(plane + '_plane') || canvas.findRoot(plane));
  }
  canvas.zoom('fit-viewport', 'auto');
  if (canvas.zoom() > 1) {
    canvas.zoom(1, 'auto');
  }
  if (params.get('svg')) {
    const { svg } = await viewer.saveSVG();
    document.getElementById('svg').textContent = svg;
  }
  document.title = 'rendered ' + warnings.length + ' warnings';
}).catch(e => { document.title = 'failed: ' + e.message; });
</script></body></html>
HTML

chrome() {
  profile=$(mktemp -d)
  "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
    --allow-file-access-from-files --window-size="${SIZE:-1920,1080}" --virtual-time-budget=15000 "$@" 2>/dev/null
  rm -rf "$profile"
}

mkdir -p "$OUT"
chrome --screenshot="$OUT/baton-overview.png" "file://$WORK/page.html" >/dev/null
chrome --screenshot="$OUT/baton-phase-3.png" "file://$WORK/page.html?plane=SubProcess_Poll" >/dev/null
SIZE=1440,520 chrome --screenshot="$OUT/baton-operate-pane.png" "file://$WORK/page.html" >/dev/null
SIZE=1440,520 chrome --screenshot="$OUT/baton-operate-pane-phase-3.png" "file://$WORK/page.html?plane=SubProcess_Poll" >/dev/null
for plane in ${BATON_RENDER_PLANES:-}; do  # more drill-downs on request, e.g. BATON_RENDER_PLANES=SubProcess_Test
  chrome --screenshot="$OUT/baton-$plane.png" "file://$WORK/page.html?plane=$plane" >/dev/null
done
chrome --dump-dom "file://$WORK/page.html?svg=1" > "$WORK/dom.html"
node -e '
const fs = require("fs");
const dom = fs.readFileSync(process.argv[1], "utf8");
const m = dom.match(/<pre id="svg"[^>]*>([\s\S]*?)<\/pre>/);
const svg = m ? m[1].replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, "\"").replace(/&#39;/g, "\x27").replace(/&amp;/g, "&") : "";
if (!svg.includes("<svg")) { console.error("render-model: bpmn-js produced no SVG"); process.exit(1); }
fs.writeFileSync(process.argv[2], svg + "\n");
' "$WORK/dom.html" "$OUT/baton-process.svg"
ls -l "$OUT/baton-overview.png" "$OUT/baton-phase-3.png" "$OUT/baton-process.svg" >&2
