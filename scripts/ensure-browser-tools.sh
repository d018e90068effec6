#!/bin/sh
# What the browser tests need besides Python: Debian's Chromium (Playwright drives it
# through executable_path; no browser is ever downloaded by a test tool), and axe-core from
# the npm registry, at the version tests/axe/package-lock.json pins, for the accessibility
# tests. Installs what is missing, with apt-get and npm.
set -eu
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"
if [ -n "$missing" ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "The browser tests need:$missing; install them with your system's packages." >&2
    exit 1
  fi
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    SUDO="sudo"
  fi
  echo "Installing Debian's$missing for the browser tests…" >&2
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi
cd "$(dirname "$0")/../tests/axe"
if ! cmp -s package-lock.json node_modules/.package-lock.json; then
  npm ci --silent --no-audit --no-fund
fi
