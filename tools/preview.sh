#!/usr/bin/env bash
# Turn a Word report into PDF and PNG pages so a person can look at it.
#   tools/preview.sh RAPPORT.docx [UTMAPP]
# Needs LibreOffice and pdftoppm (Debian: apt-get install libreoffice-writer poppler-utils).
set -euo pipefail
docx=$1
out=${2:-$(dirname "$docx")/preview}
mkdir -p "$out"
libreoffice --headless --convert-to pdf --outdir "$out" "$docx" >/dev/null
pdf="$out/$(basename "${docx%.docx}").pdf"
pdftoppm -png -r 70 "$pdf" "$out/$(basename "${docx%.docx}")"
ls "$out"
