#!/bin/sh
# Rebuilds the office-made fixtures from sources/ with LibreOffice (Debian: apt-get install libreoffice-calc-nogui).
# Only for making them: the tests read the committed files, CI has no LibreOffice. See README.md.
set -e
cd "$(dirname "$0")"
export HOME="${TMPDIR:-/tmp}/lo-fixtures-home"   # a profile of its own, so an open LibreOffice does not interfere
out=$(mktemp -d)
# CSV import options: separator 44 (,), quote 34 ("), charset 76 (UTF-8), from line 1, then column/type pairs
# (2 = text, as an office formats its identifier columns; unlisted columns are "standard": numbers become numbers).
TEXT_COLUMNS="2/2/5/2/15/2"
soffice --headless --infilter="CSV:44,34,76,1,$TEXT_COLUMNS" --convert-to xls:"MS Excel 97" --outdir . sources/graduates.csv
soffice --headless --infilter="CSV:44,34,76,1,$TEXT_COLUMNS" --convert-to ods --outdir . sources/graduates.csv
# CSV export options: charset 85 is LibreOffice's GB18030 (GBK is its subset: what Chinese Windows writes).
soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):44,34,85" --outdir "$out" graduates.ods
mv "$out/graduates.csv" graduates-gb18030.csv
soffice --headless --infilter="CSV:44,34,76,1,$TEXT_COLUMNS" --convert-to xlsm:"Calc MS Excel 2007 VBA XML" --outdir . sources/graduates.csv
# 身份证号 left "standard": LibreOffice stores each 18-digit number as a double (15 significant digits).
soffice --headless --infilter="CSV:44,34,76,1" --convert-to xlsx:"Calc MS Excel 2007 XML" --outdir . sources/ids-as-numbers.csv
# Real date cells formatted YYYY/M/D (as Excel on Chinese Windows shows them), saved as CSV as shown, and as .xls.
soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):44,34,76" --outdir "$out" sources/destinations.fods
mv "$out/destinations.csv" destinations-slashed-dates.csv
soffice --headless --convert-to xls:"MS Excel 97" --outdir . sources/destinations.fods
soffice --headless --infilter="CSV:44,34,76,1" --convert-to ods --outdir "$out" sources/surveys.csv
soffice --headless --convert-to "csv:Text - txt - csv (StarCalc):44,34,85" --outdir "$out/gb" "$out/surveys.ods"
mv "$out/gb/surveys.csv" surveys-gb18030.csv
soffice --headless --convert-to xls:"MS Excel 97" --outdir . "$out/surveys.ods"
rm -rf "$out"
# Hostile: one cell at A1, one at IV65536 (a 6 KB file whose sheet spans 16.7 million cells).
soffice --headless --convert-to xls:"MS Excel 97" --outdir . sources/far-cell.fods
