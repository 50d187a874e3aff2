#!/usr/bin/env bash
# Builds the example content into public/ and serves it with live reload, printing the URL.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
swift build --product sitegen
.build/debug/sitegen build --content content --output public
echo "example site built in public/; serving it:"
exec .build/debug/sitegen serve --content content --output public --port "${PORT:-1313}"
