import * as z from "zod";
import "./zod-config.js";
import {
  fillTemplate,
  type Lang,
  type Localized,
  localize,
  type PlaceholderData,
  type PlaceholdersIn,
  type PlaceholderValue,
} from "./text.js";

/**
 * The one catalogue of input problems (frictionless-style): a stable code, a title and a
 * message template in both languages. `file` problems make a file unusable, `row` problems
 * reject one record, `notice`s are reported and change nothing.
 */
export type ErrorLevel = "file" | "row" | "notice";

interface CatalogueEntry {
  level: ErrorLevel;
  title: Localized;
  /** When it happens and what to do about it (docs/errors.md). */
  description: string;
  message: Localized;
}

export const errorCatalogue = {
  "file-not-found": {
    level: "file",
    title: { zh: "文件不存在", en: "File not found" },
    description:
      "A file named on the command line does not exist. Check the path (it is relative to the folder the command runs in).",
    message: { zh: "找不到文件 {file}", en: "cannot find the file {file}" },
  },
  "unreadable-file": {
    level: "file",
    title: { zh: "文件无法读取", en: "File cannot be read" },
    description:
      "The file exists but cannot be read: a directory, or no permission. Give a readable file.",
    message: { zh: "无法读取 {file}:{reason}", en: "cannot read {file}: {reason}" },
  },
  "file-too-large": {
    level: "file",
    title: { zh: "文件过大", en: "File too large" },
    description:
      "The file is larger than --max-file-size (256 MB by default); raise the limit if the file is meant to be that large.",
    message: {
      zh: "文件有 {size} 字节,超过上限 {limit} 字节(可用 --max-file-size 调整)",
      en: "the file has {size} bytes, more than the limit of {limit} (see --max-file-size)",
    },
  },
  "not-csv": {
    level: "file",
    title: { zh: "不是 CSV 文件", en: "Not a CSV file" },
    description:
      "The bytes are not text: a gzip stream, an old .xls workbook, binary data. Save the sheet as .xlsx or CSV UTF-8.",
    message: { zh: "{what}", en: "{what}" },
  },
  "empty-file": {
    level: "file",
    title: { zh: "空文件", en: "Empty file" },
    description:
      "The file (or sheet) has no row that could be a header. Check that the right file or sheet was given.",
    message: { zh: "文件没有表头行", en: "the file has no header row" },
  },
  "encoding-error": {
    level: "file",
    title: { zh: "编码错误", en: "Encoding error" },
    description:
      "A byte in the header is neither UTF-8 nor GB18030 (or not the --encoding given), so the columns cannot be trusted. Save the file again as UTF-8, or give --encoding.",
    message: {
      zh: "第 {offset} 字节无法按 {encoding} 解码",
      en: "the byte at offset {offset} does not decode as {encoding}",
    },
  },
  "malformed-csv": {
    level: "file",
    title: { zh: "CSV 格式错误", en: "Malformed CSV" },
    description:
      "A quote opens a field that never closes, or a quoted field is followed by other characters; the file cannot be split into rows reliably. Fix the quotes, or export the sheet again.",
    message: { zh: "{reason}", en: "{reason}" },
  },
  "record-too-large": {
    level: "file",
    title: { zh: "记录过大", en: "Record too large" },
    description:
      "One record is longer than --max-record-size characters, usually an unclosed quote swallowing the rest of the file.",
    message: {
      zh: "一条记录超过 {limit} 个字符(可用 --max-record-size 调整)",
      en: "a record exceeds {limit} characters (see --max-record-size)",
    },
  },
  "unknown-kind": {
    level: "file",
    title: { zh: "无法识别文件类型", en: "Unknown file kind" },
    description:
      "No row among the first 20 names enough columns of an estates or a centers register. Rename the headers, map them with --columns, or force the kind with --estates / --centers.",
    message: {
      zh: "表头既不像住宅小区文件也不像社区用房文件。住宅小区需要:{estateHeaders};社区用房需要:{centerHeaders}",
      en: "the headers fit neither kind. Estates need: {estateHeaders}; centers need: {centerHeaders}",
    },
  },
  "missing-column": {
    level: "file",
    title: { zh: "缺少必需列", en: "Missing required column" },
    description:
      "The header lacks a column every record of its kind needs; the message suggests the unrecognised header it may be. Rename it or map it with --columns.",
    message: {
      zh: "缺少必需列 {zhName}({column}){hint}",
      en: "required column {column} ({zhName}) is missing{hint}",
    },
  },
  "duplicate-column": {
    level: "file",
    title: { zh: "重复列", en: "Duplicate column" },
    description:
      "Two headers name the same column, so the tool cannot tell which to read. Rename or delete one.",
    message: {
      zh: "列 {column} 出现两次:“{firstHeader}”和“{header}”",
      en: "column {column} appears twice: '{firstHeader}' and '{header}'",
    },
  },
  "ragged-row": {
    level: "row",
    title: { zh: "字段数不符", en: "Wrong number of fields" },
    description:
      "The row has fewer cells than the header, or text beyond it: its values cannot be placed in their columns. The row is rejected.",
    message: {
      zh: "该行有 {actual} 个字段,表头有 {expected} 个",
      en: "the row has {actual} fields, the header has {expected}",
    },
  },
  "missing-value": {
    level: "row",
    title: { zh: "缺少必填值", en: "Missing value" },
    description:
      "A required cell is empty or holds a placeholder (无, —, …). In a CSV exported from merged cells, --fill-down COLUMN fills it from the row above. The row is rejected.",
    message: {
      zh: "必填列 {named} 为空{placeholder}",
      en: "required column {named} is empty{placeholder}",
    },
  },
  "shortened-id": {
    level: "row",
    title: { zh: "编号被 Excel 改写", en: "Code shortened by Excel" },
    description:
      "An id cell holds what Excel shows for a long number (3.20506E+11): the code itself was lost when the file was saved. Format the column as text in Excel and export again.",
    message: {
      zh: "“{value}”是 Excel 把长编号显示成的科学计数法,原编号已丢失:请把该列设为“文本”格式后重新导出",
      en: "'{value}' is how Excel shows a long code in scientific notation, and the code itself is lost: format the column as text and export again",
    },
  },
  "invalid-number": {
    level: "row",
    title: { zh: "数字无效", en: "Invalid number" },
    description:
      "A count or area cannot be read as a number (thousands separators, units and 1.2万 are understood). The row is rejected.",
    message: { zh: "“{value}”不是有效的{expected}", en: "'{value}' is not a valid {expected}" },
  },
  "invalid-date": {
    level: "row",
    title: { zh: "日期无效", en: "Invalid date" },
    description:
      "A date cell is not a date in any of the accepted forms, or names a day that does not exist. The row is rejected.",
    message: {
      zh: "“{value}”不是有效日期(如 2010-01-01 或 2010年1月1日)",
      en: "'{value}' is not a valid date (e.g. 2010-01-01 or 2010年1月1日)",
    },
  },
  "invalid-boolean": {
    level: "row",
    title: { zh: "是否值无效", en: "Invalid yes/no value" },
    description:
      "A yes/no cell holds something other than 是/否, √/×, Y/N, yes/no, true/false or 1/0. The row is rejected.",
    message: {
      zh: "“{value}”不是 是/否、√/×、Y/N、yes/no、true/false、1/0 之一",
      en: "'{value}' is not one of 是/否, √/×, Y/N, yes/no, true/false, 1/0",
    },
  },
  "spreadsheet-error": {
    level: "row",
    title: { zh: "单元格是公式错误", en: "Spreadsheet error in a cell" },
    description:
      "A cell the tool reads holds a spreadsheet error value (#REF!, #DIV/0!, #VALUE!, #N/A…) instead of a value: the formula behind it is broken, and recalculating will not mend it. The row is rejected; fix the formula, or type the value, in the workbook.",
    message: {
      zh: "{named} 单元格是公式错误 {value}({meaning}):此行未读取;请在工作簿中修正公式或直接填写数值",
      en: "the {named} cell holds the spreadsheet error {value} ({meaning}): the row is not read; fix the formula, or type the value, in the workbook",
    },
  },
  "unknown-value": {
    level: "row",
    title: { zh: "取值无法识别", en: "Unknown value" },
    description:
      "An enumerated cell (community type, zone, level) holds a value outside its list. The row is rejected.",
    message: { zh: "“{value}”不是 {allowed} 之一", en: "'{value}' is not one of {allowed}" },
  },
  "out-of-range": {
    level: "row",
    title: { zh: "超出范围", en: "Out of range" },
    description:
      "A value is outside what the standard allows (households below 1, a negative area, a phase after the last, a part larger than its whole). The row is rejected.",
    message: { zh: "{named}:{reason}", en: "{named}: {reason}" },
  },
  "duplicate-id-elsewhere": {
    level: "row",
    title: { zh: "编号与另一文件或工作表重复", en: "Id repeated from another input" },
    description:
      "An id already given in an earlier file or sheet of the same kind (after folding width and case): the record is counted once, at its first occurrence, and this row is rejected. If the later file is a supplement meant to replace those rows, give --later-files-replace.",
    message: {
      zh: "编号“{value}”已在 {other} 出现,此行未计入;若本文件是要替换原记录的补充表,请用 --later-files-replace",
      en: "id '{value}' already appears in {other}: this row is not counted; if this file is a supplement meant to replace that row, give --later-files-replace",
    },
  },
  "replaced-record": {
    level: "notice",
    title: { zh: "已被后面的文件替换的记录", en: "Record replaced by a later input" },
    description:
      "With --later-files-replace, a row whose id comes again in a later file or sheet is replaced by that row: it is skipped, and counted among the skipped rows.",
    message: {
      zh: "编号“{value}”的这一行已被 {other} 的同一编号替换(--later-files-replace)",
      en: "this row of id '{value}' is replaced by the row in {other} (--later-files-replace)",
    },
  },
  "duplicate-id": {
    level: "row",
    title: { zh: "编号重复", en: "Duplicate id" },
    description:
      "An id appears a second time in the file (after folding width and case): its households would be counted twice. The later row is rejected.",
    message: {
      zh: "编号“{value}”已在第 {firstLine} 行出现",
      en: "id '{value}' already appears on line {firstLine}",
    },
  },
  "skipped-row": {
    level: "notice",
    title: { zh: "非记录行", en: "Row skipped" },
    description:
      "A totals row (合计、小计) or a line under the table (填报单位、注:…) is not a record: skipped and counted, not an error.",
    message: {
      zh: "第 {line} 行是{what},不是记录,已跳过",
      en: "line {line} is {what}, not a record: skipped",
    },
  },
  "header-row": {
    level: "notice",
    title: { zh: "表头所在行", en: "Header row" },
    description:
      "The header was not the first row: the notice says where it was found and how (a title and unit lines above it, a header in two rows, --header-row).",
    message: {
      zh: "表头在第 {line} 行{how};其上 {above} 行(标题、单位等)不是记录",
      en: "the header is on line {line}{how}; the {above} row(s) above it (a title, a unit line) are not records",
    },
  },
  "unknown-column": {
    level: "notice",
    title: { zh: "未知列", en: "Unknown column" },
    description:
      "Headers the tool does not recognise are ignored; the notice names them and the known column each may be.",
    message: {
      zh: "未识别的列已忽略:{headers}{hint}",
      en: "unrecognised columns ignored: {headers}{hint}",
    },
  },
  "undecodable-value": {
    level: "row",
    title: { zh: "无法解码的单元格", en: "Undecodable cell" },
    description:
      "A cell the tool reads holds bytes the file's encoding refuses; only that row is rejected. Fix the cell or save the file again as UTF-8.",
    message: {
      zh: "{named} 单元格含有不是 {encoding} 编码的字节,此行未读取;请修正该单元格,或将文件另存为 UTF-8",
      en: "the {named} cell holds bytes that are not {encoding}: the row is not read; fix the cell, or save the file again as UTF-8",
    },
  },
  "unreadable-cell": {
    level: "row",
    title: { zh: "无法读取的单元格", en: "Unreadable cell" },
    description:
      "A workbook cell the tool reads cannot be read as it is stored (it names a shared string the workbook does not hold, or holds bytes its sheet's encoding refuses); only that row is rejected. Open the workbook in Excel or WPS, check the cell and save it again.",
    message: {
      zh: "{named} 单元格{reason},此行未读取;请在 Excel 或 WPS 中检查该单元格并重新保存",
      en: "the {named} cell {reason}: the row is not read; check the cell in Excel or WPS and save the workbook again",
    },
  },
  "undecodable-bytes": {
    level: "notice",
    title: { zh: "文件含无法解码的字节", en: "Undecodable bytes" },
    description:
      "The file holds bytes its encoding refuses below the header; rows where they sit in a column the tool reads are rejected one by one (undecodable-value), the others are read.",
    message: {
      zh: "第 {line} 行(第 {offset} 字节)起有不是 {encoding} 编码的字节;只有这些字节所在、且本工具要读取的单元格所在的行未读取",
      en: "bytes that are not {encoding} from line {line} (byte {offset}) on; only the rows where they are in a cell the tool reads are rejected",
    },
  },
  "workbook-unreadable": {
    level: "file",
    title: { zh: "无法读取工作簿", en: "Workbook cannot be read" },
    description:
      "A zip archive that is not a readable .xlsx workbook (cut short, or another kind of archive). Open it in Excel or WPS and save it as .xlsx again.",
    message: {
      zh: "无法读取此工作簿:{reason};请在 Excel 或 WPS 中打开并另存为 .xlsx",
      en: "the workbook cannot be read: {reason}; open it in Excel or WPS and save it as .xlsx again",
    },
  },
  "workbook-too-large": {
    level: "file",
    title: { zh: "工作簿过大", en: "Workbook too large" },
    description:
      "The workbook expands past 4 × --max-file-size or 100 times its own size (at least 64 MB), has over 10,000 parts, a part expands over 200 times or past the size it declares, or a sheet spreads its values over far more cells than it holds: refused as soon as that is seen, whatever the archive declares (a zip bomb guard).",
    message: {
      zh: "工作簿解压后过大,未读取:{reason};请拆分工作簿,或导出为 CSV",
      en: "the workbook is not read, it would expand too far: {reason}; split it, or export the sheet as CSV",
    },
  },
  "sheet-not-found": {
    level: "file",
    title: { zh: "找不到工作表", en: "Sheet not found" },
    description: "--sheet names a sheet the workbook does not have; the message lists its sheets.",
    message: {
      zh: "工作簿中没有工作表“{value}”(有:{sheets});--sheet 可给名称或序号(1 为第一个)",
      en: "the workbook has no sheet '{value}' (it has: {sheets}); --sheet takes a name or a position (1 = the first)",
    },
  },
  "sheet-skipped": {
    level: "notice",
    title: { zh: "未读取的工作表", en: "Sheet skipped" },
    description:
      "A visible sheet holds neither register (an instructions sheet, say) and is not read.",
    message: {
      zh: "工作表“{sheet}”前 20 行中没有符合小区或社区登记表的表头,未读取;如它是登记表,请用 --sheet {sheet} 查看缺少哪些列",
      en: "sheet '{sheet}' has no header that fits the estates or the centers register in its first 20 rows and is not read; if it is a register, --sheet {sheet} says which columns it lacks",
    },
  },
  "hidden-sheet": {
    level: "notice",
    title: { zh: "隐藏的工作表", en: "Hidden sheet" },
    description: "A hidden sheet is not read unless --sheet names it.",
    message: {
      zh: "隐藏的工作表“{sheet}”未读取;要读取它请用 --sheet {sheet}",
      en: "the hidden sheet '{sheet}' is not read; use --sheet {sheet} to read it",
    },
  },
  "hidden-rows": {
    level: "notice",
    title: { zh: "隐藏的行", en: "Hidden rows" },
    description:
      "Rows hidden in Excel (by hand or by a filter) are still records of the register and are read; the notice lists them.",
    message: {
      zh: "有 {count} 个隐藏(或筛选掉)的行,仍按记录读取(第 {rows} 行…)",
      en: "{count} hidden (or filtered-out) row(s) are read as records like any other (rows {rows}…)",
    },
  },
  "merged-cells": {
    level: "notice",
    title: { zh: "合并单元格", en: "Merged cells" },
    description:
      "Each cell of a merged range below the header is read as the range's top-left value (a district typed once over several rows).",
    message: {
      zh: "{count} 个合并单元格的每一格都按其左上角的值读取({ranges}…)",
      en: "{count} merged range(s) read as their top-left value in every cell ({ranges}…)",
    },
  },
  "district-from-sheet": {
    level: "notice",
    title: { zh: "区取自工作表名", en: "District taken from the sheet's name" },
    description:
      "A sheet named for a district the rule pack knows (a workbook with a sheet per district) whose rows have no district column: each row's district is the sheet's. A row that has its own district and names another one is rejected (unreadable-cell).",
    message: {
      zh: "工作表“{sheet}”没有区一列,按工作表名把每一行的区记为 {district}",
      en: "sheet '{sheet}' has no district column: each row's district is taken from its name, {district}",
    },
  },
  "notes-beside-table": {
    level: "notice",
    title: { zh: "表格右侧的备注", en: "Notes beside the table" },
    description:
      "Cells right of a sheet's header (a note typed beside a row) belong to no column: they are read past, and the rows they stand on are read as any other.",
    message: {
      zh: "有 {count} 行在表头最后一列右侧还有内容({cells}…),按备注略过,这些行照常读取",
      en: "{count} row(s) have cells right of the header's last column ({cells}…): read past as notes; the rows are read as any other",
    },
  },
  "merged-range-clipped": {
    level: "notice",
    title: { zh: "合并区域超出数据范围", en: "Merged range clipped" },
    description:
      "A merged range reaches past the sheet's last row or column that holds a value; it is read only as far as the values go, and never makes rows the sheet does not have.",
    message: {
      zh: "{count} 个合并区域超出了工作表的数据范围,只按有数据的行列读取({ranges}…)",
      en: "{count} merged range(s) reach past the sheet's data and are read only as far as its values go ({ranges}…)",
    },
  },
  "formula-evaluated": {
    level: "notice",
    title: { zh: "公式已由本工具计算", en: "Formula evaluated" },
    description:
      "A formula cell had no stored result (the workbook was written by a program that never calculated it) and is plain arithmetic over cells of its sheet (+ − × ÷, SUM): the tool calculates it exactly and reads the result. Any other such formula makes its row unreadable-cell.",
    message: {
      zh: "{count} 个公式单元格没有保存计算结果,已按本表单元格精确计算({cells}…)",
      en: "{count} formula cell(s) had no stored value and were calculated exactly from the sheet's cells ({cells}…)",
    },
  },
  "formula-without-value": {
    level: "notice",
    title: { zh: "公式没有计算结果", en: "Formula without a value" },
    description:
      "A formula cell has no stored result (the workbook was written by a program that never calculated it), so it is read as the formula's text. Open, recalculate and save it in Excel or WPS.",
    message: {
      zh: "{count} 个公式单元格没有保存计算结果({cells}…),按公式文字读取;请在 Excel 或 WPS 中打开、重新计算并保存",
      en: "{count} formula cell(s) hold no computed value ({cells}…) and are read as the formula's text; open the workbook in Excel or WPS, recalculate and save it",
    },
  },
} as const satisfies Record<string, CatalogueEntry>;

