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
 * The words around the data, in both languages: every sentence a person reads that is not an
 * input problem (errors.ts) or a rule's own message. `{name}` is a placeholder; `one` is the
 * English for a count of one ({count} = 1), where English says it otherwise.
 */
export const labels = {
  file: { zh: "文件", en: "file" },
  kind: { zh: "类型", en: "kind" },
  encoding: { zh: "编码", en: "encoding" },
  delimiter: { zh: "分隔符", en: "delimiter" },
  read: { zh: "读取", en: "read" },
  valid: { zh: "有效", en: "valid" },
  rejected: { zh: "拒收", en: "rejected" },
  rejectedRows: { zh: "拒收行", en: "rejected rows" },
  outcomesPerRule: { zh: "各规则结果", en: "Outcomes per rule" },
  shortfallByDistrict: { zh: "各区缺口面积(㎡)", en: "Shortfall by district (m²)" },
  shortfallOfWorst: {
    zh: "缺口最大的 {bars} 个区(共 {all} 个,㎡)",
    en: "Shortfall of the {bars} districts short by most (of {all}, m²)",
  },
  streetsWord: { zh: "街道", en: "streets" },
  districtsWord: { zh: "区", en: "districts" },
  moreInJson: {
    zh: "……另有 {count} 条,见 JSON 报告。",
    en: "…and {count} more; see the JSON report.",
  },
  skipped: { zh: "跳过", en: "skipped" },
  location: { zh: "位置", en: "location" },
  code: { zh: "代码", en: "code" },
  message: { zh: "说明", en: "message" },
  value: { zh: "值", en: "value" },
  record: { zh: "记录", en: "record" },
  severity: { zh: "级别", en: "severity" },
  rule: { zh: "规则", en: "rule" },
  task: { zh: "任务", en: "task" },
  pass: { zh: "合格", en: "pass" },
  fail: { zh: "不合格", en: "fail" },
  unknown: { zh: "无法判断", en: "unknown" },
  notApplicable: { zh: "不适用", en: "n/a" },
  notChecked: { zh: "未检查", en: "not checked" },
  judged: { zh: "已判断", en: "judged" },
  unchecked: { zh: "未完整检查", en: "unchecked" },
  wholeFile: { zh: "(整个文件)", en: "(whole file)" },
  notCheckedRules: { zh: "未检查的规则", en: "Rules not checked" },
  unknownReasons: { zh: "无法判断的原因", en: "why unknown" },
  eligible: { zh: "改造候选", en: "candidate" },
  district: { zh: "区", en: "district" },
  records: { zh: "记录数", en: "records" },
  failing: { zh: "不合格数", en: "failing" },
  shortfall: { zh: "缺口 ㎡", en: "shortfall m²" },
  inputs: { zh: "输入文件", en: "Inputs" },
  inputErrors: { zh: "输入错误", en: "Input errors" },
  notices: { zh: "说明", en: "Notices" },
  findings: { zh: "发现的问题", en: "Findings" },
  byRule: { zh: "按规则", en: "By rule" },
  byDistrict: { zh: "按区", en: "By district" },
  byStreet: { zh: "按街道", en: "By street" },
  findingsNotListed: {
    zh: "另有 {count} 条未列出;完整列表请用 --format json 或 --format csv",
    en: "{count} more findings are not listed; the full list: --format json or --format csv",
  },
  noFindings: { zh: "没有发现问题。", en: "No findings." },
  noErrors: { zh: "所有记录均有效。", en: "All records are valid." },
  estates: { zh: "住宅小区", en: "estates" },
  centers: { zh: "社区用房", en: "centers" },
  error: { zh: "错误", en: "error" },
  warning: { zh: "警告", en: "warning" },
  info: { zh: "提示", en: "info" },
  off: { zh: "关闭", en: "off" },
  lead: { zh: "牵头单位", en: "lead" },
  cooperating: { zh: "配合单位", en: "co-operating" },
  asOf: { zh: "评估基准日", en: "as of" },
  ruleset: { zh: "规则包", en: "rule pack" },
  // Workbooks (xlsx): sheet names and column headers.
  summarySheet: { zh: "汇总", en: "Summary" },
  findingsSheet: { zh: "问题清单", en: "Findings" },
  rulesSheet: { zh: "规则", en: "Rules" },
  inputsSheet: { zh: "输入文件", en: "Inputs" },
  inputErrorsSheet: { zh: "输入问题", en: "Input problems" },
  worklistSheet: { zh: "改造清单", en: "Worklist" },
  sheet: { zh: "工作表", en: "sheet" },
  row: { zh: "行/单元格", en: "row or cell" },
  outcome: { zh: "结果", en: "outcome" },
  recordId: { zh: "编号", en: "id" },
  name: { zh: "名称", en: "name" },
  street: { zh: "街道(镇)", en: "street or town" },
  actual: { zh: "实际", en: "actual" },
  required: { zh: "要求", en: "required" },
  unit: { zh: "单位", en: "unit" },
  title: { zh: "标题", en: "title" },
  clause: { zh: "条文", en: "clause" },
  relatedTasks: { zh: "相关任务", en: "related tasks" },
  verdict: { zh: "结论", en: "verdict" },
  compliant: { zh: "合格", en: "compliant" },
  complianceRate: { zh: "合格率", en: "compliance rate" },
  usable: { zh: "可用", en: "usable" },
  yes: { zh: "是", en: "yes" },
  no: { zh: "否", en: "no" },
  level: { zh: "层级", en: "level" },
  // An input problem's level: the whole file refused, one row rejected, or a notice.
  fileProblem: { zh: "整个文件", en: "file" },
  rowProblem: { zh: "该行", en: "row" },
  noticeProblem: { zh: "提醒", en: "notice" },
  notListed: {
    zh: "未列出的问题(JSON 与 CSV 报告中有全部)",
    en: "findings not listed (JSON and CSV reports have them all)",
  },
  community: { zh: "社区", en: "community" },
  households: { zh: "户数", en: "households" },
  currentArea: { zh: "现有面积 ㎡", en: "current m²" },
  requiredArea: { zh: "应有面积 ㎡", en: "required m²" },
  standardsMissed: { zh: "未达标准", en: "standards missed" },
  minimumGap: { zh: "距 400 ㎡ 缺口 ㎡", en: "gap to 400 m²" },
  perHouseholdGap: { zh: "距 0.2 ㎡/户 缺口 ㎡", en: "gap to 0.2 m²/household" },
  toAdd: { zh: "应补面积 ㎡", en: "to add m²" },
  subtotal: { zh: "小计", en: "subtotal" },
  total: { zh: "合计", en: "total" },
  reportTitle: {
    zh: "社区办公活动用房审查报告",
    en: "Community office and activity space audit",
  },
  worklistTitle: {
    zh: "老城区社区办公活动用房以奖代补改造清单",
    en: "Old-town community space retrofit worklist (以奖代补)",
  },
  undecided: { zh: "无法判断是否符合条件的社区", en: "communities that could not be decided" },
  missing: { zh: "缺少", en: "missing" },
  totalsByDistrict: { zh: "按区合计", en: "Totals by district" },
  totalsByStreet: { zh: "按街道合计", en: "Totals by street" },
  cannotBeDecided: { zh: "无法判断", en: "Cannot be decided" },
  streetShort: { zh: "街道", en: "street" },
  // compare: several standards side by side.
  comparisonTitle: {
    zh: "各标准下的社区用房达标情况对比",
    en: "Community space against each standard, side by side",
  },
  communities: { zh: "社区数", en: "communities" },
  meetsStandard: { zh: "达标", en: "meet" },
  shortOfStandard: { zh: "未达标", en: "short" },
  belowTarget: { zh: "未达目标", en: "below target" },
  requirementStanding: { zh: "要求", en: "requirement" },
  targetStanding: { zh: "目标(非强制要求)", en: "target, not a requirement" },
  readIn: { zh: "依据来源", en: "read in" },
  undecidedShort: { zh: "无法判断", en: "undecided" },
  reasons: { zh: "原因", en: "why" },
  // The HTML report's own words.
  totalShortfall: { zh: "缺口合计 ㎡", en: "total shortfall m²" },
  charts: { zh: "图表", en: "Charts" },
  allValues: { zh: "全部", en: "all" },
  shown: { zh: "显示", en: "shown" },
  retrofitList: { zh: "老城区“以奖代补”改造清单", en: "Old-town retrofit (以奖代补) list" },
  rulesAndBasis: { zh: "规则与依据", en: "Rules and their legal basis" },
  requiredShort: { zh: "标准", en: "required" },
  basis: { zh: "依据", en: "basis" },
  compliance: { zh: "合格率", en: "compliance" },
  worst: { zh: "缺口最大", en: "worst" },
  misses: { zh: "未达标准", en: "misses" },
  howFloorspaceReads: { zh: "本工具的理解", en: "how floorspace reads it" },
  generatedBy: { zh: "生成工具", en: "made by" },
  filter: { zh: "筛选", en: "filter" },
  communityId: { zh: "社区编号", en: "community" },
  communityName: { zh: "社区名称", en: "name" },
  worklistTotal: {
    zh: "合计:{communities} 个社区,需增加 {shortfall} ㎡",
    en: "total: {communities} communities, {shortfall} m² to add",
  },
  retrofitTotal: {
    zh: "{communities} 个社区,需增加 {shortfall} ㎡",
    en: "{communities} communities, {shortfall} m² to add",
  },
  // The fill-in template (init --xlsx).
  instructionsSheet: { zh: "填表说明", en: "Instructions" },
  listsSheet: { zh: "选项", en: "lists" },
  columnHeader: { zh: "列名", en: "column" },
  canonicalName: { zh: "规范名", en: "canonical name" },
  requiredColumn: { zh: "必填", en: "required" },
  typeAndUnit: { zh: "类型与单位", en: "type and unit" },
  meaning: { zh: "含义", en: "meaning" },
  feedsRules: { zh: "用于规则", en: "rules it feeds" },
  example: { zh: "示例", en: "example" },
  requiredNote: { zh: "必填", en: "required" },
  templateIntro: {
    zh: "在“小区”“社区”两张表中每行填写一条记录,不要改动表头;表头为红字的列必须填写(下表“必填”一栏)。填好后直接运行 floorspace check 本文件。日期填日期格式,面积单位为平方米,户数为整数。",
    en: "Fill in one record per row on the estates and centers sheets without changing the headers; the columns whose header is in red must be filled in (the 'required' column below). Then run floorspace check on this file. Dates as dates, areas in square metres, households as whole numbers.",
  },
  // Lists cut short, baselines, pages.
  moreNotListed: {
    zh: "……另有 {count} 条未列出({kinds});完整列表请用 --format json",
    en: "… {count} more not listed ({kinds}); the full list: --format json",
  },
  moreOfRuleNotShown: {
    zh: "  {title}({rule}):另有 {count} 条未显示(见 --format json)",
    en: "  {title} ({rule}): {count} more not shown (see --format json)",
  },
  baselineTerminal: {
    zh: "基线 {file}:已接受 {suppressed} 条未列出;{stale} 条已不再出现,可从基线删除",
    en: "baseline {file}: {suppressed} accepted findings not listed; {stale} entries no longer occur and can be removed",
  },
  baselineMarkdown: {
    zh: "基线 {file}:已接受 {suppressed} 条,已不再出现 {stale} 条。",
    en: "Baseline {file}: {suppressed} accepted findings left out, {stale} entries no longer occur.",
  },
  reasonSeparator: { zh: ";", en: "; " },
  notCheckedLacks: { zh: "未检查:缺少 {columns}", en: "not checked: lacks {columns}" },
  columnSeparator: { zh: "、", en: ", " },
  standingReadIn: { zh: "{standing};{readIn}:{how}", en: "{standing}; {readIn} {how}" },
  pageOfPages: {
    zh: '"第 " counter(page) " 页 / 共 " counter(pages) " 页"',
    en: '"page " counter(page) " of " counter(pages)',
  },
  htmlLanguage: { zh: "zh-CN", en: "en" },
  // What a rule rests on.
  sourceDocumentText: { zh: "文件原文", en: "the document's text" },
  sourceDocumentSummary: {
    zh: "据文件原文概括,非原文措辞",
    en: "a summary of the document, not its wording",
  },
  sourceOfficialSummary: {
    zh: "官方摘要,非原文",
    en: "an official summary, not the document's text",
  },
  sourceNewsReport: { zh: "新闻报道,非原文", en: "a news report, not the document's text" },
  sourceSecondaryReport: {
    zh: "二手报道,原文未见",
    en: "a secondary report; the document itself was not seen",
  },
  clauseFrom: { zh: "{clause}({source})", en: "{clause} ({source})" },
  dataCheckTask: { zh: "数据核对,非政策任务", en: "data check — no task" },
  notInPolicyTask: { zh: "本政策无此任务", en: "not in this policy" },
  taskNumber: { zh: "任务 {task}", en: "task {task}" },
  leftOutRows: {
    zh: "(户数之和未计入被拒收的 {count} 行小区,缺口至少如此)",
    en: " (the household sum leaves out {count} rejected estate rows: the gap is at least this)",
    one: " (the household sum leaves out {count} rejected estate row: the gap is at least this)",
  },
  // Rules not checked for want of a column or a file.
  estatesFileWithCommunity: {
    zh: "住宅小区文件(含所属社区编号列)",
    en: "estates file with a community_id column",
  },
  centersFile: { zh: "社区用房文件", en: "centers file" },
  orSeparator: { zh: " 或 ", en: " or " },
  hintSeparator: { zh: ";", en: "; " },
  columnMayBe: { zh: "“{header}”可能就是 {column}", en: "'{header}' may be {column}" },
  notCheckedOnRows: {
    zh: "未检查:{count} 行无法按本规则判断,文件缺少 {needs}",
    en: "not checked on {count} rows: the file has no {needs}",
    one: "not checked on {count} row: the file has no {needs}",
  },
  renameOrMap: {
    zh: ";{hints}(请改列名或用 --columns 映射)",
    en: "; {hints} (rename the column or map it with --columns)",
  },
  // The verdict line.
  verdictFail: { zh: "不合格", en: "Failing" },
  verdictIncomplete: { zh: "未完整检查", en: "Not fully checked" },
  verdictWarn: { zh: "有警告", en: "Warnings" },
  verdictOk: { zh: "合格", en: "Passing" },
  errorCount: { zh: "错误 {count}", en: "{count} errors", one: "{count} error" },
  warningCount: { zh: "警告 {count}", en: "{count} warnings", one: "{count} warning" },
  infoCount: {
    zh: "提示 {count}(其中“以奖代补”改造候选 {eligible})",
    en: "{count} info ({eligible} retrofit candidates)",
  },
  ruleCount: { zh: "{count} 条规则", en: "{count} rules", one: "{count} rule" },
  rowCount: { zh: "{count} 行", en: "{count} rows", one: "{count} row" },
  rulesNotCheckedOnRows: { zh: "{rules}在 {rows}上未检查", en: "{rules} not checked on {rows}" },
  belowTargetCount: { zh: "未达目标 {count}", en: "{count} below target" },
  rejectedCount: { zh: "拒收行 {count}", en: "{count} rows rejected", one: "{count} row rejected" },
  skippedCount: {
    zh: "跳过非记录行 {count}",
    en: "{count} rows skipped (totals, signatures)",
    one: "{count} row skipped (totals, signatures)",
  },
  refusedCount: {
    zh: "{count} 个文件未能读取",
    en: "{count} files refused",
    one: "{count} file refused",
  },
} as const satisfies Record<string, Localized & { one?: string }>;

