/**
 * Parts of a file are checked for record ids repeated across them by 53-bit hashes, not by
 * the ids: a few megabytes cross between threads instead of every id. Two different ids with
 * the same hash only cost time (the file is then read again in one part), never a wrong report.
 */
export function idHashes(ids: Iterable<string>): Float64Array {
  const hashes: number[] = [];
  for (const id of ids) {
    // Two FNV-1a variants over UTF-16 units: 32 bits and 21 more.
    let low = 0x811c9dc5;
    let high = 0x01000193;
    for (let index = 0; index < id.length; index++) {
      const unit = id.charCodeAt(index);
      low = Math.imul(low ^ unit, 0x01000193);
      high = Math.imul(high ^ unit, 0x5bd1e995) ^ (high >>> 15);
    }
    hashes.push((high & 0x1fffff) * 0x100000000 + (low >>> 0));
  }
  return Float64Array.from(hashes).sort();
}

/** Whether two sorted hash lists share a value. */
export function overlaps(first: Float64Array, second: Float64Array): boolean {
  let i = 0;
  let j = 0;
  while (i < first.length && j < second.length) {
    const a = first[i] as number;
    const b = second[j] as number;
    if (a === b) return true;
    if (a < b) i++;
    else j++;
  }
  return false;
}

/** The sorted union of two sorted hash lists. */
export function union(first: Float64Array, second: Float64Array): Float64Array {
  const merged = new Float64Array(first.length + second.length);
  merged.set(first);
  merged.set(second, first.length);
  return merged.sort();
}
