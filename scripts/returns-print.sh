#!/usr/bin/env bash
# Prints the 统计报表 workbook the way a clerk would — through another program — to look at the pages:
# seeds a database, exports last year's returns for the whole street and for one community with the CLI, converts
# each workbook to PDF with LibreOffice (each sheet as its own printed pages, with its print settings: A4 landscape,
# one page wide, header rows repeated), and renders every page as a PNG to look at.
#   bash scripts/returns-print.sh [out-dir] [members]
# Needs soffice (apt-get install libreoffice-calc-nogui) and pdftoppm / pdfinfo (poppler-utils). Not run on CI.
# Prints, per workbook, the PDF's page count and each page's size (A4 landscape is 842 x 595 pts).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$(mktemp -d)}"
members="${2:-20000}"
mkdir -p "$out"
db="$out/returns-print.db"
rm -f "$db" "$db-wal" "$db-shm"
cd "$root"
year=$(( $(date +%Y) - 1 ))
npm run -s seed -- --db "$db" --members "$members" >/dev/null
npm run -s cli -- --db "$db" returns export --period "$year" --out "$out/street.xlsx"
community=$(sqlite3 "$db" "SELECT id FROM organisations WHERE kind = 'communityCommittee' ORDER BY sort_order, id LIMIT 1" 2>/dev/null ||
  node -e "const D=require('better-sqlite3');const d=new D(process.argv[1],{readonly:true});console.log(d.prepare(\"SELECT id FROM organisations WHERE kind='communityCommittee' ORDER BY sort_order, id LIMIT 1\").pluck().get())" "$db")
npm run -s cli -- --db "$db" returns export --period "$year" --scope "$community" --out "$out/community.xlsx"
for name in street community; do
  soffice --headless --calc --convert-to pdf --outdir "$out" "$out/$name.xlsx" >/dev/null 2>&1
  pages=$(pdfinfo "$out/$name.pdf" | awk '/^Pages:/ {print $2}')
  echo "$name.pdf: $pages pages"
  pdfinfo -f 1 -l "$pages" "$out/$name.pdf" | awk '/Page.*size/ {print "  " $0}' | sort | uniq -c
  rm -f "$out/$name"-*.png
  pdftoppm -png -r 70 "$out/$name.pdf" "$out/$name"
done
echo "pages as PNG: $out"
