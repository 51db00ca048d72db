import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ingestBytes } from "../../src/ingest/index.js";
import { citedClause } from "../../src/model/pack.js";
import { evaluate } from "../../src/pipeline/evaluate.js";
import { loadPack, seedsDir } from "../../src/pipeline/packs.js";
import { districtLookup, PackError, packParameters } from "../../src/rules/pack.js";
import { rules } from "../../src/rules/registry.js";

const root = join(import.meta.dirname, "..", "..");
const packs = join(root, "fixtures", "packs");

describe("the Suzhou pack", async () => {
  const pack = await loadPack("suzhou-2010");
  const seed = readFileSync(join(seedsDir, pack.source?.seed ?? ""), "utf8");

  it("quotes every task's clause, lead and co-operating departments verbatim from the seed", () => {
    for (const [task, text] of Object.entries(pack.tasks)) {
      // The pack's own bases (a data check, a standard the policy does not set) are no task of
      // the seed: marked so, numbered apart, and never shown as a quotation.
      if (text.basisKind === "data-consistency" || text.basisKind === "not-in-policy") {
        expect(["0", "900"], `task ${task}`).toContain(task);
        expect(citedClause(text, "zh")).not.toMatch(/^“/);
        continue;
      }
      // The task table runs number, clause, lead and co-operating together on one line.
      expect(seed, `task ${task}`).toContain(
        `${task}${text.clause}${text.lead}${text.cooperating}`,
      );
    }
  });

  it("gives every rule a task with a lead department", () => {
    for (const rule of rules) {
      const task = pack.tasks[String(pack.rules[rule.id]?.task ?? rule.task)];
      expect(task?.lead.length ?? 0, rule.id).toBeGreaterThan(0);
    }
  });

  it("holds the 0.2 -> 0.4 step as data", () => {
    expect(packParameters(pack).estateRates).toEqual([
      { from: null, rate: 200_000 },
      { from: "2010-01-01", rate: 400_000 },
    ]);
  });

  it("knows the city proper, the historical districts and the county-level cities", () => {
    const lookup = districtLookup(pack);
    const ask = (district: string) => {
      const center = {
        community_id: "C",
        name: "n",
        district,
        community_type: "urban" as const,
        office_area: 0,
      };
      return [lookup.isCityProper(center), lookup.isOldTown(center)];
    };
    expect(ask("姑苏区")).toEqual([true, true]);
    expect(ask("沧浪区")).toEqual([true, true]);
    expect(ask("苏州高新区")).toEqual([true, false]);
    expect(ask("工业园区")).toEqual([true, false]);
    expect(ask("吴江区")).toEqual([true, false]);
    expect(ask("吴江市")).toEqual([false, false]);
    expect(ask("江苏省苏州市昆山市")).toEqual([false, false]);
    expect(ask("无锡市")).toEqual([undefined, undefined]);
    expect(lookup.canonical("园区")).toBe("苏州工业园区");
  });
});

describe("another city's pack (fixtures/packs/other-city.json, shown in the README)", async () => {
  const pack = await loadPack(join(packs, "other-city.json"));

  it("extends Suzhou and overrides parameters, severities and districts", () => {
    expect(pack.id).toBe("other-city-2015");
    expect(pack.layers).toEqual(["suzhou-2010", "fixtures/packs/other-city.json"]);
    expect(pack.parameters.communityRate).toBe("0.2");
    expect(pack.rules["old-town-retrofit"]?.severity).toBe("off");
    expect(pack.tasks["2"]).toBeDefined();
  });

  it("judges estates at 0.3 from 2015 and centers at 300 m²", async () => {
    const estates = ingestBytes(
      Buffer.from(
        [
          "estate_id,name,district,households,land_transfer_date,community_space_area",
          "A,a,梁溪区,1000,2015-01-01,300",
          "B,b,梁溪区,1000,2015-01-01,299.99",
          "C,c,梁溪区,1000,2014-12-31,200",
        ].join("\n"),
      ),
      "estates.csv",
    );
    const centers = ingestBytes(
      Buffer.from(
        [
          "community_id,name,district,community_type,households,office_area",
          "X,x,梁溪区,urban,1000,300",
          "Y,y,新区,urban,1000,299",
          "Z,z,宜兴市,urban,1000,200",
        ].join("\n"),
      ),
      "centers.csv",
    );
    const report = await evaluate({ inputs: [estates, centers] }, pack, {
      asOf: "2026-01-01",
      lang: "en",
      tool: { name: "floorspace", version: "test" },
    });
    const errors = report.findings
      .filter((finding) => finding.severity === "error")
      .map((finding) => [finding.ruleId, finding.recordId, finding.shortfall]);
    expect(errors).toEqual([
      ["estate-space-per-household", "B", 0.01],
      ["community-space-city-minimum", "Y", 1],
    ]);
    expect(report.summary.rules["old-town-retrofit"]).toBeUndefined();
    // Neither file carries filing numbers: the rule is reported not checked, once a file, as info.
    const filing = report.findings.filter((finding) => finding.ruleId === "space-filing");
    expect(filing.map((finding) => [finding.file, finding.outcome, finding.severity])).toEqual([
      ["estates.csv", "not-checked", "info"],
      ["centers.csv", "not-checked", "info"],
    ]);
  });
});

/** Writes a throw-away pack under test-output/ and returns its path. */
function writePack(name: string, pack: object): string {
  const dir = join(root, "test-output");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, JSON.stringify(pack));
  return path;
}

describe("a broken pack", () => {
  it("stops with one readable line per problem", async () => {
    const error = await loadPack(join(packs, "bad-severity.json")).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(PackError);
    const lines = (error as PackError).lines;
    expect(
      lines.some((line) => line.startsWith("rules.estate-space-per-household.severity: ")),
    ).toBe(true);
    expect(lines.some((line) => /expected one of/.test(line))).toBe(true);
    expect(lines.some((line) => line.startsWith("parameters.communityRate: "))).toBe(true);
  });

  it("names an unknown rule", async () => {
    const path = writePack("unknown-rule.json", {
      id: "x",
      title: { zh: "x", en: "x" },
      extends: "suzhou-2010",
      rules: { "no-such-rule": { severity: "error" } },
    });
    await expect(loadPack(path)).rejects.toThrow(/rules\.no-such-rule: no such rule/);
  });

  it("refuses a pack that extends itself, and a missing file", async () => {
    const path = writePack("loop.json", {
      id: "loop",
      title: { zh: "x", en: "x" },
      extends: "./loop.json",
    });
    await expect(loadPack(path)).rejects.toThrow(/extends itself/);
    await expect(loadPack(join(root, "test-output", "nope.json"))).rejects.toThrow(
      /no such rule pack/,
    );
  });

  it("requires every parameter once merged", async () => {
    const path = writePack("standalone.json", {
      id: "alone",
      title: { zh: "x", en: "x" },
      parameters: { communityRate: 0.2 },
    });
    const error = (await loadPack(path).catch((caught: unknown) => caught)) as PackError;
    expect(error.lines).toContain(
      "parameters.estateRates: Invalid input: expected array, received undefined",
    );
  });
});
