import * as z from "zod";
import "./zod-config.js";

/** Every user-facing text exists in both languages; the CLI picks one per run. */
export const langSchema = z.enum(["zh", "en"]);
export type Lang = z.infer<typeof langSchema>;

export const localizedSchema = z.object({ zh: z.string().min(1), en: z.string().min(1) });
export type Localized = z.infer<typeof localizedSchema>;

/**
 * A value for a placeholder: text and numbers as they are, or words of their own in both
 * languages (a reason, a place, what a file is), given in the language of the sentence around
 * them. A sentence is never pre-composed per language by its caller.
 */
export type PlaceholderValue = string | number | Localized | null | undefined;
export type PlaceholderData = Readonly<Record<string, PlaceholderValue>>;

/** The `{name}` placeholders a template names, as a type: a call must give each of them. */
export type PlaceholdersIn<S extends string> = S extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersIn<Rest>
  : never;

export function isLocalized(value: unknown): value is Localized {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Localized).zh === "string" &&
    typeof (value as Localized).en === "string"
  );
}

// A template split once into its literal text (even places) and placeholder names (odd places).
const compiled = new Map<string, string[]>();

/** Fills `{name}` placeholders; a placeholder with no value is left visible so a gap shows. */
export function fillTemplate(template: string, data: PlaceholderData, lang: Lang): string {
  let parts = compiled.get(template);
  if (!parts) {
    parts = template.split(/\{(\w+)\}/);
    compiled.set(template, parts);
  }
  let text = parts[0] ?? "";
  for (let index = 1; index < parts.length; index += 2) {
    const key = parts[index] as string;
    const value = data[key];
    text +=
      value === undefined || value === null
        ? `{${key}}`
        : typeof value === "object"
          ? value[lang]
          : String(value);
    text += parts[index + 1] ?? "";
  }
  return text;
}

export function localize(text: Localized, lang: Lang, data: PlaceholderData = {}): string {
  return fillTemplate(text[lang], data, lang);
}

/** Words made the same way in each language (a list joined by the language's separator). */
export function inBoth(make: (lang: Lang) => string): Localized {
  return { zh: make("zh"), en: make("en") };
}

/** Words joined, each language with its own separator. */
export function joinLocalized(items: readonly Localized[], separator: Localized): Localized {
  return inBoth((lang) => items.map((item) => item[lang]).join(separator[lang]));
}

/** Data for a reader of one language: words given in both become the one language's. */
export function inLanguage(
  data: PlaceholderData,
  lang: Lang,
): Record<string, string | number | null | undefined> {
  let plain: Record<string, string | number | null | undefined> | undefined;
  for (const key in data) {
    const value = data[key];
    if (typeof value !== "object" || value === null) continue;
    plain ??= { ...(data as Record<string, string | number | null | undefined>) };
    plain[key] = value[lang];
  }
  return plain ?? (data as Record<string, string | number | null | undefined>);
}
