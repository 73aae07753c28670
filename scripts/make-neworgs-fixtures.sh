#!/usr/bin/env bash
# Makes the 两新组织 import fixtures under tests/fixtures/neworgs/ with LibreOffice (a writer other than ours); the
# outputs are committed, CI does not need LibreOffice.
#   bash scripts/make-neworgs-fixtures.sh
#
# src/neworgs.csv   scripts/fixtures/neworgs-csv.ts: title and note rows, the header on row 3, seven organisations
#                   (four good, a wrong check character, an all-digit code, an unknown community), 合计 and 填表人 lines
# neworgs.xlsx      LibreOffice, from the CSV (UTF-8): the all-digit credit code becomes a number, as in Excel
# neworgs.xls       LibreOffice's Excel 97-2003 export of the same
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/tests/fixtures/neworgs"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-calc-nogui" >&2; exit 1; }
cd "$root"
mkdir -p "$out/src"
npx tsx scripts/fixtures/neworgs-csv.ts "$out/src/neworgs.csv"
cp "$out/src/neworgs.csv" "$work/"
lo() {
  soffice --headless -env:UserInstallation="file://$work/profile" --infilter='Text - txt - csv (StarCalc):44,34,76' --convert-to "$1" --outdir "$work/out" "$2" >/dev/null 2>&1
}
lo 'xlsx:Calc MS Excel 2007 XML' "$work/neworgs.csv"; cp "$work/out/neworgs.xlsx" "$out/neworgs.xlsx"
lo 'xls:MS Excel 97' "$work/neworgs.csv"; cp "$work/out/neworgs.xls" "$out/neworgs.xls"
echo "written: $(ls "$out")"
