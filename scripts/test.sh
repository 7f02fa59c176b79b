#!/usr/bin/env bash
# The whole test suite, with all set-up: ./scripts/test.sh [nox arguments]
# Unit tests on the Python x Django matrix, Chromium end-to-end tests, the
# wheel test, the inbox on PostgreSQL (its session starts a throwaway server
# with scripts/with-postgres.sh), lint and types, JavaScript lint and size budget.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/_bootstrap.sh
scripts/install-chromium.sh
command -v msgfmt >/dev/null 2>&1 || apt_install gettext \
  || { echo "No gettext for the translation checks: run as root, or install gettext." >&2; exit 1; }
exec nox "$@"
