#!/usr/bin/env bash
# Renders a report page in headless Chromium and saves a full-page screenshot, to look at what a
# reader sees (charts drawn, axes titled) without a desktop. Console messages (script errors, CSP
# violations) go to <out.png>.console.log; the exit code is 1 when any was an error.
# Usage: bench/screenshot-report.sh <report.html> <out.png> [width] [height]   (default 1280 x 3000)
# Needs chromium (Debian: apt-get install -y chromium).
set -euo pipefail
[ $# -ge 2 ] || { echo "usage: $0 <report.html> <out.png> [width] [height]" >&2; exit 2; }
page="$(realpath "$1")"
out="$(realpath -m "$2")"
width="${3:-1280}"
height="${4:-3000}"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
[ -n "$browser" ] || { echo "no chromium on PATH (apt-get install -y chromium)" >&2; exit 2; }
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
# No network, no background services: the page must draw from what it carries. The virtual time
# budget lets the page's scripts run to completion before the shot.
"$browser" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --hide-scrollbars --user-data-dir="$profile" --window-size="$width,$height" \
  --virtual-time-budget=5000 --enable-logging=stderr --v=0 \
  --screenshot="$out" "file://$page" 2> "$profile/stderr.log" >/dev/null
grep -E 'CONSOLE|Content Security Policy|Uncaught' "$profile/stderr.log" > "$out.console.log" || true
[ -s "$out" ] || { echo "no screenshot written; chromium said:" >&2; tail -20 "$profile/stderr.log" >&2; exit 1; }
echo "$out"
if grep -qiE 'error|Uncaught|Content Security Policy' "$out.console.log"; then
  echo "the page logged errors:" >&2
  cat "$out.console.log" >&2
  exit 1
fi
