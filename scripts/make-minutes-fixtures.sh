#!/usr/bin/env bash
# Makes the meeting-minutes fixtures under tests/fixtures/minutes/ with LibreOffice Writer, so the text extractors
# are tested on files they did not write. The outputs are small and committed: CI does not need LibreOffice.
#   bash scripts/make-minutes-fixtures.sh
# Needs: soffice with Writer (apt-get install libreoffice-writer-nogui), iconv.
#
# 2024-03-15 第一党支部支委会会议记录.docx   Writer's .docx of src/docx-source.txt (date and type in the name)
# 党课记录.doc                               Writer's Word 97 (.doc) of src/doc-source.txt (date in Chinese numerals,
#                                           only in the text)
# 联席会议纪要 2023.6.20.pdf                 Writer's PDF of src/pdf-source.txt (embedded CJK font with ToUnicode;
#                                           mixed Chinese, Latin letters and digits)
# 主题党日活动记录.txt                        src/gbk-source.txt in GBK (no BOM)
# 党员大会记录.txt                            src/utf8-source.txt in UTF-8
# 损坏的文件.docx                            the .docx cut in half
# 扫描件.pdf                                 a hand-written PDF that draws a line and holds no text
# 标准编码.pdf                               a hand-written PDF whose Chinese uses the predefined UniGB-UCS2-H encoding
#                                           with a font it does not embed (no ToUnicode): needs pdf.js's CMaps
# 照片.png                                   a 16×16 PNG
# 空白.txt                                   an empty file
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="$root/tests/fixtures/minutes"
src="$out/src"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
command -v soffice >/dev/null || { echo "soffice not found: apt-get install libreoffice-writer-nogui" >&2; exit 1; }

# Writer reads the .txt sources as UTF-8 text (filter option UTF8); LibreOffice leaves lock files beside
# what it opens, so it works on copies.
cp "$src"/*.txt "$work/"
lo() { soffice --headless -env:UserInstallation="file://$work/profile" --infilter='Text (encoded):UTF8,LF,,zh-CN' --convert-to "$1" --outdir "$work/out" "$2" >/dev/null 2>&1; }

lo 'docx:MS Word 2007 XML' "$work/docx-source.txt"; cp "$work/out/docx-source.docx" "$out/2024-03-15 第一党支部支委会会议记录.docx"
lo 'doc:MS Word 97' "$work/doc-source.txt";          cp "$work/out/doc-source.doc" "$out/党课记录.doc"
lo 'pdf:writer_pdf_Export' "$work/pdf-source.txt";   cp "$work/out/pdf-source.pdf" "$out/联席会议纪要 2023.6.20.pdf"
iconv -f UTF-8 -t GBK "$src/gbk-source.txt" > "$out/主题党日活动记录.txt"
cp "$src/utf8-source.txt" "$out/党员大会记录.txt"

docx="$out/2024-03-15 第一党支部支委会会议记录.docx"
size=$(stat -c %s "$docx")
head -c $((size / 2)) "$docx" > "$out/损坏的文件.docx"
: > "$out/空白.txt"

node -e '
// A PDF with one page that strokes a line: a scan-like file with no text to extract.
const objs = [
  "<< /Type /Catalog /Pages 2 0 R >>",
  "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
  "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
];
const stream = "10 10 m 500 800 l S";
objs.push(`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`);
let pdf = "%PDF-1.4\n";
const offsets = [];
objs.forEach((o, i) => { offsets.push(pdf.length); pdf += `${i + 1} 0 obj\n${o}\nendobj\n`; });
const xref = pdf.length;
pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => String(o).padStart(10, "0") + " 00000 n \n").join("");
pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
process.stdout.write(pdf);
' > "$out/扫描件.pdf"

node -e '
const text = "网格员巡查加装电梯";
const hex = [...text].map((c) => c.charCodeAt(0).toString(16).padStart(4, "0")).join("");
const stream = `BT /F1 24 Tf 50 700 Td <${hex}> Tj ET`;
const objs = [
  "<< /Type /Catalog /Pages 2 0 R >>",
  "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
  "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
  `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
  "<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>",
  "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R >>",
  "<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
];
let pdf = "%PDF-1.4\n";
const offsets = [];
objs.forEach((o, i) => { offsets.push(pdf.length); pdf += `${i + 1} 0 obj\n${o}\nendobj\n`; });
const xref = pdf.length;
pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n` + offsets.map((o) => String(o).padStart(10, "0") + " 00000 n \n").join("");
pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
process.stdout.write(pdf);
' > "$out/标准编码.pdf"

node -e '
const zlib = require("node:zlib");
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (b) => { let c = 0xffffffff; for (const x of b) c = crcTable[(c ^ x) & 255] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => { const t = Buffer.from(type); const len = Buffer.alloc(4); len.writeUInt32BE(data.length); const c = Buffer.alloc(4); c.writeUInt32BE(crc(Buffer.concat([t, data]))); return Buffer.concat([len, t, data, c]); };
const ihdr = Buffer.alloc(13); ihdr.writeUInt32BE(16, 0); ihdr.writeUInt32BE(16, 4); ihdr[8] = 8; ihdr[9] = 2;
const raw = Buffer.alloc(16 * (1 + 16 * 3)); for (let y = 0; y < 16; y++) for (let x = 0; x < 16; x++) raw[y * 49 + 1 + x * 3] = 200;
process.stdout.write(Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk("IHDR", ihdr), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]));
' > "$out/照片.png"

ls -l "$out"
