/**
 * The record ids of a file and the line each was first seen on, for the duplicate-id check. A
 * Map did this at about a microsecond per record on a part of 500,000 records, most of it cache
 * misses: a get, then a set, each walking V8's buckets and entries. This table is open
 * addressing over one typed array whose slots hold an id's 32-bit hash and its entry number side
 * by side, so a probe touches one memory line; everything else about an id (line, text, the rest
 * of its hash) is appended to arrays in the order ids come, which stay in cache as they grow. The
 * id's text is only compared when its 32-bit hash matches.
 *
 * The ids' texts are copied into an arena of bytes outside V8's heap, not kept as strings: half a
 * million strings kept alive were copied by every young-generation collection until they reached
 * the old one, and then grew the old one, whose garbage V8 let pile up in proportion (a part
 * with 17-character ids peaked at 169 MB of heap against 45 MB with 7). An id whose units are
 * all below U+0100 takes a byte a unit, any other two (its length is then kept negative): every
 * page of memory a part touches for the first time costs about 16 µs on a virtual machine.
 *
 * It also gives the sorted 53-bit hashes that parts of a file exchange to find ids repeated
 * across them (src/pipeline/id-hash.ts).
 */
const INITIAL_SLOTS = 1 << 12;
const MAX_LOAD = 0.7;
const INITIAL_UNITS = 1 << 16;
const INITIAL_ENTRIES = 1 << 10;

/** Two FNV-1a variants over UTF-16 units: 32 bits, and 21 more. */
function hashLow(id: string): number {
  let low = 0x811c9dc5;
  for (let index = 0; index < id.length; index++) {
    low = Math.imul(low ^ id.charCodeAt(index), 0x01000193);
  }
  return low | 0;
}

function hashHigh(id: string): number {
  let high = 0x01000193;
  for (let index = 0; index < id.length; index++) {
    high = Math.imul(high ^ id.charCodeAt(index), 0x5bd1e995) ^ (high >>> 15);
  }
  return high & 0x1fffff;
}

/** An id's 53-bit hash, as a number (exact: below 2^53). */
export function idHash(id: string): number {
  return hashHigh(id) * 0x100000000 + (hashLow(id) >>> 0);
}

/** The ids in the order they came: entry n is the n-th distinct id. */
interface Entries {
  lines: Float64Array;
  /** Where the id starts in the arena, and its length in units: negative for two bytes a unit. */
  starts: Uint32Array;
  lengths: Int32Array;
  low: Int32Array;
  high: Int32Array;
}

function emptyEntries(count: number): Entries {
  return {
    lines: new Float64Array(count),
    starts: new Uint32Array(count),
    lengths: new Int32Array(count),
    low: new Int32Array(count),
    high: new Int32Array(count),
  };
}

export class IdIndex {
  private mask: number;
  /** Slot s is table[2s] (the id's 32-bit hash) and table[2s + 1] (its entry + 1; 0 is free). */
  private table: Int32Array;
  private entries: Entries;
  /** The arena of the ids' texts (see above). */
  private units = new Uint8Array(INITIAL_UNITS);
  private unitsUsed = 0;
  private count = 0;
  /** What prefetch read, kept so that the reads are not optimised away. */
  private touched = 0;
  /** The lines' memory holds the sorted hashes now (takeSortedHashes): no more claims. */
  private taken = false;

  /**
   * `expected`: about how many ids will come, so the table need not grow its way there. The
   * arrays filled in order are made three times that long, room for ids (and twelve characters
   * each) if the guess is low: growing copies them into fresh memory, a fifth of a 500,000-row
   * part's page faults, while room never written costs no memory at all (it is never touched).
   * The table is written all over, so it is sized to the guess itself.
   */
  constructor(expected = 0) {
    let slots = INITIAL_SLOTS;
    while (slots * MAX_LOAD < expected) slots *= 2;
    this.mask = slots - 1;
    this.table = new Int32Array(slots * 2);
    const room = Math.ceil(expected * 3);
    this.entries = emptyEntries(Math.max(INITIAL_ENTRIES, room));
    this.units = new Uint8Array(Math.max(INITIAL_UNITS, room * 12));
  }

  get size(): number {
    return this.count;
  }

