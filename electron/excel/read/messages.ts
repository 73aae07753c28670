/** Every way reading a spreadsheet can fail, as the Chinese sentence the clerk sees: it names the file and says what to do. */
import { ServiceError } from '../../errors';

const mb = (bytes: number) => Math.round(bytes / (1024 * 1024));
const TABLE_FILES = 'Excel 表格（.xlsx、.xls）或 CSV 文件';

export function readError(message: string): ServiceError {
  return new ServiceError('validation', message);
}

export const msg = {
  tooBig: (f: string, size: number, max: number) =>
    `「${f}」有 ${mb(size)} MB，超过了可以导入的 ${mb(max)} MB。请删去无关的工作表和图片后另存，或分成几个文件导入。`,
  corrupt: (f: string) =>
    `「${f}」文件已损坏或不完整（可能没有下载或复制完），无法读取。请在 Excel 中打开它，重新保存后再导入。`,
  zipBomb: (f: string, max: number) =>
    `「${f}」解压后的内容异常庞大（正常的表格不会超过 ${mb(max)} MB，或压缩得这样小），不像正常的表格文件，已停止读取。请在 Excel 中打开它，只保留需要的工作表，另存为新文件后再导入。`,
  encrypted: (f: string) =>
    `「${f}」：这个文件设置了打开密码，无法读取。请在 Excel 中打开它，取消密码（文件 → 信息 → 保护工作簿 → 用密码进行加密，清空密码）后另存，再导入。`,
  pdf: (f: string) =>
    `「${f}」：这是 PDF 文件，不是表格，无法导入。请找到原始的 Excel 表格（.xlsx 或 .xls）后再导入。`,
  image: (f: string, kind: string) =>
    `「${f}」：这是一张图片（${kind}），不是表格，无法导入。请找到原始的 ${TABLE_FILES}后再导入。`,
  ods: (f: string) =>
    `「${f}」是 ODS 格式（WPS 或 LibreOffice 的表格格式），不是 Excel 文件。请在 WPS 或 LibreOffice 中“另存为” Excel 工作簿（.xlsx）后再导入。`,
  xlsb: (f: string) =>
    `「${f}」是 Excel 二进制工作簿（.xlsb），无法直接导入。请在 Excel 中“另存为” Excel 工作簿（.xlsx）后再导入。`,
  word: (f: string) => `「${f}」：这是 Word 文档，不是表格，无法导入。请选择 ${TABLE_FILES}。`,
  powerpoint: (f: string) => `「${f}」：这是 PowerPoint 演示文稿，不是表格，无法导入。请选择 ${TABLE_FILES}。`,
  archive: (f: string) =>
    `「${f}」是一个压缩包，不是 Excel 表格。请先解压，再选择其中的表格文件（.xlsx、.xls 或 .csv）导入。`,
  webArchiveWithoutTable: (f: string) =>
    `「${f}」是网页存档文件（.mht），里面没有表格。请在 Excel 或 WPS 中打开原来的表格，另存为 Excel 工作簿（.xlsx）后再导入。`,
  notSpreadsheet: (f: string) => `「${f}」不是表格文件，无法读取。请选择 ${TABLE_FILES}。`,
  tooManyRows: (f: string, sheet: string, max: number) =>
    `「${f}」：表格超过 ${max} 行（工作表“${sheet}”），一次导入不了。请分成几个文件导入，每个不超过 ${max} 行。`,
  empty: (f: string) => `「${f}」：表格是空的，没有找到任何内容。请确认选对了文件，并且数据已保存在里面。`,
  xlsUnreadable: (f: string) =>
    `「${f}」无法读取：文件已损坏，或是太旧的 Excel 格式。请在 Excel 或 WPS 中打开它，另存为 Excel 工作簿（.xlsx）后再导入。`,
  busy: (f: string) => `文件正被其他程序（如 Excel）打开，请关闭后再导入：「${f}」。`,
  noAccess: (f: string) => `无法读取「${f}」：文件正被其他程序（如 Excel）打开，或没有读取它的权限。请关闭 Excel 后再导入；仍不行时，把文件复制到桌面再选择。`,
  notFound: (f: string) => `找不到文件「${f}」，它可能已被移动、改名或删除。请重新选择文件。`,
  isFolder: (f: string) => `「${f}」是一个文件夹，请选择其中的表格文件。`,
  readFailed: (f: string) => `读取「${f}」时出错，请把文件复制到桌面后重新选择。`,
};
