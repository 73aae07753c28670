/**
 * Files that look the way WPS Office (金山 WPS 表格) writes them, made from the LibreOffice fixtures: WPS does not
 * run here, so each characteristic below is reproduced by rewriting LibreOffice's parts, and named after where it
 * was learned. They are NOT WPS output — hence the names wps-like-*. tests/integration/excelRead.test.ts and
 * import.test.ts say what each one checks.
 *   npx tsx scripts/make-wps-fixtures.ts            (after scripts/make-fixtures.sh; needs no LibreOffice itself)
 *
 * wps-like-register.xlsx  official.xlsx repackaged as WPS writes a workbook:
 *   - docProps/custom.xml with KSOProductBuildVer (2052-…: the zh-CN build) and ICV, docProps/app.xml naming
 *     “WPS Office”; workbook.xml with fileVersion appName="xl" … rupBuild="9302" and calcPr calcId="144525";
 *     styles.xml with WPS's default number formats 41–44 (“_ ￥* #,##0.00_ ;…”, built-in ids overridden), 宋体
 *     charset 134 and the Chinese cell-style names. Source: the parts of a WPS-written .xlsx that a Go helper
 *     (package kmgExcel, “file content from wps xlsx file”) embeds verbatim; the same ￥ formats in a WPS file in
 *     SheetJS issue #1455, whose date column showed as 2019年3月15日.
 *   - dates formatted yyyy"年"m"月"d"日" (a custom format, id 176) instead of LibreOffice's yyyy-mm-dd (SheetJS #1455).
 *   - worksheets declaring xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData", rows with spans.
 *     Source: worksheet XML copied from WPS files in several public repositories (WPS cell-image readers).
 *   - a 照片 column whose cells hold pictures “嵌入单元格”: t="str" cells with <f>_xlfn.DISPIMG("ID_…",1)</f> and
 *     the cached text =DISPIMG("ID_…",1), the pictures in xl/cellimages.xml (etc:cellImages) linked from the
 *     workbook by the relationship type http://www.wps.cn/officeDocument/2020/cellImage. Sources: pandas issue
 *     #61888, exceljs issue #2786, wangguanquan/eec issue #363, infiniflow/ragflow PR #17912.
 * wps-like-zip-names.xlsx  the same register with the package's part names written unusually:
 *   - zip entry names with backslashes (xl\worksheets\sheet1.xml): the changelog of a Node xlnt binding (1.0.16)
 *     fixed “WPS workbooks with … backslash ZIP entry separators”;
 *   - zip entry names with a leading slash (/xl/sharedStrings.xml): readers of WPS cell images look up both
 *     'xl/_rels/cellimages.xml.rels' and '/xl/_rels/cellimages.xml.rels' (exceljs issue #2786);
 *   - absolute relationship targets (Target="/xl/worksheets/sheet1.xml"), which files passed through other
 *     generators carry (tidyverse/readxl #294, PHPOffice/PhpSpreadsheet #907).
 * wps-like-webpage.xls  official.html (LibreOffice's HTML export) under the head WPS writes when it saves a sheet
 *   as a web page: <meta name=Generator content="WPS Office ET"> and an <o:CustomDocumentProperties> block with
 *   KSOProductBuildVer. Such pages reach offices renamed .xls. Source: WPS-saved pages of that shape found in several
 *   public repositories (search: "KSOProductBuildVer" "WPS Office ET").
 * wps-like-register.xls  official.xls with the compound file header's CLSID set to Excel's
 *   {00020820-0000-0000-C000-000000000046} instead of zeros: SheetJS issue #1419 (“CLSID: Expected 000… saw
 *   2008020000000000c000000000000046”, on .xls files saved with WPS).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { strFromU8, strToU8, unzipSync } from 'fflate';

const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../tests/fixtures/excel');
const src = (name: string) => fs.readFileSync(path.join(dir, name));

// ------------------------------------------------------------------------------------------- a small zip writer

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Uint8Array): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 255]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** Entries in the order given, each deflated, with exactly the names given (backslashes and slashes kept). */
function zip(entries: [string, Uint8Array][]): Buffer {
  const local: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const [name, data] of entries) {
    const nameBytes = Buffer.from(name, 'utf8');
    const packed = zlib.deflateRawSync(data);
    const crc = crc32(data);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(0x04034b50, 0);
    h.writeUInt16LE(20, 4);
    h.writeUInt16LE(0x800, 6); // UTF-8 names
    h.writeUInt16LE(8, 8);
    h.writeUInt32LE(0x00210000, 10); // 1980-01-01 00:00
    h.writeUInt32LE(crc, 14);
    h.writeUInt32LE(packed.length, 18);
    h.writeUInt32LE(data.length, 22);
    h.writeUInt16LE(nameBytes.length, 26);
    h.writeUInt16LE(0, 28);
    local.push(h, nameBytes, packed);
    const c = Buffer.alloc(46);
    c.writeUInt32LE(0x02014b50, 0);
    c.writeUInt16LE(20, 4);
    c.writeUInt16LE(20, 6);
    c.writeUInt16LE(0x800, 8);
    c.writeUInt16LE(8, 10);
    c.writeUInt32LE(0x00210000, 12);
    c.writeUInt32LE(crc, 16);
    c.writeUInt32LE(packed.length, 20);
    c.writeUInt32LE(data.length, 24);
    c.writeUInt16LE(nameBytes.length, 28);
    c.writeUInt32LE(offset, 42);
    central.push(c, nameBytes);
    offset += 30 + nameBytes.length + packed.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...local, cd, end]);
}