  /**
   * Records `id` as seen on `line`, unless it was seen before: then nothing changes and the
   * line it was first seen on comes back.
   */
  claim(id: string, line: number): number | undefined {
    // One pass over the id: both hashes, and its text copied to the arena's free end (kept only
    // if the id is new), which costs less than reading the id a second time.
    if (this.taken) throw new Error("IdIndex: claim after takeSortedHashes");
    const length = id.length;
    // Room for two bytes a unit, in case one is above U+00FF.
    if (this.unitsUsed + 2 * length > this.units.length) this.growUnits(2 * length);
    const units = this.units;
    const start = this.unitsUsed;
    let low = 0x811c9dc5;
    let high = 0x01000193;
    // Every unit OR-ed together: above 0xff exactly when some unit is.
    let wide = 0;
    for (let index = 0; index < length; index++) {
      const unit = id.charCodeAt(index);
      units[start + index] = unit;
      wide |= unit;
      low = Math.imul(low ^ unit, 0x01000193);
      high = Math.imul(high ^ unit, 0x5bd1e995) ^ (high >>> 15);
    }
    let tag = length;
    if (wide > 0xff) {
      tag = -length;
      for (let index = 0; index < length; index++) {
        const unit = id.charCodeAt(index);
        units[start + 2 * index] = unit & 0xff;
        units[start + 2 * index + 1] = unit >>> 8;
      }
    }
    low |= 0;
    const table = this.table;
    let slot = low & this.mask;
    for (;;) {
      const entry = (table[2 * slot + 1] as number) - 1;
      if (entry === -1) break;
      if (table[2 * slot] === low && this.holds(entry, start, tag)) {
        return this.entries.lines[entry] as number;
      }
      slot = (slot + 1) & this.mask;
    }
    if (this.count === this.entries.lines.length) this.growEntries();
    this.unitsUsed += tag < 0 ? 2 * length : length;
    const entry = this.count;
    const entries = this.entries;
    entries.lines[entry] = line;
    entries.starts[entry] = start;
    entries.lengths[entry] = tag;
    entries.low[entry] = low;
    entries.high[entry] = high & 0x1fffff;
    table[2 * slot] = low;
    table[2 * slot + 1] = entry + 1;
    // At most 70% full, so probe sequences stay short.
    if (++this.count > MAX_LOAD * (this.mask + 1)) this.growSlots();
    return undefined;
  }

  /**
   * Reads the slot where `id` would go, so that it is in cache when `claim` comes for it: a batch
   * of these overlaps their memory waits, where claims one by one wait in turn.
   */
  prefetch(id: string): void {
    this.touched ^= this.table[2 * (hashLow(id) & this.mask) + 1] as number;
  }

  /**
   * The 53-bit hashes of all ids, sorted, written over the lines (a part asks at its end, and a
   * new array would be 4 MB of fresh memory for 500,000 ids): the index takes no claims after.
   */
  takeSortedHashes(): Float64Array {
    const { low, high, lines } = this.entries;
    this.taken = true;
    const hashes = lines.subarray(0, this.count);
    for (let entry = 0; entry < this.count; entry++) {
      hashes[entry] = (high[entry] as number) * 0x100000000 + ((low[entry] as number) >>> 0);
    }
    return hashes.sort();
  }

  /** Whether entry's id is the one written at `start` of the arena, `tag` its length (see Entries). */
  private holds(entry: number, start: number, tag: number): boolean {
    if (this.entries.lengths[entry] !== tag) return false;
    const from = this.entries.starts[entry] as number;
    const bytes = tag < 0 ? -2 * tag : tag;
    for (let index = 0; index < bytes; index++) {
      if (this.units[from + index] !== this.units[start + index]) return false;
    }
    return true;
  }

  private growUnits(needed: number): void {
    let size = this.units.length * 2;
    while (size < this.unitsUsed + needed) size *= 2;
    const units = new Uint8Array(size);
    units.set(this.units.subarray(0, this.unitsUsed));
    this.units = units;
  }

  private growEntries(): void {
    const old = this.entries;
    const fresh = emptyEntries(old.lines.length * 2);
    fresh.lines.set(old.lines);
    fresh.starts.set(old.starts);
    fresh.lengths.set(old.lengths);
    fresh.low.set(old.low);
    fresh.high.set(old.high);
    this.entries = fresh;
  }

  /** Twice the slots, each id put where its hash now lands (the entries stay as they are). */
  private growSlots(): void {
    const slots = (this.mask + 1) * 2;
    const table = new Int32Array(slots * 2);
    this.mask = slots - 1;
    this.table = table;
    const { low } = this.entries;
    for (let entry = 0; entry < this.count; entry++) {
      const hash = low[entry] as number;
      let slot = hash & this.mask;
      while (table[2 * slot + 1] !== 0) slot = (slot + 1) & this.mask;
      table[2 * slot] = hash;
      table[2 * slot + 1] = entry + 1;
    }
  }
}
