/**
 * Parts of a file are checked for record ids repeated across them by 53-bit hashes, not by
 * the ids: a few megabytes cross between threads instead of every id. Two different ids with
 * the same hash only cost time (the file is then read again in one part), never a wrong report.
 * Each part's hashes come sorted from its IdIndex (src/ingest/id-index.ts).
 */

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

/**
 * The sorted union of two sorted hash lists, merged in one pass (sorting them together took
 * 130 ms for a million hashes, on the main thread after every part had finished).
 */
export function union(first: Float64Array, second: Float64Array): Float64Array {
  const merged = new Float64Array(first.length + second.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < first.length && j < second.length) {
    const a = first[i] as number;
    const b = second[j] as number;
    if (a <= b) {
      merged[k++] = a;
      i++;
    } else {
      merged[k++] = b;
      j++;
    }
  }
  merged.set(first.subarray(i), k);
  merged.set(second.subarray(j), k + first.length - i);
  return merged;
}
