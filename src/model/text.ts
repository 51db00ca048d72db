import * as z from "zod";
import "./zod-config.js";

/** Every user-facing text exists in both languages; the CLI picks one per run. */
export const langSchema = z.enum(["zh", "en"]);
export type Lang = z.infer<typeof langSchema>;

export const localizedSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localizedSchema>;

// A template split once into its literal text (even places) and placeholder names (odd places).
const compiled = new Map<string, string[]>();

/** Fills `{name}` placeholders; a placeholder with no value is left visible so a gap shows. */
export function fillTemplate(template: string, data: Record<string, unknown>): string {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    compiled.set(template, parts);
  }
  let text = parts[0] ?? "";
  for (let index = 1; index < parts.length; index += 2) {
    const key = parts[index] as string;
    const value = data[key];
    text += value === undefined || value === null ? `{${key}}` : String(value);
    text += parts[index + 1] ?? "";
  }
  return text;
}

export function localize(text: Localized, lang: Lang, data: Record<string, unknown> = {}): string {
  return fillTemplate(text[lang], data);
}
