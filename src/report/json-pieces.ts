/**
 * JSON.stringify(value, null, 2), byte for byte, but handed out in pieces of about 64 KB: a
 * report with a million findings never has to exist as one string (V8 refuses strings past
 * about 512 MB, and building one costs as much memory again as the report).
 */
const CHUNK = 1 << 16;

/** Arrays longer than this have each item written by JSON.stringify itself, which is native. */
const WALK_ITEMS_UP_TO = 16;

/**
 * An array some of whose items are already written: `leading` items to write, then blocks of
 * items written by `indentedJson` at this array's depth and joined by ",\n" and the indent.
 */
export class SerializedArray {
  constructor(
    readonly leading: readonly unknown[],
    readonly blocks: Iterable<string | Iterable<Uint8Array>>,
  ) {}
}

/** JSON.stringify(item, null, 2) as it reads inside a structure indented by `indent`. */
export function indentedJson(item: unknown, indent: string): string {
  // JSON.stringify writes null for undefined and functions inside arrays. Its output has no raw
  // line break inside a string (they are escaped), so every "\n" is one it put between lines.
  const text = JSON.stringify(item, null, 2) ?? "null";
  return text.includes("\n") ? text.replaceAll("\n", `\n${indent}`) : text;
}

/**
 * Whether a value has a part that must not be written in one go: written pieces, or an array long
 * enough to be big. Everything else is left to JSON.stringify, which is native and needs no
 * warming up (walking a report's head value by value made the generator below hot enough for V8
 * to optimise it on a background thread, and a ten-row check then waited for that at exit).
 */
function needsWalk(value: unknown): boolean {
  if (value instanceof SerializedArray) return true;
  if (Array.isArray(value)) {
    return value.length > WALK_ITEMS_UP_TO || value.some(needsWalk);
  }
  if (value !== null && typeof value === "object") {
    for (const key in value) {
      if (needsWalk((value as Record<string, unknown>)[key])) return true;
    }
  }
  return false;
}

function* pieces(value: unknown, indent: string): Generator<string | Uint8Array> {
  if (!needsWalk(value)) {
    yield indentedJson(value, indent);
    return;
  }
  if (value instanceof SerializedArray) {
    const inner = `${indent}  `;
    let first = true;
    for (const item of value.leading) {
      yield `${first ? "[" : ","}\n${inner}${indentedJson(item, inner)}`;
      first = false;
    }
    for (const block of value.blocks) {
      yield `${first ? "[" : ","}\n${inner}`;
      if (typeof block === "string") yield block;
      else yield* block;
      first = false;
    }
    yield first ? "[]" : `\n${indent}]`;
    return;
  }
  if (Array.isArray(value)) {
    if (value.length === 0) {
      yield "[]";
      return;
    }
    const inner = `${indent}  `;
    const walk = value.length <= WALK_ITEMS_UP_TO;
    yield "[";
    for (let index = 0; index < value.length; index++) {
      const item = value[index];
      const separator = `${index === 0 ? "" : ","}\n${inner}`;
      if (!walk || item === null || typeof item !== "object") {
        yield separator + indentedJson(item, inner);
        continue;
      }
      yield separator;
      yield* pieces(item, inner);
    }
    yield `\n${indent}]`;
    return;
  }
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).filter(
      ([, item]) => item !== undefined && typeof item !== "function",
    );
    if (entries.length === 0) {
      yield "{}";
      return;
    }
    const inner = `${indent}  `;
    yield "{";
    for (const [index, [key, item]] of entries.entries()) {
      yield `${index === 0 ? "" : ","}\n${inner}${JSON.stringify(key)}: `;
      yield* pieces(item, inner);
    }
    yield `\n${indent}}`;
    return;
  }
  yield JSON.stringify(value);
}

export function* jsonPieces(value: unknown): Generator<string | Uint8Array> {
  let buffer = "";
  for (const piece of pieces(value, "")) {
    if (typeof piece !== "string") {
      // Text already encoded (set aside while the records were read) goes out as it is.
      if (buffer) yield buffer;
      buffer = "";
      yield piece;
      continue;
    }
    buffer += piece;
    if (buffer.length >= CHUNK) {
      yield buffer;
      buffer = "";
    }
  }
  yield `${buffer}\n`;
}