// ------------------------------------------------------------------------------------------- WPS-looking parts

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CELL_IMAGE_REL = 'http://www.wps.cn/officeDocument/2020/cellImage';
const ETC = 'http://www.wps.cn/officeDocument/2017/etCustomData';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

const IMAGE_IDS = ['ID_5F1E2D3C4B5A69788796A5B4C3D2E1F0', 'ID_0A1B2C3D4E5F60718293A4B5C6D7E8F9'];

const appXml = `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>WPS Office 个人版</Application><HeadingPairs><vt:vector size="2" baseType="variant"><vt:variant><vt:lpstr>工作表</vt:lpstr></vt:variant><vt:variant><vt:i4>2</vt:i4></vt:variant></vt:vector></HeadingPairs><TitlesOfParts><vt:vector size="2" baseType="lpstr"><vt:lpstr>党员名册</vt:lpstr><vt:lpstr>代码表</vt:lpstr></vt:vector></TitlesOfParts></Properties>`;
const customXml = `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="ICV"><vt:lpwstr>3B6A2C1D9E8F4A7B8C6D5E4F3A2B1C0D_12</vt:lpwstr></property><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.16729</vt:lpwstr></property></Properties>`;

function rootRels(abs: boolean): string {
  const p = abs ? '/' : '';
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL}"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="${p}xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="${p}docProps/core.xml"/><Relationship Id="rId3" Type="${REL}/extended-properties" Target="${p}docProps/app.xml"/><Relationship Id="rId4" Type="${REL}/custom-properties" Target="${p}docProps/custom.xml"/></Relationships>`;
}

function contentTypes(): string {
  const o = (part: string, type: string) => `<Override PartName="${part}" ContentType="${type}"/>`;
  const sml = 'application/vnd.openxmlformats-officedocument.spreadsheetml';
  return `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="png" ContentType="image/png"/><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>${[
    o('/docProps/app.xml', 'application/vnd.openxmlformats-officedocument.extended-properties+xml'),
    o('/docProps/core.xml', 'application/vnd.openxmlformats-package.core-properties+xml'),
    o('/docProps/custom.xml', 'application/vnd.openxmlformats-officedocument.custom-properties+xml'),
    o('/xl/cellimages.xml', 'application/vnd.wps-officedocument.cellimage+xml'),
    o('/xl/sharedStrings.xml', `${sml}.sharedStrings+xml`),
    o('/xl/styles.xml', `${sml}.styles+xml`),
    o('/xl/workbook.xml', `${sml}.sheet.main+xml`),
    o('/xl/worksheets/sheet1.xml', `${sml}.worksheet+xml`),
    o('/xl/worksheets/sheet2.xml', `${sml}.worksheet+xml`),
  ].join('')}</Types>`;
}

/** workbook.xml as WPS writes it, keeping LibreOffice's sheets (names, state) in order. */
function workbookXml(lo: string): string {
  const sheets = lo.match(/<sheet [^>]*\/>/g) ?? [];
  const wps = sheets.map((s, i) => {
    const name = /name="([^"]*)"/.exec(s)![1];
    const hidden = /state="hidden"/.test(s) ? ' state="hidden"' : '';
    return `<sheet name="${name}" sheetId="${i + 1}"${hidden} r:id="rId${i + 1}"/>`;
  });
  return `${XML_HEAD}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><fileVersion appName="xl" lastEdited="3" lowestEdited="5" rupBuild="9302"/><workbookPr/><bookViews><workbookView windowWidth="28125" windowHeight="12540"/></bookViews><sheets>${wps.join('')}</sheets><calcPr calcId="144525"/></workbook>`;
}

function workbookRels(sheetCount: number, abs: boolean): string {
  const p = abs ? '/xl/' : '';
  const rels = Array.from({ length: sheetCount }, (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="${p}worksheets/sheet${i + 1}.xml"/>`);
  const n = sheetCount;
  rels.push(
    `<Relationship Id="rId${n + 1}" Type="${REL}/theme" Target="${p}theme/theme1.xml"/>`,
    `<Relationship Id="rId${n + 2}" Type="${REL}/styles" Target="${p}styles.xml"/>`,
    `<Relationship Id="rId${n + 3}" Type="${REL}/sharedStrings" Target="${p}sharedStrings.xml"/>`,
    `<Relationship Id="rId${n + 4}" Type="${CELL_IMAGE_REL}" Target="${p}cellimages.xml"/>`,
  );
  return `${XML_HEAD}<Relationships xmlns="${PKG_REL}">${rels.join('')}</Relationships>`;
}