/**
 * Pieces the catalogue's messages take as placeholders ({hint}, {placeholder}, {how}…), in both
 * languages with placeholders of their own: a message is never put together per language in code.
 */
export const problemPhrases = {
  notCsvWorkbook: {
    zh: "这是 Excel 工作簿(.xlsx)或 ZIP 压缩包,不是 CSV:工作簿请作为文件给出(可直接读取),不要经管道传入",
    en: "this is an Excel workbook (.xlsx) or a ZIP archive, not CSV: give a workbook as a file (it is read directly), not through a pipe",
  },
  notCsvOldWorkbook: {
    zh: "这是旧版 Excel 工作簿(.xls)或 WPS 表格(.et),不是 CSV:.xls 请作为文件给出(可直接读取);.et 请另存为 .xlsx",
    en: "this is an old Excel workbook (.xls) or a WPS sheet (.et), not CSV: give an .xls as a file (it is read directly); save an .et as .xlsx",
  },
  notCsvGzip: {
    zh: "这是 gzip 压缩文件,请先解压",
    en: "this is a gzip-compressed file: decompress it first",
  },
  notCsvBinary: {
    zh: "文件含有 NUL 字节,是二进制数据而不是文本",
    en: "the file holds NUL bytes: binary data, not text",
  },
  rangeNotPositive: { zh: "应为正整数", en: "must be a positive integer" },
  rangeNegative: { zh: "不能为负数", en: "must not be negative" },
  rangeTooLarge: { zh: "数值过大", en: "is implausibly large" },
  rangePhaseBelowOne: { zh: "期数至少为 1", en: "must be 1 or more" },
  rangePhaseAfterLast: {
    zh: "社区用房期次不能大于总期数",
    en: "the community space phase is after the last phase",
  },
  rangePartExceedsWhole: {
    zh: "公共服务用房面积不能大于办公用房面积",
    en: "the public service area exceeds the whole office area",
  },
  rangeEmpty: { zh: "不能为空", en: "must not be empty" },
  errorRef: { zh: "公式引用的单元格已被删除", en: "a formula refers to cells that were deleted" },
  errorDivZero: { zh: "公式除以零", en: "a formula divides by zero" },
  errorValue: { zh: "公式的参数类型不对", en: "a formula is given a value of the wrong type" },
  errorNotAvailable: { zh: "查找公式没有找到值", en: "a lookup formula found no value" },
  errorName: {
    zh: "公式使用了不存在的函数或名称",
    en: "a formula uses a name or function that does not exist",
  },
  errorNum: { zh: "公式的数值无效", en: "a formula's number is not valid" },
  errorNull: { zh: "公式的区域不相交", en: "a formula's ranges do not meet" },
  errorSpill: { zh: "公式结果无法展开", en: "a formula's results cannot spill" },
  errorCalc: { zh: "公式无法计算", en: "a formula cannot be calculated" },
  districtAgainstSheet: {
    zh: "是“{own}”,而所在工作表“{sheet}”是另一个区",
    en: "says '{own}', but its sheet is '{sheet}', another district",
  },
  formulaNotEvaluated: {
    zh: "是没有保存结果的公式(={formula}),本工具只计算本表单元格的加减乘除和 SUM;请在 Excel 或 WPS 中打开、重新计算并保存",
    en: "holds a formula with no stored value (={formula}) beyond the arithmetic over this sheet's cells (+ − × ÷, SUM) the tool evaluates; open the workbook in Excel or WPS, recalculate and save it",
  },
  sharedStringMissing: {
    zh: "引用了第 {index} 个共享字符串,而工作簿只有 {count} 个",
    en: "names shared string {index}, but the workbook holds {count}",
  },
  pageBytesRefused: {
    zh: "含有无法按网页声明的编码解码的字节",
    en: "holds bytes the page's encoding refuses",
  },
  sheetBytesRefused: {
    zh: "含有无法按该表声明的编码解码的字节",
    en: "holds bytes the sheet's declared encoding refuses",
  },
  placeLine: { zh: "{place} 第 {line} 行", en: "{place} line {line}" },
  mergedCellHint: {
    zh: "(若原表是合并单元格,用 --fill-down {header} 按上一行填入)",
    en: " (if it was a merged cell, --fill-down {header} fills it from the row above)",
  },
  placeholderHint: {
    zh: "(“{cell}”表示没有值,请填写)",
    en: " ('{cell}' stands for no value: fill it in)",
  },
  totalsRow: { zh: "合计行", en: "a totals row (合计)" },
  footerRow: { zh: "表尾的签名或注释行", en: "a signature or note line under the table" },
  wholeNumber: { zh: "整数", en: "whole number" },
  number: { zh: "数字", en: "number" },
  date: { zh: "日期", en: "date" },
  boolean: { zh: "是/否", en: "yes/no" },
  listedValue: { zh: "可选值", en: "listed value" },
  headerGuessed: { zh: ",但它不完全符合任何一类文件", en: ", though it fits neither kind fully" },
  headerGiven: { zh: "(--header-row 指定)", en: " (as --header-row says)" },
  headerCombined: {
    zh: ",由第 {above}–{line} 行两行表头合成",
    en: ", combined from the two rows {above}–{line}",
  },
  headerSuggestion: { zh: "“{header}”可能是 {column}", en: "'{header}' may be {column}" },
  headerSuggestions: {
    zh: ";{suggestions}(可改列名或用 --columns 映射)",
    en: "; {suggestions} (rename it or map it with --columns)",
  },
  suggestionSeparator: { zh: ";", en: "; " },
  quoteNotClosed: {
    zh: "引号未闭合:从此行开始的带引号字段直到文件末尾都没有结束",
    en: "a quoted field that opens on this line is never closed",
  },
  quoteFollowed: {
    zh: "引号使用错误:字段的结束引号后还有其他字符({code})",
    en: "a quoted field is followed by other characters ({code})",
  },
} as const satisfies Record<string, Localized>;

