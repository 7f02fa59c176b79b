#!/usr/bin/env bash
# Make a Chromium available to Playwright, which cannot download its own here.
# TOASTKIT_CHROMIUM=/path/to/chrome picks one; TOASTKIT_CHROMIUM=playwright uses
# Playwright's own browsers (install them with `playwright install chromium`).
set -euo pipefail
source "$(dirname "$0")/_lib.sh"
if [ -n "${TOASTKIT_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1; then
  exit 0
fi
apt_install chromium || echo "Or set TOASTKIT_CHROMIUM. The browser tests will fail without one." >&2