export type LabelKey = keyof typeof labels;
/** Labels with no placeholder: words that can be chosen by a key known only at run time. */
export type PlainLabelKey = {
  [K in LabelKey]: [PlaceholdersIn<(typeof labels)[K]["en"]>] extends [never] ? K : never;
}[LabelKey];

/** The values a label's placeholders need, by name. */
export type LabelData<K extends LabelKey> = {
  [Name in PlaceholdersIn<(typeof labels)[K]["zh"] | (typeof labels)[K]["en"]>]: PlaceholderValue;
};
/** A label's data, when it has placeholders: a call that leaves one out does not compile. */
type DataFor<K extends LabelKey> = [PlaceholdersIn<(typeof labels)[K]["en"]>] extends [never]
  ? []
  : [data: LabelData<K>];

/** A label in one language, its placeholders filled. */
export function label<K extends LabelKey>(key: K, lang: Lang, ...given: DataFor<K>): string {
  const [data] = given as [PlaceholderData?];
  const entry: Localized & { one?: string } = labels[key];
  if (!data) return entry[lang];
  if (lang === "en" && entry.one !== undefined && data.count === 1) {
    return fillTemplate(entry.one, data, lang);
  }
  return localize(entry, lang, data);
}

/** A label with its placeholders filled, still in both languages: for a placeholder of another. */
export function labelled<K extends LabelKey>(key: K, ...given: DataFor<K>): Localized {
  return { zh: label(key, "zh", ...given), en: label(key, "en", ...given) };
}

/** The columns of an area table (per district or street), the same in every format for people. */
export function areaColumns(lang: Lang): string[] {
  return (
    [
      "estates",
      "centers",
      "compliant",
      "failing",
      "unknown",
      "unchecked",
      "compliance",
      "shortfall",
      "worst",
    ] as const
  ).map((key) => label(key, lang));
}

export function delimiterName(delimiter: string | null): string {
  if (delimiter === null) return "-";
  return delimiter === "\t" ? "tab" : delimiter;
}

/** A rule's severity as a reader sees it, "(target, not a requirement)" after a pack's target. */
export function ruleSeverityText(
  rule: { severity: string; standing?: "target" | undefined },
  lang: Lang,
): string {
  const severity = label(rule.severity as PlainLabelKey, lang);
  return rule.standing === "target" ? `${severity} (${label("targetStanding", lang)})` : severity;
}
