import { describe, expect, it } from "vitest";
import { outputPlan } from "../../src/cli/check.js";
import {
  type FormatName,
  formatNames,
  formatNeeds,
  isStreaming,
  loadFormatter,
} from "../../src/report/registry.js";

/** How check serves its outputs follows from what each format declares in the registry. */
const targets = (...formats: FormatName[]) => formats.map((format) => ({ format }));

describe("outputPlan", () => {
  it("streams the formats that stream, and keeps nothing when none lists findings", () => {
    const plan = outputPlan(targets("json", "sarif", "csv"), undefined);
    expect(plan.streamed.map((target) => target.format)).toEqual(["json", "sarif", "csv"]);
    expect(plan).toMatchObject({ junitStreamed: false, keep: { none: true } });
  });

  it("keeps the most findings any listing format shows, and what HTML needs whole", () => {
    expect(outputPlan(targets("table"), undefined).keep).toEqual({ perRule: 1000 });
    expect(outputPlan(targets("markdown", "json"), undefined)).toMatchObject({
      keep: { perRule: 50 },
      streamed: [{ format: "json" }],
    });
    expect(outputPlan(targets("markdown", "table"), 20).keep).toEqual({ perRule: 20 });
    expect(outputPlan(targets("html"), undefined).keep).toEqual({
      perRule: 5000,
      whole: ["old-town-retrofit"],
    });
  });

  it("gives JUnit its case per record beside any other format", () => {
    expect(outputPlan(targets("junit", "html"), undefined).junitStreamed).toBe(true);
  });
});

describe("the format registry", () => {
  it("declares the needs of every format it can load, and the streaming ones agree", async () => {
    for (const name of formatNames) {
      expect(formatNeeds[name], name).toBeDefined();
      expect(formatNeeds[name].streams, name).toBe(isStreaming(name));
      expect(typeof (await loadFormatter(name)), name).toBe("function");
    }
  });
});
