#!/usr/bin/env bash
# Make a Chromium available to Playwright, which cannot download its own here.
# TOASTKIT_CHROMIUM=/path/to/chrome picks one; TOASTKIT_CHROMIUM=playwright uses
# Playwright's own browsers (install them with `playwright install chromium`).
set -euo pipefail
if [ -n "${TOASTKIT_CHROMIUM:-}" ] || command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "==> Installing Debian's chromium"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
else
  echo "No chromium found: install it (apt-get install chromium) or set TOASTKIT_CHROMIUM." >&2
  echo "The end-to-end tests will fail without it." >&2
fi
