#!/bin/sh
# Renders every page of a report PDF to PNG (for looking at the layout) and prints its fonts
# and images. Usage: scripts/report_pages.sh reports/<dataset>-<timestamp>/report.pdf [DPI]
set -eu
pdf=${1:?usage: $0 report.pdf [dpi]}
dpi=${2:-60}
out=$(dirname "$pdf")/pages
mkdir -p "$out"
pdftoppm -png -r "$dpi" "$pdf" "$out/page"
pdfinfo "$pdf" | grep -E '^(Pages|Page size)'
pdffonts "$pdf"
pdfimages -list "$pdf"
ls "$out"
