#!/usr/bin/env bash
# Makes the organisation-list fixtures under tests/fixtures/excel/ with LibreOffice, so the organisation import
# is tested on files our code did not write. The outputs are small and committed: CI does not need LibreOffice.
# (A sibling of make-fixtures.sh, which makes the member-register fixtures.)
#   bash scripts/make-org-fixtures.sh
# Needs: soffice (apt-get install libreoffice-calc-nogui).
#
# orgs.{xlsx,xls}   LibreOffice, from src/orgs.fods (written by scripts/fixtures/orgs-fods.ts): a title and a
#                   填报单位 line above the header, children before their parents, one row whose parent exists
#                   nowhere, a 填表人 line below.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/tests/fixtures/excel"
src="$out/src"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-calc-nogui" >&2; exit 1; }

cd "$root"
npx tsx scripts/fixtures/orgs-fods.ts "$src/orgs.fods"
# LibreOffice leaves lock files beside what it opens: work on a copy.
cp "$src/orgs.fods" "$work/"
lo() { soffice --headless -env:UserInstallation="file://$work/profile" --convert-to "$1" --outdir "$work/out" "$2" >/dev/null 2>&1; }

lo xlsx "$work/orgs.fods"; cp "$work/out/orgs.xlsx" "$out/orgs.xlsx"
lo xls "$work/orgs.fods";  cp "$work/out/orgs.xls" "$out/orgs.xls"
ls -l "$out"/orgs.*
