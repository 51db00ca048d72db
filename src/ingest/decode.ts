import { lineOfOffset } from "./lines.js";

/**
 * Bytes to text. Excel on Chinese Windows saves GB18030 (GBK) without a BOM, "CSV UTF-8"
 * with one; a byte-order mark decides first, then strict UTF-8, then GB18030. Nothing is
 * decoded leniently: a byte that fits no encoding is an error with its offset, never a "�".
 */
export const encodings = ["utf8", "gb18030", "utf16le", "utf16be"] as const;
export type Encoding = (typeof encodings)[number];
export type EncodingChoice = Encoding | "auto";

export type Decoded =
  | { ok: true; text: string; encoding: Encoding; bom: boolean }
  | { ok: false; encoding: string; offset: number; line: number };

const decoderLabels: Record<Encoding, string> = {
  utf8: "utf-8",
  gb18030: "gb18030",
  utf16le: "utf-16le",
  utf16be: "utf-16be",
};

const boms: ReadonlyArray<[Encoding, number[]]> = [
  ["utf8", [0xef, 0xbb, 0xbf]],
  ["utf16le", [0xff, 0xfe]],
  ["utf16be", [0xfe, 0xff]],
];

/** The encoding a byte-order mark names, and the mark's length. */
export function bomOf(bytes: Uint8Array): [Encoding, number] | null {
  for (const [encoding, mark] of boms) {
    if (mark.every((byte, index) => bytes[index] === byte)) return [encoding, mark.length];
  }
  return null;
}

/**
 * A decoder that refuses bad bytes rather than writing "�". ignoreBOM: we strip the mark
 * ourselves, so the decoder must not strip a second one.
 */
export function strictDecoder(encoding: Encoding): InstanceType<typeof TextDecoder> {
  return new TextDecoder(decoderLabels[encoding], { fatal: true, ignoreBOM: true });
}

/** The text, or null when the bytes are not valid in the encoding. */
export function tryDecode(bytes: Uint8Array, encoding: Encoding): string | null {
  try {
    return strictDecoder(encoding).decode(bytes);
  } catch (error) {
    // Only bad bytes mean "not this encoding"; a text longer than V8 can hold is a size problem.
    if (error instanceof TypeError) return null;
    throw new TextTooLargeError(bytes.length);
  }
}

/** The decoded text would exceed the longest string the JavaScript engine can hold. */
export class TextTooLargeError extends Error {
  constructor(readonly size: number) {
    super(`${size} bytes do not fit in one string`);
  }
}

/** Offset of the first byte that breaks UTF-8's structure. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    let length = 0;
    let min = 0;
    if (lead < 0x80) length = 1;
    else if (lead >= 0xc2 && lead <= 0xdf) [length, min] = [2, 0x80];
    else if (lead >= 0xe0 && lead <= 0xef) [length, min] = [3, 0x800];
    else if (lead >= 0xf0 && lead <= 0xf4) [length, min] = [4, 0x10000];
    else return index;
    let codePoint = length === 1 ? lead : lead & (0xff >> (length + 1));
    for (let next = 1; next < length; next++) {
      const byte = bytes[index + next];
      if (byte === undefined || (byte & 0xc0) !== 0x80) return index;
      codePoint = (codePoint << 6) | (byte & 0x3f);
    }
    if (length > 1 && (codePoint < min || codePoint > 0x10ffff)) return index;
    if (codePoint >= 0xd800 && codePoint <= 0xdfff) return index;
    index += length;
  }
  return bytes.length;
}

/** Offset of the first byte that breaks GB18030's one-, two- and four-byte structure. */
export function firstInvalidGb18030(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    if (lead <= 0x80) {
      index += 1;
      continue;
    }
    if (lead === 0xff) return index;
    const second = bytes[index + 1];
    if (second === undefined) return index;
    if ((second >= 0x40 && second <= 0x7e) || (second >= 0x80 && second <= 0xfe)) {
      index += 2;
      continue;
    }
    const third = bytes[index + 2];
    const fourth = bytes[index + 3];
    const isFourByte =
      second >= 0x30 &&
      second <= 0x39 &&
      third !== undefined &&
      third >= 0x81 &&
      third <= 0xfe &&
      fourth !== undefined &&
      fourth >= 0x30 &&
      fourth <= 0x39;
    if (!isFourByte) return index;
    index += 4;
  }
  // The structure is sound but the decoder refused a code outside the mapped ranges.
  return Math.min(index, bytes.length);
}

function failure(bytes: Uint8Array, encoding: string, offset: number): Decoded {
  return { ok: false, encoding, offset, line: lineOfOffset(bytes, offset) };
}

function firstInvalid(bytes: Uint8Array, encoding: Encoding): number {
  if (encoding === "utf8") return firstInvalidUtf8(bytes);
  if (encoding === "gb18030") return firstInvalidGb18030(bytes);
  // UTF-16 fails on an odd length or a lone surrogate; the end is a fair place to point.
  return bytes.length - (bytes.length % 2);
}

/**
 * The one order in which encodings are tried, for a file read whole and for a file planned from
 * its start alike: the encoding given, else the one a byte-order mark names, else UTF-8 and then
 * GB18030. `skip` is the length of a mark that agrees with the first candidate.
 */
export function encodingOrder(
  bytes: Uint8Array,
  choice: EncodingChoice,
): { candidates: Encoding[]; skip: number; bom: Encoding | null } {
  const bom = bomOf(bytes);
  if (choice !== "auto") {
    return {
      candidates: [choice],
      skip: bom && bom[0] === choice ? bom[1] : 0,
      bom: bom?.[0] ?? null,
    };
  }
  if (bom) return { candidates: [bom[0]], skip: bom[1], bom: bom[0] };
  return { candidates: ["utf8", "gb18030"], skip: 0, bom: null };
}

export function decode(bytes: Uint8Array, choice: EncodingChoice = "auto"): Decoded {
  const { candidates, skip } = encodingOrder(bytes, choice);
  const body = bytes.subarray(skip);
  for (const encoding of candidates) {
    const text = tryDecode(body, encoding);
    if (text !== null) return { ok: true, text, encoding, bom: skip > 0 };
  }
  const [only] = candidates;
  if (candidates.length === 1 && only) return failure(bytes, only, skip + firstInvalid(body, only));
  // The encoding that got further is most likely the one the file was meant to be in.
  const utf8Offset = firstInvalidUtf8(bytes);
  const gbOffset = firstInvalidGb18030(bytes);
  return gbOffset >= utf8Offset
    ? failure(bytes, "gb18030", gbOffset)
    : failure(bytes, "utf8", utf8Offset);
}

/**
 * The text with U+FFFD for each byte sequence the encoding refuses: read only after a strict
 * decode failed, so that the rows holding them can be rejected one by one (see ingestBytes).
 * Null for an encoding name this reader does not know.
 */
export function decodeLeniently(bytes: Uint8Array, encoding: string): string | null {
  if (!(encodings as readonly string[]).includes(encoding)) return null;
  const bom = bomOf(bytes);
  const skip = bom && bom[0] === encoding ? bom[1] : 0;
  try {
    return new TextDecoder(decoderLabels[encoding as Encoding], { ignoreBOM: true }).decode(
      bytes.subarray(skip),
    );
  } catch {
    return null;
  }
}
