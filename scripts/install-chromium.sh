#!/usr/bin/env bash
# Make a Chromium available to Playwright, which cannot download its own here.
# TOASTKIT_CHROMIUM=/path/to/chrome picks one; TOASTKIT_CHROMIUM=playwright uses
# Playwright's own browsers (install them with `playwright install chromium`).
# Without a browser it stops at once: the browser tests must fail, never skip,
# and nobody should wait minutes for the other sessions to find that out.
set -euo pipefail
source "$(dirname "$0")/_lib.sh"
HOW="run as root (Debian's chromium is installed), or set TOASTKIT_CHROMIUM=/path/to/chrome or TOASTKIT_CHROMIUM=playwright"
case "${TOASTKIT_CHROMIUM:-}" in
  playwright) exit 0 ;;
  "") command -v chromium >/dev/null 2>&1 && exit 0 ;;
  *) [ -x "$TOASTKIT_CHROMIUM" ] && exit 0
     echo "No browser at TOASTKIT_CHROMIUM=$TOASTKIT_CHROMIUM: $HOW." >&2
     exit 1 ;;
esac
apt_install chromium || { echo "No Chromium for the browser tests: $HOW." >&2; exit 1; }
command -v chromium >/dev/null 2>&1 \
  || { echo "Debian's chromium is installed, but not on PATH: set TOASTKIT_CHROMIUM=/path/to/chrome." >&2; exit 1; }
