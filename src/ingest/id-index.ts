/**
 * The record ids of a file and the line each was first seen on, for the duplicate-id check. A
 * Map did this at about a microsecond per record on a part of 500,000 records, most of it cache
 * misses: a get, then a set, each walking V8's buckets and entries. This table is open
 * addressing over typed arrays: one probe sequence per record, usually one memory line, and the
 * id's text is only compared when its 32-bit hash matches.
 *
 * The ids' texts are copied into an arena of UTF-16 units outside V8's heap, not kept as
 * strings: half a million strings kept alive were copied by every young-generation collection
 * until they reached the old one, and then grew the old one, whose garbage V8 let pile up in
 * proportion (a part with 17-character ids peaked at 169 MB of heap against 45 MB with 7).
 *
 * It also gives the sorted 53-bit hashes that parts of a file exchange to find ids repeated
 * across them (src/pipeline/id-hash.ts).
 */
const INITIAL_SLOTS = 1 << 12;
const MAX_LOAD = 0.7;
const INITIAL_UNITS = 1 << 16;

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

/** The table's columns: one entry per slot. */
interface Slots {
  low: Int32Array;
  high: Int32Array;
  /** 0 marks a free slot: lines start at 1. */
  lines: Float64Array;
  /** Where the slot's id starts in the arena (a typed array cannot hold 2^32 units), and its length. */
  starts: Uint32Array;
  lengths: Int32Array;
}

function emptySlots(count: number): Slots {
  return {
    low: new Int32Array(count),
    high: new Int32Array(count),
    lines: new Float64Array(count),
    starts: new Uint32Array(count),
    lengths: new Int32Array(count),
  };
}

export class IdIndex {
  private mask: number;
  private slots: Slots;
  private units = new Uint16Array(INITIAL_UNITS);
  private unitsUsed = 0;
  private count = 0;

  /** `expected`: about how many ids will come, so the table need not grow its way there. */
  constructor(expected = 0) {
    let slots = INITIAL_SLOTS;
    while (slots * MAX_LOAD < expected) slots *= 2;
    this.mask = slots - 1;
    this.slots = emptySlots(slots);
  }

  get size(): number {
    return this.count;
  }

  /**
   * Records `id` as seen on `line`, unless it was seen before: then nothing changes and the
   * line it was first seen on comes back.
   */
  claim(id: string, line: number): number | undefined {
    const slots = this.slots;
    const low = hashLow(id);
    let slot = low & this.mask;
    for (;;) {
      const seenOn = slots.lines[slot] as number;
      if (seenOn === 0) break;
      if (slots.low[slot] === low && this.holds(slot, id)) return seenOn;
      slot = (slot + 1) & this.mask;
    }
    if (this.unitsUsed + id.length > this.units.length) this.growUnits(id.length);
    const start = this.unitsUsed;
    for (let index = 0; index < id.length; index++) {
      this.units[start + index] = id.charCodeAt(index);
    }
    this.unitsUsed += id.length;
    slots.low[slot] = low;
    slots.high[slot] = hashHigh(id);
    slots.lines[slot] = line;
    slots.starts[slot] = start;
    slots.lengths[slot] = id.length;
    // At most 70% full, so probe sequences stay short.
    if (++this.count > MAX_LOAD * (this.mask + 1)) this.growSlots();
    return undefined;
  }

  /** The 53-bit hashes of all ids, sorted. */
  sortedHashes(): Float64Array {
    const { low, high, lines } = this.slots;
    const hashes = new Float64Array(this.count);
    let next = 0;
    for (let slot = 0; slot <= this.mask; slot++) {
      if (lines[slot] === 0) continue;
      hashes[next++] = (high[slot] as number) * 0x100000000 + ((low[slot] as number) >>> 0);
    }
    return hashes.sort();
  }

  private holds(slot: number, id: string): boolean {
    if (this.slots.lengths[slot] !== id.length) return false;
    const start = this.slots.starts[slot] as number;
    for (let index = 0; index < id.length; index++) {
      if (this.units[start + index] !== id.charCodeAt(index)) return false;
    }
    return true;
  }

  private growUnits(needed: number): void {
    let size = this.units.length * 2;
    while (size < this.unitsUsed + needed) size *= 2;
    const units = new Uint16Array(size);
    units.set(this.units.subarray(0, this.unitsUsed));
    this.units = units;
  }

  /** Twice the slots, each id moved to where its hash now lands (the arena stays as it is). */
  private growSlots(): void {
    const old = this.slots;
    const count = old.lines.length * 2;
    const fresh = emptySlots(count);
    this.mask = count - 1;
    this.slots = fresh;
    for (let from = 0; from < old.lines.length; from++) {
      if (old.lines[from] === 0) continue;
      let slot = (old.low[from] as number) & this.mask;
      while (fresh.lines[slot] !== 0) slot = (slot + 1) & this.mask;
      fresh.low[slot] = old.low[from] as number;
      fresh.high[slot] = old.high[from] as number;
      fresh.lines[slot] = old.lines[from] as number;
      fresh.starts[slot] = old.starts[from] as number;
      fresh.lengths[slot] = old.lengths[from] as number;
    }
  }
}
