import { z } from "zod";

/** Every user-facing text exists in both languages; the CLI picks one per run. */
export const langSchema = z.enum(["zh", "en"]);
export type Lang = z.infer<typeof langSchema>;

export const localizedSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localizedSchema>;

/** Fills `{name}` placeholders; a placeholder with no value is left visible so a gap shows. */
export function fillTemplate(template: string, data: Record<string, unknown>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) =>
    data[key] === undefined || data[key] === null ? whole : String(data[key]),
  );
}

export function localize(text: Localized, lang: Lang, data: Record<string, unknown> = {}): string {
  return fillTemplate(text[lang], data);
}
