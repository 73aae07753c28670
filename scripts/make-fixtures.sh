#!/usr/bin/env bash
# Makes the spreadsheet fixtures under tests/fixtures/excel/ with programs other than ours, so the reader is
# tested on files it did not write. The outputs are committed: CI does not need LibreOffice.
#   bash scripts/make-fixtures.sh
# Needs: soffice (apt-get install libreoffice-calc-nogui), /usr/bin/python3 with python3-uno (comes with it),
# npm (fetches officecrypto-tool into a temporary folder for the encrypted .xlsx).
#
# official.{xlsx,xls}     LibreOffice, from src/official.fods (written by scripts/fixtures/official-fods.ts).
#                         LibreOffice's .xls export stores 0 as the cached result of a text formula (赵六's 工作岗位,
#                         K7); its .xlsx stores the text. The tests expect exactly that.
# official-utf8.csv       LibreOffice, UTF-8 (charset 76)
# official-gbk.csv        LibreOffice, GBK (charset 67 = RTL_TEXTENCODING_GBK)
# official.html           LibreOffice's HTML export (a web page holding the table, as old systems' “xls” files are)
# sheets.xlsx             LibreOffice, from src/sheets.fods (scripts/fixtures/sheets-fods.ts): 填表说明, 在册党员 and
#                         发展党员 sheets, for choosing the sheet to import
# noheader.xlsx           LibreOffice, from src/unrelated.csv (an inventory list, no member columns)
# empty.xlsx              LibreOffice, from an empty CSV
# pdf-renamed.xlsx        LibreOffice's PDF export of src/notice.csv, renamed
# image-renamed.xlsx      a small PNG (written by node's zlib here), renamed
# truncated.xlsx          official.xlsx cut in half
# encrypted.xls           LibreOffice, official.fods saved with password 1234 (BIFF8 FILEPASS), via UNO
# encrypted.xlsx          official.xlsx encrypted with password 1234 by officecrypto-tool (OLE2 EncryptionInfo +
#                         EncryptedPackage, as Excel writes); LibreOffice 7.4 does not encrypt .xlsx from a script
# zipbomb.xlsx            scripts/fixtures/zipbomb.ts: one sheet inflating to 180 MB from 180 KB (ratio ~1000:1)
# wps-like-*              scripts/make-wps-fixtures.ts: the files above rewritten the way WPS Office writes them
# web-archive.xls         Chromium's MHTML (web archive) of official.html, named .xls as web systems' “xls” exports are
#                         (scripts/fixtures/web-archive.mjs; needs /usr/bin/chromium)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/tests/fixtures/excel"
src="$out/src"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-calc-nogui" >&2; exit 1; }

# LibreOffice leaves lock files beside what it opens: work on copies.
cd "$root"
npx tsx scripts/fixtures/official-fods.ts "$src/official.fods"
npx tsx scripts/fixtures/sheets-fods.ts "$src/sheets.fods"
cp "$src"/official.fods "$src"/sheets.fods "$src"/unrelated.csv "$src"/notice.csv "$work/"
: > "$work/empty.csv"
# The CSV import filter only for CSV sources: given for a .fods it reads the XML as lines of text.
lo() {
  local in=()
  case "$2" in *.csv) in=(--infilter='Text - txt - csv (StarCalc):44,34,76') ;; esac
  soffice --headless -env:UserInstallation="file://$work/profile" "${in[@]}" --convert-to "$1" --outdir "$work/out" "$2" >/dev/null 2>&1
}

lo xlsx "$work/official.fods";  cp "$work/out/official.xlsx" "$out/official.xlsx"
lo xls "$work/official.fods";   cp "$work/out/official.xls" "$out/official.xls"
lo 'csv:Text - txt - csv (StarCalc):44,34,76' "$work/official.fods"; cp "$work/out/official.csv" "$out/official-utf8.csv"
lo 'csv:Text - txt - csv (StarCalc):44,34,67' "$work/official.fods"; cp "$work/out/official.csv" "$out/official-gbk.csv"
lo 'html:HTML (StarCalc)' "$work/official.fods"; cp "$work/out/official.html" "$out/official.html"
lo xlsx "$work/sheets.fods";    cp "$work/out/sheets.xlsx" "$out/sheets.xlsx"
lo 'xlsx:Calc MS Excel 2007 XML' "$work/unrelated.csv"; cp "$work/out/unrelated.xlsx" "$out/noheader.xlsx"
lo 'xlsx:Calc MS Excel 2007 XML' "$work/empty.csv"; cp "$work/out/empty.xlsx" "$out/empty.xlsx"
lo pdf "$work/notice.csv"; cp "$work/out/notice.pdf" "$out/pdf-renamed.xlsx"
# A 16×16 PNG (LibreOffice Calc's headless PNG export fails here; any real PNG will do).
node -e '
const zlib = require("node:zlib");
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (b) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 255] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const t = Buffer.from(type); const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const c = Buffer.alloc(4); c.writeUInt32BE(crc(Buffer.concat([t, data]))); return Buffer.concat([len, t, data, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(16, 0); ihdr.writeUInt32BE(16, 4); ihdr[8] = 8; ihdr[9] = 2;
const raw = Buffer.alloc(16 * (1 + 16 * 3)); for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) raw[y * 49 + 1 + x * 3] = 200;
process.stdout.write(Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]));
' > "$out/image-renamed.xlsx"

size=$(stat -c %s "$out/official.xlsx")
head -c $((size / 2)) "$out/official.xlsx" > "$out/truncated.xlsx"

/usr/bin/python3 scripts/fixtures/save-with-password.py "$work/official.fods" "$out/encrypted.xls" 1234
npm install --no-save --no-audit --no-fund --silent --prefix "$work/octool" officecrypto-tool@0.0.19 >/dev/null
NODE_PATH="$work/octool/node_modules" node scripts/fixtures/encrypt-xlsx.cjs "$out/official.xlsx" "$out/encrypted.xlsx" 1234

npx tsx scripts/fixtures/zipbomb.ts "$out/zipbomb.xlsx" 180
npx tsx scripts/make-wps-fixtures.ts
# The web page above saved by Chromium as a web archive (MHTML), named .xls as web systems' exports are.
node scripts/fixtures/web-archive.mjs "$out/official.html" "$out/web-archive.xls"
ls -l "$out"
