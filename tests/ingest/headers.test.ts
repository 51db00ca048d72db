import { describe, expect, it } from "vitest";
import {
  detectKind,
  matchColumn,
  matchHeaders,
  normalizeHeader,
} from "../../src/ingest/headers.js";
import { ingestBytes } from "../../src/ingest/index.js";
import { columnsByKind, recordKinds } from "../../src/model/columns.js";

describe("header matching", () => {
  it.each([
    ["社区用房面积(㎡)", "community_space_area"],
    ["社区用房面积（平方米）", "community_space_area"],
    ["  社区用房面积 ", "community_space_area"],
    ["Community_Space_Area (m2)", "community_space_area"],
    ["community space area [m²]", "community_space_area"],
    ["ＥＳＴＡＴＥ＿ＩＤ", "estate_id"],
    ["Estate ID", "estate_id"],
    ["所属区(市)", "district"],
    ["所属区（市）", "district"],
    ["街道(镇)", "subdistrict"],
    ["总户数(户)", "households"],
  ])("estate header %j -> %s", (header, canonical) => {
    expect(matchColumn("estate", header)?.canonical).toBe(canonical);
  });

  it("keeps a bracket that is part of the name", () => {
    expect(normalizeHeader("所属区(市)")).toBe("所属区(市)");
    expect(normalizeHeader("面积(㎡)")).toBe("面积");
  });

  it("knows every Chinese name of every column of both kinds", () => {
    for (const kind of recordKinds) {
      for (const column of columnsByKind[kind]) {
        for (const name of [column.canonical, ...column.zh]) {
          expect(matchColumn(kind, name)?.canonical, `${kind} ${name}`).toBe(column.canonical);
        }
      }
    }
  });

  it("tells the kinds apart by their headers", () => {
    expect(detectKind(["小区编号", "小区名称", "户数", "社区用房面积"])).toBe("estate");
    expect(detectKind(["社区编号", "社区名称", "社区类型", "办公用房面积"])).toBe("center");
    expect(detectKind(["社区编号", "名称", "户数"])).toBeNull();
  });

  it("lists unknown columns and finds duplicates and missing ones", () => {
    const match = matchHeaders("estate", ["estate_id", "户数", "总户数", "开发商", "name"]);
    expect(match.unknown).toEqual(["开发商"]);
    // Columns every form has (序号, 备注) hold no record data: read past without a notice.
    expect(matchHeaders("estate", ["序号", "estate_id", "备注"]).unknown).toEqual([]);
    expect(match.duplicates.map((duplicate) => duplicate.column.canonical)).toEqual(["households"]);
    expect(match.missing.map((column) => column.canonical)).toEqual([
      "district",
      "community_space_area",
    ]);
  });
});

describe("ingestBytes", () => {
  const estates =
    '小区编号,小区名称,所属区,户数,社区用房面积,开发商\r\nE1,甲,吴中区,"1,003",401.2㎡,无\r\n';

  it("reads an Excel-style estates file and notes the unknown column once", () => {
    const input = ingestBytes(Buffer.from(estates), "e.csv");
    expect(input).toMatchObject({ kind: "estate", usable: true, rowsRead: 1, rejected: 0 });
    expect(input.records[0]?.record).toMatchObject({
      households: 1003,
      community_space_area: 401_200_000,
      phases: 1,
    });
    expect(input.problems.map((item) => item.code)).toEqual(["unknown-column"]);
  });

  it("leaves an empty optional cell out rather than making it zero", () => {
    const input = ingestBytes(
      Buffer.from("estate_id,name,district,households,community_space_area,phases\nE1,a,b,10,4,\n"),
      "e.csv",
    );
    expect(input.kind === "estate" && input.records[0]?.record.phases).toBe(1);
    const centers = ingestBytes(
      Buffer.from(
        "community_id,name,district,community_type,households,office_area\nC1,a,b,urban,,400\n",
      ),
      "c.csv",
    );
    expect(centers.kind === "center" && centers.records[0]?.record.households).toBeUndefined();
  });

  it("can be told the kind, and then names the missing columns", () => {
    const input = ingestBytes(Buffer.from(estates), "c.csv", {
      encoding: "auto",
      kind: "center",
      maxRecordSize: 1000,
      maxFileSize: 1_000_000,
    });
    expect(input.usable).toBe(false);
    expect(
      input.problems.filter((item) => item.code === "missing-column").map((item) => item.column),
    ).toEqual(["community_id", "name", "community_type", "office_area"]);
    expect(input.rejected).toBe(1);
  });

  it("reports every problem of a row, not only the first", () => {
    const input = ingestBytes(
      Buffer.from(
        "estate_id,name,district,households,community_space_area,land_transfer_date\nE1,,b,x,y,2010-02-30\n",
      ),
      "e.csv",
    );
    expect(input.problems.map((item) => [item.code, item.column])).toEqual([
      ["missing-value", "name"],
      ["invalid-number", "households"],
      ["invalid-number", "community_space_area"],
      ["invalid-date", "land_transfer_date"],
    ]);
    expect(input.rejected).toBe(1);
  });
});
