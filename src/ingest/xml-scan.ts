/**
 * A streaming scanner for the XML of spreadsheet parts: tags and text as they arrive, chunk by
 * chunk, in time linear in the part. It knows only what these parts use (elements, attributes,
 * character references, CDATA, comments, declarations); a namespace prefix is dropped from every
 * name, so Strict and Transitional Open XML read alike. Entity declarations are not expanded
 * (nothing here reads a DTD), so an entity bomb has nothing to expand.
 */
export interface XmlHandler {
  /** A start tag (`empty` for `<x/>`), with its attributes still as written. */
  open(name: string, attributes: string, empty: boolean): void;
  close(name: string): void;
  /** Text between tags, character references already decoded. */
  text(value: string): void;
  /**
   * A reader's own fast path, offered every tag first: given the text and where the tag's `<`
   * is, it returns where its reading ended, NOT_MINE to have the tag scanned as usual, or
   * MORE_TEXT when what it needs runs past this chunk.
   */
  fast?(text: string, open: number, last: boolean): number;
}

export const NOT_MINE = -1;
export const MORE_TEXT = -2;

export class XmlSyntaxError extends Error {}

/** A tag never runs this long in a spreadsheet part; one that does is not one. */
const MAX_TAG = 1 << 20;
/** How much of a chunk is joined to the tag carried over from the one before. */
const JOIN_HEAD = 4096;

export class XmlScanner {
  private carry = "";
  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    let text = chunk;
    let from = 0;
    if (this.carry !== "") {
      // The unfinished tag carried over is finished in a short string of its own, and the rest
      // read from the chunk as it came: a string joined to the carry (a rope) would be read
      // character by character through one more indirection, a third slower (bench/RESULTS.md).
      const { carry } = this;
      const head = [carry, chunk.slice(0, JOIN_HEAD)].join("");
      const rest = this.scan(head, 0, false);
      if (rest > carry.length) from = rest - carry.length;
      else if (chunk.length <= JOIN_HEAD) {
        this.carry = head.slice(rest);
        this.refuseLongTag();
        return;
      } else {
        // A tag longer than the head: what of the carry was read is not read again.
        text = carry + chunk;
        from = rest;
      }
    }
    const rest = this.scan(text, from, false);
    this.carry = text.slice(rest);
    this.refuseLongTag();
  }

  private refuseLongTag(): void {
    if (this.carry.length > MAX_TAG) throw new XmlSyntaxError("a tag longer than 1 MB");
  }

  end(): void {
    const rest = this.scan(this.carry, 0, true);
    if (rest < this.carry.length && this.carry.slice(rest).trim() !== "") {
      throw new XmlSyntaxError("the part ends inside a tag");
    }
    this.carry = "";
  }

  /** Scans what it can; returns where an unfinished tag (or text before one) begins. */
  private scan(text: string, from: number, last: boolean): number {
    const { handler } = this;
    let at = from;
    const length = text.length;
    while (at < length) {
      const open = text.indexOf("<", at);
      if (open === -1) {
        // Text may go on in the next chunk: it is handed on whole when its tag comes.
        if (!last) return at;
        handler.text(decodeText(text.slice(at)));
        return length;
      }
      if (open > at) handler.text(decodeText(text.slice(at, open)));
      at = open;
      const next = text.charCodeAt(open + 1);
      if (next === 33 /* ! */) {
        if (text.startsWith("<!--", open)) {
          const end = text.indexOf("-->", open + 4);
          if (end === -1) return at;
          at = end + 3;
          continue;
        }
        if (text.startsWith("<![CDATA[", open)) {
          const end = text.indexOf("]]>", open + 9);
          if (end === -1) return at;
          handler.text(text.slice(open + 9, end));
          at = end + 3;
          continue;
        }
        // <!DOCTYPE …>: read past, never expanded.
        const end = text.indexOf(">", open);
        if (end === -1) return at;
        at = end + 1;
        continue;
      }
      if (next === 63 /* ? */) {
        const end = text.indexOf("?>", open + 2);
        if (end === -1) return at;
        at = end + 2;
        continue;
      }
      if (handler.fast) {
        const taken = handler.fast(text, open, last);
        if (taken === MORE_TEXT) {
          if (!last) return at;
          throw new XmlSyntaxError("the part ends inside an element");
        }
        if (taken !== NOT_MINE) {
          at = taken;
          continue;
        }
      }
      const end = tagEnd(text, open + 1);
      if (end === -1) {
        if (open + 1 >= length && !last) return at;
        if (!last) return at;
        throw new XmlSyntaxError("a tag is not closed");
      }
      if (next === 47 /* / */) {
        handler.close(localName(text.slice(open + 2, end).trim()));
      } else {
        const empty = text.charCodeAt(end - 1) === 47;
        const innerEnd = empty ? end - 1 : end;
        let nameEnd = open + 1;
        while (nameEnd < innerEnd && !isSpace(text.charCodeAt(nameEnd))) nameEnd++;
        const rawName = text.slice(open + 1, nameEnd);
        const name = localName(rawName);
        const attributes = text.slice(nameEnd, innerEnd);
        handler.open(name, attributes, empty);
      }
      at = end + 1;
    }
    return at;
  }
}