/** A phrase with its own placeholders filled, still in both languages (for a placeholder). */
export function phrase(key: keyof typeof problemPhrases, data: PlaceholderData = {}): Localized {
  const entry = problemPhrases[key];
  return { zh: fillTemplate(entry.zh, data, "zh"), en: fillTemplate(entry.en, data, "en") };
}

export type ErrorCode = keyof typeof errorCatalogue;
export const errorCodes = Object.keys(errorCatalogue) as ErrorCode[];

export function errorLevel(code: ErrorCode): ErrorLevel {
  return errorCatalogue[code].level;
}

/** An input problem as every output format carries it. */
export const inputErrorSchema = z.object({
  code: z.string(),
  level: z.enum(["file", "row", "notice"]),
  file: z.string(),
  /** A workbook's sheet, and the cell (C12) the problem is in; absent for CSV. */
  sheet: z.string().optional(),
  cell: z.string().optional(),
  line: z.number().int().nullable(),
  column: z.string().nullable(),
  header: z.string().nullable(),
  value: z.string().nullable(),
  message: z.string(),
});
export type InputError = z.infer<typeof inputErrorSchema>;

/** A problem before it is put into words; the language is chosen when the report is made. */
export interface InputProblem {
  code: ErrorCode;
  file: string;
  sheet?: string;
  cell?: string;
  line: number | null;
  column: string | null;
  header: string | null;
  value: string | null;
  data: Record<string, PlaceholderValue>;
}