/**
 * styles.xml the way WPS writes it, with LibreOffice's four cell formats (s=0…3) kept in place: 0 and 1 text or
 * general, 2 a date, 3 wrapped text. The date is yyyy"年"m"月"d"日" (custom id 176) as a Chinese clerk sees it.
 */
const stylesXml = `${XML_HEAD}<styleSheet xmlns="${MAIN}"><numFmts count="5"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt numFmtId="41" formatCode="_ * #,##0_ ;_ * \\-#,##0_ ;_ * &quot;-&quot;_ ;_ @_ "/><numFmt numFmtId="42" formatCode="_ &quot;￥&quot;* #,##0_ ;_ &quot;￥&quot;* \\-#,##0_ ;_ &quot;￥&quot;* &quot;-&quot;_ ;_ @_ "/><numFmt numFmtId="43" formatCode="_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * &quot;-&quot;??_ ;_ @_ "/><numFmt numFmtId="44" formatCode="_ &quot;￥&quot;* #,##0.00_ ;_ &quot;￥&quot;* \\-#,##0.00_ ;_ &quot;￥&quot;* &quot;-&quot;??_ ;_ @_ "/></numFmts><fonts count="2"><font><sz val="11"/><color theme="1"/><name val="宋体"/><charset val="134"/><scheme val="minor"/></font><font><sz val="12"/><name val="宋体"/><charset val="134"/></font></fonts><fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills><borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders><cellStyleXfs count="6"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"><alignment vertical="center"/></xf><xf numFmtId="43" fontId="0" fillId="0" borderId="0" applyFont="0" applyFill="0" applyBorder="0" applyAlignment="0" applyProtection="0"><alignment vertical="center"/></xf><xf numFmtId="44" fontId="0" fillId="0" borderId="0" applyFont="0" applyFill="0" applyBorder="0" applyAlignment="0" applyProtection="0"><alignment vertical="center"/></xf><xf numFmtId="9" fontId="0" fillId="0" borderId="0" applyFont="0" applyFill="0" applyBorder="0" applyAlignment="0" applyProtection="0"><alignment vertical="center"/></xf><xf numFmtId="41" fontId="0" fillId="0" borderId="0" applyFont="0" applyFill="0" applyBorder="0" applyAlignment="0" applyProtection="0"><alignment vertical="center"/></xf><xf numFmtId="42" fontId="0" fillId="0" borderId="0" applyFont="0" applyFill="0" applyBorder="0" applyAlignment="0" applyProtection="0"><alignment vertical="center"/></xf></cellStyleXfs><cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"><alignment vertical="center"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"><alignment vertical="center"/></xf><xf numFmtId="176" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"><alignment vertical="center"/></xf><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf></cellXfs><cellStyles count="6"><cellStyle name="常规" xfId="0" builtinId="0"/><cellStyle name="千位分隔" xfId="1" builtinId="3"/><cellStyle name="货币" xfId="2" builtinId="4"/><cellStyle name="百分比" xfId="3" builtinId="5"/><cellStyle name="千位分隔[0]" xfId="4" builtinId="6"/><cellStyle name="货币[0]" xfId="5" builtinId="7"/></cellStyles><tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/></styleSheet>`;

