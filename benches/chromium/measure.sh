#!/bin/sh
# Chromium's rows of the break-quality table in README.md ("Japanese line
# breaking"): the bundled article's paragraphs and list items in a page at
# 20, 30 and 40 em, each character's line read from Range.getClientRects().
# Needs `apt-get install chromium fonts-noto-cjk`.
set -eu
cd "$(dirname "$0")/../.."
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
cargo run --quiet --locked --example break_quality -- html > "$dir/page.html"
chromium --version
# --no-sandbox: Chromium's sandbox refuses to run as root (a CI container).
chromium --headless=new --no-sandbox --disable-gpu --virtual-time-budget=30000 \
    --dump-dom "file://$dir/page.html" > "$dir/dom.html" 2> "$dir/chromium.log" ||
    { cat "$dir/chromium.log" >&2; exit 1; }
cargo run --quiet --locked --example break_quality -- chromium "$dir/dom.html"
