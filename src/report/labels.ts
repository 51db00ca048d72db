import type { Lang } from "../model/text.js";

/** The words around the data in human-readable reports. */
const labels = {
  file: { zh: "文件", en: "file" },
  kind: { zh: "类型", en: "kind" },
  encoding: { zh: "编码", en: "encoding" },
  delimiter: { zh: "分隔符", en: "delimiter" },
  read: { zh: "读取", en: "read" },
  valid: { zh: "有效", en: "valid" },
  rejected: { zh: "拒收", en: "rejected" },
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
  eligible: { zh: "可改造", en: "eligible" },
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
} as const;

export type LabelKey = keyof typeof labels;

export function label(key: LabelKey, lang: Lang): string {
  return labels[key][lang];
}

export function delimiterName(delimiter: string | null): string {
  if (delimiter === null) return "-";
  return delimiter === "\t" ? "tab" : delimiter;
}