const themeXml = `${XML_HEAD}<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="WPS"><a:themeElements><a:clrScheme name="WPS"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2><a:accent1><a:srgbClr val="4874CB"/></a:accent1><a:accent2><a:srgbClr val="EE822F"/></a:accent2><a:accent3><a:srgbClr val="F2BA02"/></a:accent3><a:accent4><a:srgbClr val="75BD42"/></a:accent4><a:accent5><a:srgbClr val="30C0B4"/></a:accent5><a:accent6><a:srgbClr val="E54C5E"/></a:accent6><a:hlink><a:srgbClr val="0026E5"/></a:hlink><a:folHlink><a:srgbClr val="7E1FAD"/></a:folHlink></a:clrScheme><a:fontScheme name="WPS"><a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Hans" typeface="宋体"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:cs typeface=""/><a:font script="Hans" typeface="宋体"/></a:minorFont></a:fontScheme><a:fmtScheme name="WPS"><a:fillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:fillStyleLst><a:lnStyleLst><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln><a:ln w="12700"><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:ln></a:lnStyleLst><a:effectStyleLst><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle><a:effectStyle><a:effectLst/></a:effectStyle></a:effectStyleLst><a:bgFillStyleLst><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill><a:solidFill><a:schemeClr val="phClr"/></a:solidFill></a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>`;

