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
    return { schemaVersion: 2, tool: "floorspace", entries };
  }
}

/** Finding after finding, whether the baseline already has it; remembers which entries occur. */
export class BaselineFilter {
  private readonly accepted: ReadonlySet<string>;
  /** Keys of baseline entries that some finding matched. */
  readonly occurring = new Set<string>();
  suppressed = 0;

  /**
   * `keyFile` names a file as the baseline's keys do (the shell passes one that names it from
   * the working folder, so that `../a/e.csv` and `./e.csv` are one file).
   */
  constructor(
    acceptedKeys: Iterable<string>,
    private readonly keyFile: (file: string) => string = normalizePath,
  ) {
    this.accepted = new Set(acceptedKeys);
  }

  /** Each file as the baseline's keys name it, worked out once per file. */
  private readonly keyFiles = new Map<string, string>();

  /** True for a new finding; false (and counted) for one the baseline accepts. */
  admits(finding: Pick<Finding, "ruleId" | "file" | "recordId">): boolean {
    let file = this.keyFiles.get(finding.file);
    if (file === undefined) {
      file = this.keyFile(finding.file);
      this.keyFiles.set(finding.file, file);
    }
    const key = entryKey({ ruleId: finding.ruleId, file, recordId: finding.recordId });
    if (!this.accepted.has(key)) return true;
    this.occurring.add(key);
    this.suppressed++;
    return false;
  }
}

/**
 * Entries of the baseline that no finding matched, among the files this run read and the rules
 * it judged something by (an entry of a file not read, or of a rule that needs a file the run
 * was not given, was not looked at, so it is not stale): the baseline can shrink by these.
 */
export function staleEntries(
  baseline: Baseline,
  occurring: ReadonlySet<string>,
  looked?: { files: ReadonlySet<string>; rules: ReadonlySet<string> },
): BaselineEntry[] {
  return baseline.entries.filter(
    (entry) =>
      !occurring.has(entryKey(entry)) &&
      (looked === undefined || (looked.files.has(entry.file) && looked.rules.has(entry.ruleId))),
  );
}

export function acceptedKeys(baseline: Baseline): string[] {
  return baseline.entries.map(entryKey);
}