/** The placeholders describeProblem fills from the problem itself. */
type FromProblem = "file" | "line" | "named" | "column" | "header" | "value";
/** The values a problem's message needs, by name, as its catalogue entry names them. */
export type ProblemData<C extends ErrorCode> = {
  [Name in Exclude<
    PlaceholdersIn<(typeof errorCatalogue)[C]["message"]["zh" | "en"]>,
    FromProblem
  >]: PlaceholderValue;
};

export function problem<C extends ErrorCode>(
  code: C,
  file: string,
  where: Partial<Omit<InputProblem, "code" | "file" | "data">> & { data?: ProblemData<C> } = {},
): InputProblem {
  return {
    code,
    file,
    ...(where.sheet !== undefined ? { sheet: where.sheet } : {}),
    ...(where.cell !== undefined ? { cell: where.cell } : {}),
    line: where.line ?? null,
    column: where.column ?? null,
    header: where.header ?? null,
    value: where.value ?? null,
    data: where.data ?? {},
  };
}

export function describeProblem(item: InputProblem, lang: Lang): InputError {
  const entry: CatalogueEntry = errorCatalogue[item.code];
  return {
    code: item.code,
    level: entry.level,
    file: item.file,
    ...(item.sheet !== undefined ? { sheet: item.sheet } : {}),
    ...(item.cell !== undefined ? { cell: item.cell } : {}),
    line: item.line,
    column: item.column,
    header: item.header,
    value: item.value,
    message: localize(entry.message, lang, {
      file: item.file,
      line: item.line,
      // A column by its header in the file (所属区), with the canonical name beside it.
      named:
        item.header && item.column && item.header !== item.column
          ? `${item.header.replace(/\s+/g, " ").trim()} (${item.column})`
          : item.column,
      column: item.column,
      header: item.header,
      value: item.value,
      ...item.data,
    }),
  };
}