/** A 2×2 PNG (the picture a clerk put in the 照片 column). */
function png(): Uint8Array {
  const chunk = (type: string, data: Buffer) => {
    const t = Buffer.from(type);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc32(Buffer.concat([t, data])));
    return Buffer.concat([len, t, data, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(2, 0);
  ihdr.writeUInt32BE(2, 4);
  ihdr[8] = 8;
  ihdr[9] = 2;
  const raw = Buffer.from([0, 200, 30, 30, 200, 30, 30, 0, 200, 30, 30, 200, 30, 30]);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const cellImagesXml = `${XML_HEAD}<etc:cellImages xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:r="${REL}" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:etc="${ETC}">${IMAGE_IDS.map(
  (id, i) =>
    `<etc:cellImage><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${i + 2}" name="${id}" descr="照片"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr><xdr:blipFill><a:blip r:embed="rId${i + 1}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill><xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="457200" cy="609600"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic></etc:cellImage>`,
).join('')}</etc:cellImages>`;
const cellImagesRels = `${XML_HEAD}<Relationships xmlns="${PKG_REL}">${IMAGE_IDS.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/image" Target="media/image${i + 1}.png"/>`).join('')}</Relationships>`;

const WORKSHEET_OPEN = `<worksheet xmlns="${MAIN}" xmlns:r="${REL}" xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:etc="${ETC}">`;

/**
 * A LibreOffice worksheet rewritten as WPS writes one: its root and header elements, rows with spans and
 * WPS's row attributes; the cells themselves (values, types, styles, formulas) untouched. With `photos`, a 照片
 * column after the last one: its header on row 3 (shared string number `photos`) and a picture on rows 4 and 5.
 */
function worksheetXml(lo: string, photos: number | null): string {
  const dim = /<dimension ref="([A-Z]+)(\d+):([A-Z]+)(\d+)"\/>/.exec(lo)!;
  const lastCol = photos !== null ? 'R' : dim[3]!;
  const width = lastCol.charCodeAt(0) - 64;
  let data = lo.slice(lo.indexOf('<sheetData>'), lo.indexOf('</sheetData>') + '</sheetData>'.length);
  data = data.replace(/<row r="(\d+)"[^>]*?(\/?)>/g, (_m, r: string, empty: string) => {
    const hidden = new RegExp(`<row r="${r}"[^>]*hidden="true"`).test(lo) ? ' hidden="1"' : '';
    return `<row r="${r}" spans="1:${width}"${hidden} ht="13.5"${empty}>`;
  });
  if (photos !== null) {
    const add = (r: number, cell: string) => {
      data = data.replace(new RegExp(`(<row r="${r}"[^>]*>[\\s\\S]*?)</row>`), `$1${cell}</row>`);
    };
    add(3, `<c r="R3" s="1" t="s"><v>${photos}</v></c>`);
    IMAGE_IDS.forEach((id, i) =>
      add(4 + i, `<c r="R${4 + i}" s="1" t="str"><f>_xlfn.DISPIMG(&quot;${id}&quot;,1)</f><v>=DISPIMG(&quot;${id}&quot;,1)</v></c>`),
    );
  }
  const tail = lo.slice(lo.indexOf('</sheetData>') + '</sheetData>'.length);
  const merges = /<mergeCells[\s\S]*?<\/mergeCells>/.exec(tail)?.[0] ?? '';
  return `${XML_HEAD}${WORKSHEET_OPEN}<sheetPr/><dimension ref="${dim[1]}${dim[2]}:${lastCol}${dim[4]}"/><sheetViews><sheetView workbookViewId="0"><selection activeCell="A1" sqref="A1"/></sheetView></sheetViews><sheetFormatPr defaultColWidth="9" defaultRowHeight="13.5"/>${data}${merges}<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/><headerFooter/></worksheet>`;
}

function wpsParts(lo: Record<string, Uint8Array>, abs: boolean): [string, Uint8Array][] {
  const text = (name: string) => strFromU8(lo[name]!);
  const wb = text('xl/workbook.xml');
  const sheetCount = (wb.match(/<sheet /g) ?? []).length;
  // The 照片 header joins the shared strings, as any text typed in WPS does.
  const sst = text('xl/sharedStrings.xml');
  const photoIndex = (sst.match(/<si>/g) ?? []).length;
  const sstWithPhoto = sst.replace(/uniqueCount="\d+"/, `uniqueCount="${photoIndex + 1}"`).replace('</sst>', '<si><t>照片</t></si></sst>');
  const parts: [string, string | Uint8Array][] = [
    ['[Content_Types].xml', contentTypes()],
    ['_rels/.rels', rootRels(abs)],
    ['docProps/app.xml', appXml],
    ['docProps/core.xml', lo['docProps/core.xml']!],
    ['docProps/custom.xml', customXml],
    ['xl/workbook.xml', workbookXml(wb)],
    ['xl/_rels/workbook.xml.rels', workbookRels(sheetCount, abs)],
    ['xl/theme/theme1.xml', themeXml],
    ['xl/styles.xml', stylesXml],
    ['xl/sharedStrings.xml', sstWithPhoto],
    ...Array.from({ length: sheetCount }, (_, i): [string, string] => [
      `xl/worksheets/sheet${i + 1}.xml`,
      worksheetXml(text(`xl/worksheets/sheet${i + 1}.xml`), i === 0 ? photoIndex : null),
    ]),
    ['xl/cellimages.xml', cellImagesXml],
    ['xl/_rels/cellimages.xml.rels', cellImagesRels],
    ...IMAGE_IDS.map((_, i): [string, Uint8Array] => [`xl/media/image${i + 1}.png`, png()]),
  ];
  return parts.map(([n, d]) => [n, typeof d === 'string' ? strToU8(d) : d]);
}

// ------------------------------------------------------------------------------------------- the files

const lo = unzipSync(src('official.xlsx'));

fs.writeFileSync(path.join(dir, 'wps-like-register.xlsx'), zip(wpsParts(lo, false)));

// The same parts, their names written with backslashes under xl\worksheets and a leading slash elsewhere in xl/.
fs.writeFileSync(
  path.join(dir, 'wps-like-zip-names.xlsx'),
  zip(
    wpsParts(lo, true).map(([n, d]): [string, Uint8Array] => [
      n.startsWith('xl/worksheets/') || n.startsWith('xl/_rels/') ? n.replace(/\//g, '\\') : n.startsWith('xl/') ? `/${n}` : n,
      d,
    ]),
  ),
);

// .xls: the compound file header's CLSID (bytes 8–23) as WPS leaves it: Excel.Sheet.8's class id.
const xls = Buffer.from(src('official.xls'));
Buffer.from('2008020000000000c000000000000046', 'hex').copy(xls, 8);
fs.writeFileSync(path.join(dir, 'wps-like-register.xls'), xls);

// A web page: WPS's head over LibreOffice's table.
const page = src('official.html').toString('utf8');
const wpsHead = `<html xmlns:v="urn:schemas-microsoft-com:vml"
xmlns:o="urn:schemas-microsoft-com:office:office"
xmlns:x="urn:schemas-microsoft-com:office:excel"
xmlns="http://www.w3.org/TR/REC-html40">
 <head>
  <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
  <meta name="ProgId" content="Excel.Sheet">
  <meta name="Generator" content="WPS Office ET">
  <!--[if gte mso 9]>
   <xml>
    <o:DocumentProperties>
     <o:Author>Administrator</o:Author>
     <o:Created>2024-03-01T09:12:40</o:Created>
     <o:LastAuthor>Administrator</o:LastAuthor>
     <o:LastSaved>2024-03-01T09:30:05</o:LastSaved>
    </o:DocumentProperties>
    <o:CustomDocumentProperties>
     <o:KSOProductBuildVer dt:dt="string">2052-11.1.0.10132</o:KSOProductBuildVer>
    </o:CustomDocumentProperties>
   </xml>
  <![endif]-->
 </head>
`;
fs.writeFileSync(path.join(dir, 'wps-like-webpage.xls'), wpsHead + page.slice(page.indexOf('<body')));

for (const f of ['wps-like-register.xlsx', 'wps-like-zip-names.xlsx', 'wps-like-webpage.xls', 'wps-like-register.xls']) {
  console.log(`${f}\t${fs.statSync(path.join(dir, f)).size} bytes`);
}
