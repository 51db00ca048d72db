import type { z } from "zod";
import { columnMapProblems } from "../ingest/headers.js";
import { decimalFromPack } from "../model/decimal.js";
import {
  type DistrictEntry,
  type PackFile,
  packFileSchema,
  type ResolvedPack,
  resolvedPackSchema,
} from "../model/pack.js";
import type { Center } from "../model/records.js";
import { findRule, rules } from "./registry.js";
import type { Parameters, Tristate } from "./types.js";

export const defaultPackId = "suzhou-2010";

/** A pack that cannot be used; `lines` are ready to print, one problem each. */
export class PackError extends Error {
  constructor(
    readonly source: string,
    readonly lines: string[],
  ) {
    super(`${source}: ${lines.join("; ")}`);
  }
}

function issuesToLines(issues: readonly z.core.$ZodIssue[]): string[] {
  return issues.map((issue) => {
    const path = issue.path.map(String).join(".");
    return `${path || "(pack)"}: ${issue.message}`;
  });
}

/**
 * A pack file's text as a pack layer, or a PackError naming `label`: what the shell reads from a
 * file and a page from a dropped file, parsed the same way.
 */
export function parsePackText(text: string, label: string): PackFile {
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (error) {
    // Never the parser's message: it quotes the file, and a pack path can name any file.
    const position = /position (\d+)/.exec((error as Error).message)?.[1];
    throw new PackError(label, [
      `not valid JSON${position === undefined ? "" : ` (at character ${position})`}: a rule pack is a JSON file`,
    ]);
  }
  const parsed = packFileSchema.safeParse(json);
  if (!parsed.success) throw new PackError(label, issuesToLines(parsed.error.issues));
  return parsed.data;
}

function merge(
  base: Partial<ResolvedPack>,
  layer: PackFile,
  source: string,
): Partial<ResolvedPack> {
  const ruleIds = new Set([...Object.keys(base.rules ?? {}), ...Object.keys(layer.rules ?? {})]);
  const mergedRules: ResolvedPack["rules"] = {};
  for (const id of ruleIds) mergedRules[id] = { ...base.rules?.[id], ...layer.rules?.[id] };
  return {
    id: layer.id,
    title: layer.title,
    source: layer.source ?? base.source,
    layers: [...(base.layers ?? []), source],
    parameters: { ...base.parameters, ...layer.parameters } as ResolvedPack["parameters"],
    tasks: { ...base.tasks, ...layer.tasks },
    rules: mergedRules,
    districts: { ...base.districts, ...layer.districts } as ResolvedPack["districts"],
    ...(base.columns || layer.columns ? { columns: { ...base.columns, ...layer.columns } } : {}),
  };
}

/**
 * A pack from its layers, the one it extends first and the named one last: merged, checked
 * whole, and (the named one) its rules and tasks checked against each other.
 */
export function resolvePackLayers(
  layers: ReadonlyArray<{ label: string; file: PackFile }>,
): ResolvedPack {
  let merged: Partial<ResolvedPack> = {};
  let label = "";
  for (const [index, layer] of layers.entries()) {
    merged = merge(merged, layer.file, layer.label);
    label = layer.label;
    const complete = resolvedPackSchema.safeParse(merged);
    // Each layer is a pack in its own right (a base is checked before what extends it).
    if (!complete.success) throw new PackError(label, issuesToLines(complete.error.issues));
    if (index === layers.length - 1) {
      checkReferences(complete.data, label);
      return complete.data;
    }
  }
  throw new PackError(label || "(pack)", ["no pack"]);
}

