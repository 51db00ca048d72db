/**
 * Rows of a district form that are not records: a totals row (合计、小计、总计、汇总, the last
 * being Excel's own table total row in a Chinese Excel) and the lines
 * under the table (填报单位、填报人、审核人、联系电话、注：、说明：). They are skipped, each with a
 * notice, and counted: read = valid + rejected + skipped.
 */
const totals = /^(?:合计|小计|总计|总合计|汇总|累计|全市合计|全区合计|全县合计)/;
const totalsInEnglish = /^(?:total|subtotal|grand total)$/i;
const footers =
  /^(?:填报单位|填报人|填表人|制表人|审核人|审核|负责人|单位负责人|联系人|联系电话|填报日期|填表日期|注[:：]|说明[:：]|备注[:：]|附注)/;
/** First characters of the words above (and white space before them): most cells are ruled out by one look. */
const firstCodes = new Set(
  [..."合小总汇累全填制审负单联注说备附tTsSgG \t\u3000"].map((char) => char.charCodeAt(0)),
);

export type NonRecord = "total" | "footer";

/** What kind of non-record a row is, or undefined for a row that is a record (or a bad one). */
export function nonRecordKind(fields: readonly string[]): NonRecord | undefined {
  let seen = 0;
  for (const field of fields) {
    if (field === "") continue;
    if (firstCodes.has(field.charCodeAt(0))) {
      if (field.trim() === "") continue;
      const cell = field.normalize("NFKC").replace(/\s+/g, "");
      // A totals row names itself in one of its first cells (序号, 小区编号 or 小区名称).
      if (totals.test(cell) || totalsInEnglish.test(field.trim())) return "total";
      if (seen === 0 && footers.test(cell)) return "footer";
    }
    if (++seen >= 3) return undefined;
  }
  return undefined;
}
