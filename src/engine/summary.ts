import type { RecordKind } from "../model/columns.js";
import type { AreaSummary, DistrictSummary, StreetSummary, WorstRecord } from "../model/report.js";

/**
 * Per-district and per-street tallies for the planning bureau's one-page view. A record is
 * failing when a rule at error severity fails it, unknown when nothing fails it but the data
 * could not decide a rule, compliant otherwise. Its shortfall is its largest failing gap (adding
 * that much satisfies every area rule at once), counted in hundredths to stay exact. A record no
 * rule failed or left unknown, but that a rule was not checked on for want of a column (any rule, a
 * quiet one too), is unchecked: never compliant.
 */
export type RecordStatus = "compliant" | "failing" | "unknown" | "unchecked";

const WORST_KEPT = 3;

interface Tally {
  estates: number;
  centers: number;
  compliant: number;
  failing: number;
  unknown: number;
  unchecked: number;
  shortfallCenti: number;
  worst: WorstRecord[];
}

function emptyTally(): Tally {
  return {
    estates: 0,
    centers: 0,
    compliant: 0,
    failing: 0,
    unknown: 0,
    unchecked: 0,
    shortfallCenti: 0,
    worst: [],
  };
}

function finish(tally: Tally): AreaSummary {
  const records = tally.estates + tally.centers;
  return {
    records,
    estates: tally.estates,
    centers: tally.centers,
    compliant: tally.compliant,
    failing: tally.failing,
    unknown: tally.unknown,
    unchecked: tally.unchecked,
    complianceRate: records === 0 ? 1 : Math.round((tally.compliant / records) * 10_000) / 10_000,
    shortfall: tally.shortfallCenti / 100,
    worst: tally.worst,
  };
}

interface Street {
  district: string;
  subdistrict: string;
  tally: Tally;
}

export class AreaTally {
  private readonly districts = new Map<string, Tally>();
  /** By district, then street name: a record's street is found without joining the names into a key. */
  private readonly streets = new Map<string, Map<string, Street>>();

  add(
    where: { district: string; subdistrict: string | null },
    record: { kind: RecordKind; recordId: string; recordName: string },
    status: RecordStatus,
    shortfallCenti: number,
  ): void {
    let district = this.districts.get(where.district);
    if (!district) {
      district = emptyTally();
      this.districts.set(where.district, district);
    }
    const subdistrict = where.subdistrict ?? "";
    let streets = this.streets.get(where.district);
    if (!streets) {
      streets = new Map();
      this.streets.set(where.district, streets);
    }
    let street = streets.get(subdistrict);
    if (!street) {
      street = { district: where.district, subdistrict, tally: emptyTally() };
      streets.set(subdistrict, street);
    }
    count(district, record, status, shortfallCenti);
    count(street.tally, record, status, shortfallCenti);
  }

  /** Adds a tally of records read after this one's, as if they had been added here. */
  merge(later: AreaTally): void {
    for (const [name, tally] of later.districts) {
      const mine = this.districts.get(name);
      if (mine) mergeTally(mine, tally);
      else this.districts.set(name, tally);
    }
    for (const [district, laterStreets] of later.streets) {
      const streets = this.streets.get(district);
      if (!streets) {
        this.streets.set(district, laterStreets);
        continue;
      }
      for (const [name, street] of laterStreets) {
        const mine = streets.get(name);
        if (mine) mergeTally(mine.tally, street.tally);
        else streets.set(name, street);
      }
    }
  }

  /** A tally that crossed a thread boundary comes back as plain data with its maps. */
  static revive(data: AreaTally): AreaTally {
    return Object.assign(new AreaTally(), data);
  }

  districtSummaries(): Record<string, DistrictSummary> {
    const sorted = [...this.districts.keys()].sort((a, b) => a.localeCompare(b, "zh"));
    return Object.fromEntries(
      sorted.map((name) => [name, finish(this.districts.get(name) ?? emptyTally())]),
    );
  }

  streetSummaries(): StreetSummary[] {
    return [...this.streets.values()]
      .flatMap((streets) => [...streets.values()])
      .sort(
        (a, b) =>
          a.district.localeCompare(b.district, "zh") ||
          a.subdistrict.localeCompare(b.subdistrict, "zh"),
      )
      .map((street) => ({
        district: street.district,
        subdistrict: street.subdistrict,
        ...finish(street.tally),
      }));
  }
}

function count(
  tally: Tally,
  record: { kind: RecordKind; recordId: string; recordName: string },
  status: RecordStatus,
  shortfallCenti: number,
): void {
  if (record.kind === "estate") tally.estates++;
  else tally.centers++;
  tally[status]++;
  if (status !== "failing") return;
  tally.shortfallCenti += shortfallCenti;
  const shortfall = shortfallCenti / 100;
  const { worst } = tally;
  // Most failing records are not among the few worst: decide before making an entry.
  const last = worst[worst.length - 1];
  if (shortfallCenti > 0 && (worst.length < WORST_KEPT || (last && shortfall > last.shortfall))) {
    keepWorst(worst, { ...record, shortfall });
  }
}

function mergeTally(into: Tally, later: Tally): void {
  into.estates += later.estates;
  into.centers += later.centers;
  into.compliant += later.compliant;
  into.failing += later.failing;
  into.unknown += later.unknown;
  into.unchecked += later.unchecked;
  into.shortfallCenti += later.shortfallCenti;
  // Later records lose ties, so offering the later list in its order keeps one pass's result.
  for (const candidate of later.worst) keepWorst(into.worst, candidate);
}

/** The few largest shortfalls, largest first; ties keep the order records were read in. */
function keepWorst(worst: WorstRecord[], candidate: WorstRecord): void {
  const index = worst.findIndex((entry) => entry.shortfall < candidate.shortfall);
  if (index === -1) {
    if (worst.length < WORST_KEPT) worst.push(candidate);
    return;
  }
  worst.splice(index, 0, candidate);
  if (worst.length > WORST_KEPT) worst.pop();
}
