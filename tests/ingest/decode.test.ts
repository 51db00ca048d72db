import { describe, expect, it } from "vitest";
import { decode, firstInvalidGb18030, firstInvalidUtf8 } from "../../src/ingest/decode.js";

const gb18030 = (hex: string) => Uint8Array.from(Buffer.from(hex.replace(/\s/g, ""), "hex"));
// "户数" in GB18030 is BB A7 CA FD.
const huShuGb = gb18030("BBA7CAFD");

describe("decode", () => {
  it("reads UTF-8 with a BOM and strips the mark", () => {
    const result = decode(Uint8Array.from([0xef, 0xbb, 0xbf, ...Buffer.from("户数,1")]));
    expect(result).toEqual({ ok: true, text: "户数,1", encoding: "utf8", bom: true });
  });

  it("reads UTF-16LE and UTF-16BE by their BOM", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("户数,1", "utf16le")]);
    expect(decode(le)).toMatchObject({ ok: true, text: "户数,1", encoding: "utf16le" });
    const be = Buffer.from(Buffer.from("户数,1", "utf16le")).swap16();
    expect(decode(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toMatchObject({
      ok: true,
      text: "户数,1",
      encoding: "utf16be",
    });
  });

  it("takes strict UTF-8 when the bytes are UTF-8", () => {
    expect(decode(Buffer.from("社区用房面积,405.2㎡"))).toMatchObject({
      ok: true,
      encoding: "utf8",
      bom: false,
    });
  });

  it("falls back to GB18030 for GBK bytes", () => {
    expect(decode(huShuGb)).toEqual({ ok: true, text: "户数", encoding: "gb18030", bom: false });
  });

  it("honours an explicit encoding", () => {
    expect(decode(huShuGb, "gb18030")).toMatchObject({ ok: true, text: "户数" });
    expect(decode(huShuGb, "utf8")).toMatchObject({ ok: false, encoding: "utf8", offset: 0 });
  });

  it("reports the offset and line of a byte that fits no encoding", () => {
    // Line 1 is ASCII, line 2 has a valid GBK character, then 0xFF which neither encoding has.
    const bytes = Uint8Array.from([...Buffer.from("a,b\r\n"), ...huShuGb, 0xff, 0x0a]);
    expect(decode(bytes)).toEqual({ ok: false, encoding: "gb18030", offset: 9, line: 2 });
  });

  it("refuses a UTF-8 BOM followed by invalid bytes", () => {
    expect(decode(Uint8Array.from([0xef, 0xbb, 0xbf, 0x41, 0xff]))).toMatchObject({
      ok: false,
      offset: 4,
    });
  });
});

describe("first invalid byte", () => {
  it.each([
    [[0x41, 0x42], 2],
    [[0x41, 0xc0, 0x80], 1],
    [[0xe6, 0x88], 0],
    [[0xed, 0xa0, 0x80], 0],
    [[0xf0, 0x9f, 0x98, 0x80, 0xff], 4],
  ])("UTF-8 %j -> %d", (bytes, offset) => {
    expect(firstInvalidUtf8(Uint8Array.from(bytes))).toBe(offset);
  });

  it.each([
    [[0x41, 0xbb, 0xa7], 3],
    [[0xbb], 0],
    [[0x81, 0x30, 0x81, 0x30, 0xff], 4],
    [[0x81, 0x30, 0x20], 0],
  ])("GB18030 %j -> %d", (bytes, offset) => {
    expect(firstInvalidGb18030(Uint8Array.from(bytes))).toBe(offset);
  });
});
