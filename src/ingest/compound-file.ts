/**
 * The Compound File Binary container (MS-CFB) that Excel 97–2003 workbooks (.xls) live in: a
 * small file system of sectors, read here only far enough to take one stream out whole. Every
 * sector number is checked against the file and every chain against loops, so a damaged or
 * hostile file is refused, never followed.
 */
export const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export class CompoundFileError extends Error {}

const END_OF_CHAIN = 0xfffffffe;
const FREE = 0xffffffff;

interface DirectoryEntry {
  name: string;
  type: number;
  start: number;
  size: number;
}

export function isCompoundFile(bytes: Uint8Array): boolean {
  return CFB_MAGIC.every((byte, index) => bytes[index] === byte);
}

/** The streams' names, and a function to read one of them whole. */
export function openCompoundFile(bytes: Uint8Array): {
  names: string[];
  read(name: string): Uint8Array | undefined;
} {
  if (bytes.length < 512 || !isCompoundFile(bytes)) {
    throw new CompoundFileError("not a compound file");
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u32 = (offset: number) => {
    if (offset + 4 > bytes.length) throw new CompoundFileError("cut short");
    return view.getUint32(offset, true);
  };
  const sectorShift = view.getUint16(0x1e, true);
  const miniShift = view.getUint16(0x20, true);
  if ((sectorShift !== 9 && sectorShift !== 12) || miniShift !== 6) {
    throw new CompoundFileError("an unknown sector size");
  }
  const sectorSize = 1 << sectorShift;
  const sectors = Math.floor((bytes.length - sectorSize) / sectorSize) + 1;
  const sectorOffset = (sector: number) => {
    if (sector >= sectors) throw new CompoundFileError(`sector ${sector} is past the end`);
    return (sector + 1) * sectorSize;
  };

  // The sector allocation table, found through the header's list and its continuation sectors.
  const fatSectors: number[] = [];
  for (let index = 0; index < 109; index++) {
    const sector = u32(0x4c + index * 4);
    if (sector !== FREE && sector !== END_OF_CHAIN) fatSectors.push(sector);
  }
  let difat = u32(0x44);
  for (let seen = 0; difat !== END_OF_CHAIN && difat !== FREE; seen++) {
    if (seen > sectors) throw new CompoundFileError("a loop in the allocation list");
    const base = sectorOffset(difat);
    const perSector = sectorSize / 4 - 1;
    for (let index = 0; index < perSector; index++) {
      const sector = u32(base + index * 4);
      if (sector !== FREE && sector !== END_OF_CHAIN) fatSectors.push(sector);
    }
    difat = u32(base + perSector * 4);
  }
  const fat = new Uint32Array(fatSectors.length * (sectorSize / 4));
  fatSectors.forEach((sector, position) => {
    const base = sectorOffset(sector);
    for (let index = 0; index < sectorSize / 4; index++) {
      fat[position * (sectorSize / 4) + index] = u32(base + index * 4);
    }
  });

  const chain = (start: number, table: Uint32Array, limit: number): number[] => {
    const found: number[] = [];
    for (let sector = start; sector !== END_OF_CHAIN; ) {
      if (sector >= table.length || found.length > limit) {
        throw new CompoundFileError("a broken or looping sector chain");
      }
      found.push(sector);
      sector = table[sector] ?? END_OF_CHAIN;
    }
    return found;
  };
  const readChain = (start: number, size: number): Uint8Array => {
    if (size > bytes.length) throw new CompoundFileError("a stream larger than the file");
    const out = new Uint8Array(size);
    let written = 0;
    for (const sector of chain(start, fat, sectors)) {
      if (written >= size) break;
      const base = sectorOffset(sector);
      const piece = bytes.subarray(base, Math.min(base + sectorSize, base + size - written));
      out.set(piece, written);
      written += piece.length;
    }
    if (written < size) throw new CompoundFileError("a stream cut short");
    return out;
  };

  // The directory: 128-byte entries in a chain of sectors.
  const directorySectors = chain(u32(0x30), fat, sectors);
  const entries: DirectoryEntry[] = [];
  for (const sector of directorySectors) {
    const base = sectorOffset(sector);
    for (let offset = 0; offset < sectorSize; offset += 128) {
      const at = base + offset;
      const nameLength = Math.min(64, view.getUint16(at + 64, true));
      const name = new TextDecoder("utf-16le").decode(
        bytes.subarray(at, at + Math.max(0, nameLength - 2)),
      );
      entries.push({
        name,
        type: bytes[at + 66] ?? 0,
        start: u32(at + 116),
        size: u32(at + 120),
      });
    }
  }
  const root = entries[0];
  if (root?.type !== 5) throw new CompoundFileError("no root entry");
  const cutoff = u32(0x38);
  let miniStream: Uint8Array | undefined;
  let miniFat: Uint32Array | undefined;
  const mini = () => {
    if (!miniStream || !miniFat) {
      miniStream =
        root.start === END_OF_CHAIN ? new Uint8Array() : readChain(root.start, root.size);
      const miniFatSectors = u32(0x3c) === END_OF_CHAIN ? [] : chain(u32(0x3c), fat, sectors);
      miniFat = new Uint32Array(miniFatSectors.length * (sectorSize / 4));
      miniFatSectors.forEach((sector, position) => {
        const base = sectorOffset(sector);
        for (let index = 0; index < sectorSize / 4; index++) {
          (miniFat as Uint32Array)[position * (sectorSize / 4) + index] = u32(base + index * 4);
        }
      });
    }
    return { stream: miniStream, table: miniFat };
  };
  const streams = entries.filter((entry) => entry.type === 2);
  return {
    names: streams.map((entry) => entry.name),
    read(name) {
      const entry = streams.find((each) => each.name === name);
      if (!entry) return undefined;
      if (entry.size >= cutoff) return readChain(entry.start, entry.size);
      const { stream, table } = mini();
      const out = new Uint8Array(entry.size);
      let written = 0;
      for (const sector of chain(entry.start, table, stream.length / 64 + 1)) {
        if (written >= entry.size) break;
        const base = sector * 64;
        if (base + 64 > stream.length + 64)
          throw new CompoundFileError("a mini sector past the end");
        const piece = stream.subarray(base, Math.min(base + 64, base + entry.size - written));
        out.set(piece, written);
        written += piece.length;
      }
      if (written < entry.size) throw new CompoundFileError("a stream cut short");
      return out;
    },
  };
}
