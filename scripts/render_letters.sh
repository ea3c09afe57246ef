#!/usr/bin/env bash
# Render notice-letter drafts the way they will print: PDF through LibreOffice Writer
# headless, then one PNG per page, so a reviewer can look at every draft without Word.
#
#   scripts/render_letters.sh INCIDENT.json OUT_DIR
#
# Needs LibreOffice Writer (libreoffice-writer-nogui) and pdftoppm (poppler-utils):
# `bash scripts/bootstrap.sh --dev` installs them.
set -euo pipefail
[[ $# -eq 2 ]] || { echo "usage: $0 INCIDENT.json OUT_DIR" >&2; exit 2; }
here=$(cd "$(dirname "$0")/.." && pwd)
out=$2
mkdir -p "$out"
# The project's own environment (bootstrap.sh makes .venv); the system python3 has none of
# the libraries. PYTHON=... picks another.
python=${PYTHON:-}
if [[ -z "$python" ]]; then
    if [[ -x "$here/.venv/bin/python" ]]; then python="$here/.venv/bin/python"; else python=python3; fi
fi
PYTHONPATH="$here" "$python" -m notifyplanner letters "$1" "$out"
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
for doc in "$out"/*.docx; do
    soffice --headless --norestore "-env:UserInstallation=file://$profile" \
        --convert-to pdf --outdir "$out" "$doc" >/dev/null
    pdftoppm -r 80 -png "${doc%.docx}.pdf" "${doc%.docx}-page"
done
ls "$out"
