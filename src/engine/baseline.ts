import { type Baseline, type BaselineEntry, entryKey, normalizePath } from "../model/baseline.js";
import type { Finding } from "../model/report.js";

/** Finding after finding, the baseline that accepts them all. */
export class BaselineRecorder {
  private readonly seen = new Set<string>();
  readonly entries: BaselineEntry[] = [];

  add(finding: Pick<Finding, "ruleId" | "file" | "recordId">): void {
    const entry = {
      ruleId: finding.ruleId,
      file: normalizePath(finding.file),
      recordId: finding.recordId,
    };
    const key = entryKey(entry);
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.entries.push(entry);
  }

  baseline(): Baseline {
    const entries = [...this.entries].sort((a, b) => entryKey(a).localeCompare(entryKey(b)));
    return { schemaVersion: 1, tool: "floorspace", entries };
  }
}

/** Finding after finding, whether the baseline already has it; remembers which entries occur. */
export class BaselineFilter {
  private readonly accepted: ReadonlySet<string>;
  /** Keys of baseline entries that some finding matched. */
  readonly occurring = new Set<string>();
  suppressed = 0;

  constructor(acceptedKeys: Iterable<string>) {
    this.accepted = new Set(acceptedKeys);
  }

  /** True for a new finding; false (and counted) for one the baseline accepts. */
  admits(finding: Pick<Finding, "ruleId" | "file" | "recordId">): boolean {
    const key = entryKey({
      ruleId: finding.ruleId,
      file: finding.file,
      recordId: finding.recordId,
    });
    if (!this.accepted.has(key)) return true;
    this.occurring.add(key);
    this.suppressed++;
    return false;
  }
}

/** Entries of the baseline that no finding matched: the baseline can shrink by these. */
export function staleEntries(baseline: Baseline, occurring: ReadonlySet<string>): BaselineEntry[] {
  return baseline.entries.filter((entry) => !occurring.has(entryKey(entry)));
}

export function acceptedKeys(baseline: Baseline): string[] {
  return baseline.entries.map(entryKey);
}
