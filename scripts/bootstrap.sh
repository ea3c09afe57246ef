#!/usr/bin/env bash
# Install everything notifyplanner needs on a fresh Debian/Ubuntu machine:
# the system libraries Qt 6 loads at run time, a virtual environment in .venv,
# and the package with its test tools. Safe to run again; it only adds what is missing.
#
#   bash scripts/bootstrap.sh         # what the app and the test suite need
#   bash scripts/bootstrap.sh --dev   # also the tools for looking at the output as a person
#                                     # would: Xvfb (scripts/screenshots.py), LibreOffice,
#                                     # Carlito, poppler and faketime (scripts/render_workbook.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

DEV_TOOLS=""
case "${1:-}" in
  --dev) DEV_TOOLS="xvfb xauth libreoffice-calc-nogui libreoffice-writer-nogui fonts-crosextra-carlito poppler-utils faketime" ;;
  "") ;;
  *) echo "usage: bash scripts/bootstrap.sh [--dev]" >&2; exit 2 ;;
esac

QT_LIBS="libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 \
libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 \
libxcb-xinerama0 libxcb-randr0 libxcb-render-util0 libxcb-image0 fonts-dejavu-core"

if command -v apt-get >/dev/null 2>&1; then
  missing=""
  for pkg in $QT_LIBS $DEV_TOOLS; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing="$missing $pkg"
  done
  if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else SUDO="none"; fi
    if [ "$SUDO" = "none" ]; then
      echo "bootstrap: please install these system packages:$missing" >&2
    else
      echo "bootstrap: installing system packages:$missing"
      $SUDO apt-get update -qq
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
    fi
  fi
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e ".[test]"
echo "bootstrap: ready. Start the app with .venv/bin/notifyplanner"
