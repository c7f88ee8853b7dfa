#!/usr/bin/env bash
# Installs the Debian packages the project needs and a fresh machine may lack:
# Chromium for the browser tests (Playwright cannot download browsers here) and
# the Pango stack WeasyPrint renders with. Safe to run again: it installs only what is missing.
set -euo pipefail
needed=()
command -v chromium >/dev/null 2>&1 || needed+=(chromium)
dpkg -s libpango-1.0-0 >/dev/null 2>&1 || needed+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
command -v pdftoppm >/dev/null 2>&1 || needed+=(poppler-utils)
if ((${#needed[@]})); then
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  echo "Installing system packages: ${needed[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${needed[@]}"
fi
