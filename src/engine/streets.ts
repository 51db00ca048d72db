/**
 * The rules judged per street or town, once every record is in the tally.
 */
import type { Severity } from "../model/pack.js";
import type { Finding, NotChecked } from "../model/report.js";
import type { Lang } from "../model/text.js";
import { isStreetRule, type Subject, type Verdict } from "../rules/types.js";
import { type ActiveRule, findingSeverity, toFinding } from "./findings.js";
import { isQuiet, neededColumn } from "./not-checked.js";
import { countKey, emptyCounts, type FirstRecord, streetKey, Tally } from "./tally.js";

/**
 * The rules judged per street or town (scope "street"), once every record is in `tally`: a
 * verdict per street in the order streets were first named, each finding at that first record.
 * When no centers file has the column such a rule needs, it is not checked: one entry (and one
 * finding) for the run, not one per street.
 */
export function streetFindings(
  active: readonly ActiveRule[],
  tally: Tally,
  lang: Lang,
): { findings: Finding[]; tally: Tally; notChecked: NotChecked[] } {
  const result = new Tally(active);
  const findings: Finding[] = [];
  const notChecked: NotChecked[] = [];
  for (const { rule, setting, basis } of active) {
    if (!isStreetRule(rule)) continue;
    const gathered = tally.streetRules[rule.id] ?? {
      marked: new Set<string>(),
      factGiven: false,
      columnGiven: false,
    };
    const counts = result.ruleCounts[rule.id] ?? emptyCounts();
    result.ruleCounts[rule.id] = counts;
    let unchecked: { verdict: Verdict; first: FirstRecord; streets: number } | undefined;
    const everyStreet = [...tally.streets.values()].flatMap((named) => [...named.values()]);
    for (const first of everyStreet) {
      const verdict: Verdict = rule.checkStreet({
        district: first.district,
        subdistrict: first.subdistrict,
        marked: gathered.marked.has(streetKey(first.district, first.subdistrict)),
        factGiven: gathered.factGiven,
        columnGiven: gathered.columnGiven,
      });
      if (verdict.outcome === "unknown" && verdict.missing && !gathered.columnGiven) {
        counts.notChecked++;
        unchecked ??= { verdict, first, streets: 0 };
        unchecked.streets++;
        continue;
      }
      counts[countKey(verdict.outcome)]++;
      if (verdict.outcome === "pass" || verdict.outcome === "not-applicable") continue;
      if (verdict.outcome === "unknown") result.noteUnknown(rule.id, verdict.messageId);
      const severity = findingSeverity(verdict, setting);
      result.severityCounts[severity]++;
      findings.push(
        toFinding(rule, verdict, severity, placeOf(first), recordOf(first), basis, lang),
      );
    }
    if (unchecked) {
      const quiet = isQuiet(rule, unchecked.verdict.missing ?? []);
      const severity: Severity = setting === "info" || quiet ? "info" : "warning";
      notChecked.push({
        ruleId: rule.id,
        file: unchecked.first.file,
        ...(unchecked.first.sheet !== undefined ? { sheet: unchecked.first.sheet } : {}),
        kind: "center",
        rows: unchecked.streets,
        needs: (unchecked.verdict.missing ?? []).map((column) => neededColumn("center", column)),
        suggestions: [],
        quiet,
        severity,
      });
      result.severityCounts[severity]++;
      findings.push({
        ...toFinding(
          rule,
          unchecked.verdict,
          severity,
          placeOf(unchecked.first),
          recordOf(unchecked.first),
          basis,
          lang,
        ),
        outcome: "not-checked",
        recordId: "",
        recordName: "",
        district: "",
        subdistrict: null,
      });
    }
  }
  return { findings, tally: result, notChecked };
}

export function placeOf(first: FirstRecord) {
  return {
    kind: first.kind,
    recordId: first.recordId,
    file: first.file,
    ...(first.sheet !== undefined ? { sheet: first.sheet } : {}),
    line: first.line,
    district: first.district,
  };
}

export function recordOf(first: FirstRecord): Subject["record"] {
  return { name: first.recordName, subdistrict: first.subdistrict } as Subject["record"];
}