/** Where a tag begun at `from` ends (its `>`), quotes respected; -1 when not in `text`. */
function tagEnd(text: string, from: number): number {
  let at = from;
  for (;;) {
    const end = text.indexOf(">", at);
    if (end === -1) return -1;
    // A quoted value may hold a ">": look for a quote before it, within the tag only.
    let quote = -1;
    for (let index = at; index < end; index++) {
      const code = text.charCodeAt(index);
      if (code === 34 || code === 39) {
        quote = index;
        break;
      }
    }
    if (quote === -1) return end;
    const close = text.indexOf(text[quote] as string, quote + 1);
    if (close === -1) return -1;
    at = close + 1;
  }
}

function isSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 10 || code === 13;
}

function localName(name: string): string {
  const colon = name.indexOf(":");
  return colon === -1 ? name : name.slice(colon + 1);
}

/**
 * Every attribute of a tag, in one pass: `take(name, value)` for each, the name without its
 * prefix and the value's character references decoded.
 */
export function eachAttribute(
  attributes: string,
  take: (name: string, value: string) => void,
): void {
  let at = 0;
  const length = attributes.length;
  while (at < length) {
    const equals = attributes.indexOf("=", at);
    if (equals === -1) return;
    let start = at;
    while (start < equals && isSpace(attributes.charCodeAt(start))) start++;
    let end = equals;
    while (end > start && isSpace(attributes.charCodeAt(end - 1))) end--;
    let quoteAt = equals + 1;
    while (isSpace(attributes.charCodeAt(quoteAt))) quoteAt++;
    const quote = attributes[quoteAt];
    if (quote !== '"' && quote !== "'") return;
    const close = attributes.indexOf(quote, quoteAt + 1);
    if (close === -1) return;
    take(localName(attributes.slice(start, end)), decodeText(attributes.slice(quoteAt + 1, close)));
    at = close + 1;
  }
}

/** One attribute's value, character references decoded; undefined when the tag has none. */
export function attribute(attributes: string, name: string): string | undefined {
  let from = 0;
  while (from < attributes.length) {
    const at = attributes.indexOf(name, from);
    if (at === -1) return undefined;
    from = at + name.length;
    const before = attributes.charCodeAt(at - 1);
    // The name must stand alone: preceded by a space or a prefix's colon, followed by "=".
    if (at > 0 && !isSpace(before) && before !== 58) continue;
    let index = from;
    while (isSpace(attributes.charCodeAt(index))) index++;
    if (attributes.charCodeAt(index) !== 61) continue;
    index++;
    while (isSpace(attributes.charCodeAt(index))) index++;
    const quote = attributes.charCodeAt(index);
    if (quote !== 34 && quote !== 39) return undefined;
    const close = attributes.indexOf(String.fromCharCode(quote), index + 1);
    if (close === -1) return undefined;
    return decodeText(attributes.slice(index + 1, close));
  }
  return undefined;
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** XML's five named entities and numeric character references. */
export function decodeText(raw: string): string {
  if (!raw.includes("&")) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (whole, body: string) => {
    if (body.startsWith("#")) {
      const code =
        body[1] === "x" || body[1] === "X"
          ? Number.parseInt(body.slice(2), 16)
          : Number.parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body] ?? whole;
  });
}

/**
 * Office's own escape for characters XML cannot hold (`_x000D_` is a carriage return; `_x005F_`
 * a literal underscore before such a sequence).
 */
export function decodeOfficeEscapes(value: string): string {
  if (!value.includes("_x")) return value;
  return value.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** The encoding an XML part declares (a byte-order mark first); UTF-8 when it declares none. */
export function declaredEncoding(head: Uint8Array): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8";
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  if (head[0] === 0x3c && head[1] === 0x00) return "utf-16le";
  if (head[0] === 0x00 && head[1] === 0x3c) return "utf-16be";
  const start = new TextDecoder("latin1").decode(head.subarray(0, 200));
  const declaration = /^<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(start);
  return declaration?.[1]?.toLowerCase() ?? "utf-8";
}
