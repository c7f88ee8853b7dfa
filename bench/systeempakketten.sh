#!/usr/bin/env bash
# Installs the Debian packages the benchmarks need and a fresh machine may lack: wrk, the HTTP
# load generator bench/pages.py drives (it falls back to a slower Python client without it).
# Safe to run again: it installs only what is missing.
set -euo pipefail
command -v wrk >/dev/null 2>&1 && exit 0
if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
echo "Installing system packages: wrk"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends wrk