/** Rule ids must exist and every enabled rule needs its task, so no finding lacks a basis. */
function checkReferences(pack: ResolvedPack, path: string): void {
  const lines: string[] = [];
  for (const id of Object.keys(pack.rules)) {
    if (!findRule(id))
      lines.push(`rules.${id}: no such rule (known: ${rules.map((rule) => rule.id).join(", ")})`);
  }
  for (const rule of rules) {
    const task = pack.rules[rule.id]?.task ?? rule.task;
    const setting = pack.rules[rule.id]?.severity ?? rule.defaultSeverity;
    if (setting !== "off" && !pack.tasks[String(task)]) {
      lines.push(
        `tasks.${task}: rule ${rule.id} cites task ${task}, which the pack does not define`,
      );
    }
  }
  for (const line of columnMapProblems(pack.columns ?? {})) lines.push(`columns: ${line}`);
  if (lines.length > 0) throw new PackError(path, lines);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function packParameters(pack: ResolvedPack): Parameters {
  // The schema has already checked that every decimal parses.
  const exact = (value: number | string) => decimalFromPack(value) ?? 0;
  return {
    estateRates: pack.parameters.estateRates
      .map((step) => ({ from: step.from, rate: exact(step.rate) }))
      // ISO dates sort as text; comparing code units also spares a run loading ICU's collator.
      .sort((a, b) => compareText(a.from ?? "", b.from ?? "")),
    communityRate: exact(pack.parameters.communityRate),
    cityMinimumArea: exact(pack.parameters.cityMinimumArea),
    ruralOtherMinimumArea: exact(pack.parameters.ruralOtherMinimumArea),
    // Only packs with the activity-share rule on set it; 60 % is the 2022 notice's figure.
    activityShare: exact(pack.parameters.activityShare ?? "0.6"),
    communityRateScope: pack.parameters.communityRateScope ?? "urban",
    cityMinimumScope: pack.parameters.cityMinimumScope ?? "city-proper",
    pilotOnly: pack.parameters.pilotOnly ?? false,
    streetCenterMinimumArea: exact(pack.parameters.streetCenterMinimumArea ?? 0),
    countyCenterMinimumArea: exact(pack.parameters.countyCenterMinimumArea ?? 0),
  };
}

function districtKey(name: string): string {
  return name.normalize("NFKC").replace(/\s+/g, "");
}

/** District membership by the pack's lists, matching aliases and ignoring 江苏省/苏州市 prefixes. */
export function districtLookup(pack: ResolvedPack) {
  const { prefixes } = pack.districts;
  // The same few district names recur on every row: normalise each spelling once.
  const keys = new Map<string, string>();
  const keyOf = (district: string) => {
    const known = keys.get(district);
    if (known !== undefined) return known;
    let key = districtKey(district);
    for (let stripped = true; stripped; ) {
      stripped = false;
      for (const prefix of prefixes.map(districtKey)) {
        if (prefix && key.startsWith(prefix) && key.length > prefix.length) {
          key = key.slice(prefix.length);
          stripped = true;
        }
      }
    }
    keys.set(district, key);
    return key;
  };
  const setOf = (entries: readonly DistrictEntry[]) =>
    new Set(entries.flatMap((entry) => [entry.name, ...(entry.aliases ?? [])]).map(keyOf));
  const cityProper = setOf(pack.districts.cityProper);
  const notCityProper = setOf(pack.districts.notCityProper);
  const oldTown = setOf(pack.districts.oldTown);
  const known = (key: string) => cityProper.has(key) || notCityProper.has(key);
  const canonicalNames = new Map<string, string>();
  const unknownDistricts = new Map<
    string,
    { unknown: true; suggestion?: string; lists: boolean }
  >();
  for (const entry of [
    ...pack.districts.cityProper,
    ...pack.districts.notCityProper,
    ...pack.districts.oldTown,
  ]) {
    for (const name of [entry.name, ...(entry.aliases ?? [])])
      canonicalNames.set(keyOf(name), entry.name);
  }
  return {
    /** The pack's name for a district it knows, under any spelling; undefined for any other text. */
    known(text: string): string | undefined {
      return canonicalNames.get(keyOf(text));
    },
    /** A district as the pack knows it, or its likeliest name (one character off) when it does not. */
    district(name: string) {
      const known = canonicalNames.get(keyOf(name));
      if (known !== undefined) return { known };
      // The same few misspellings recur on every row: each is looked up once.
      const seen = unknownDistricts.get(name);
      if (seen) return seen;
      const key = keyOf(name);
      let suggestion: string | undefined;
      for (const [candidate, canonical] of canonicalNames) {
        if (oneEditApart(key, candidate)) {
          suggestion = canonical;
          break;
        }
      }
      const result = {
        unknown: true as const,
        ...(suggestion !== undefined ? { suggestion } : {}),
        lists: canonicalNames.size > 0,
      };
      if (unknownDistricts.size < 10_000) unknownDistricts.set(name, result);
      return result;
    },
    /** The pack's name for a district written under an alias (园区 -> 苏州工业园区); else as written. */
    canonical(district: string): string {
      return canonicalNames.get(keyOf(district)) ?? district.trim();
    },
    isCityProper(center: Center): Tristate {
      if (center.city_proper !== undefined) return center.city_proper;
      const key = keyOf(center.district);
      if (cityProper.has(key)) return true;
      return notCityProper.has(key) ? false : undefined;
    },
    isOldTown(center: Center): Tristate {
      if (center.old_town !== undefined) return center.old_town;
      const key = keyOf(center.district);
      if (oldTown.has(key)) return true;
      return known(key) ? false : undefined;
    },
  };
}

/** Whether two names differ by one character replaced, added or left out (虎邱区 / 虎丘区). */
function oneEditApart(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > 1 || x.length < 2 || y.length < 2) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < x.length && j < y.length) {
    if (x[i] === y[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (x.length > y.length) i++;
    else if (y.length > x.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (x.length - i) + (y.length - j) === 1;
}
