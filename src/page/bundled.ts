/**
 * What the page carries with it, filled in when the page is built (scripts/page.mjs defines
 * these names): the built-in rule packs' texts and the tool's name and version. Run anywhere else
 * (a test in Node), the packs are empty and the version unknown.
 */
declare const FLOORSPACE_PACKS: Record<string, string> | undefined;
declare const FLOORSPACE_TOOL: { name: string; version: string } | undefined;

export const builtinPacks: ReadonlyMap<string, string> = new Map(
  Object.entries(typeof FLOORSPACE_PACKS === "undefined" ? {} : FLOORSPACE_PACKS),
);

export const tool =
  typeof FLOORSPACE_TOOL === "undefined"
    ? { name: "floorspace", version: "0.0.0" }
    : FLOORSPACE_TOOL;
