#!/usr/bin/env bash
# Render a workbook the way a printer would see it: PDF through LibreOffice headless, then
# one PNG per page, so a person (or a reviewer) can look at every sheet without Excel.
#
#   scripts/render_workbook.sh [--today YYYY-MM-DD] [--dpi N] WORKBOOK.xlsx OUT_DIR
#
# The urgency colors and the timeline's today column are formulas on TODAY(), so a render
# shows the day it runs on; --today renders "as opened on" that date (needs faketime).
#
# Needs LibreOffice Calc (libreoffice-calc-nogui), Calibri's metrics (fonts-crosextra-carlito;
# without it widths differ from Excel), pdftoppm (poppler-utils) and, for --today, faketime:
# `bash scripts/bootstrap.sh --dev` installs them all.
set -euo pipefail

usage() {
    echo "usage: $0 [--today YYYY-MM-DD] [--dpi N] WORKBOOK.xlsx OUT_DIR" >&2
    exit 2
}

today=""
dpi=80
while [[ $# -gt 0 ]]; do
    case $1 in
        --today) today=${2:-}; shift 2 || usage ;;
        --dpi) dpi=${2:-}; shift 2 || usage ;;
        -h|--help) usage ;;
        *) break ;;
    esac
done
[[ $# -eq 2 ]] || usage
workbook=$1
out=$2

if [[ ! -f $workbook ]]; then
    echo "render_workbook: no such file: $workbook" >&2
    exit 2
fi
soffice_bin=$(command -v soffice || command -v libreoffice || true)
if [[ -z $soffice_bin ]]; then
    echo "render_workbook: LibreOffice not found (apt-get install -y libreoffice-calc-nogui)" >&2
    exit 2
fi
if ! command -v pdftoppm >/dev/null; then
    echo "render_workbook: pdftoppm not found (apt-get install -y poppler-utils)" >&2
    exit 2
fi
# grep reads all of fc-list's output (no -q): an early exit would break the pipe, and under
# pipefail that reads as "missing" even when the font is installed.
if ! fc-list : family | grep -i carlito >/dev/null; then
    echo "render_workbook: warning: Carlito font missing; column widths will not match Excel" >&2
fi
clock=()
if [[ -n $today ]]; then
    if ! command -v faketime >/dev/null; then
        echo "render_workbook: --today needs faketime (scripts/bootstrap.sh --dev installs it)" >&2
        exit 2
    fi
    clock=(faketime "$today 09:00:00")
fi

mkdir -p "$out"
# A private profile: a LibreOffice already running for the user would otherwise swallow the job.
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
"${clock[@]}" "$soffice_bin" --headless --norestore "-env:UserInstallation=file://$profile" \
    --convert-to pdf --outdir "$out" "$workbook" >/dev/null 2>&1

stem=$(basename "${workbook%.*}")
pdf="$out/$stem.pdf"
if [[ ! -s $pdf ]]; then
    echo "render_workbook: LibreOffice wrote no PDF for $workbook" >&2
    exit 1
fi
rm -f "$out/$stem"-page-*.png
pdftoppm -png -r "$dpi" "$pdf" "$out/$stem-page"
echo "$pdf"
ls "$out/$stem"-page-*.png
