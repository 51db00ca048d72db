import { describe, expect, it } from "vitest";
import { helpInChinese } from "../../src/cli/words.js";
import { errorCatalogue, problemPhrases } from "../../src/model/errors.js";
import { labels } from "../../src/model/labels.js";
import { rules } from "../../src/rules/registry.js";

/**
 * Words in both languages, wherever they live (the label table, the error catalogue, the rules'
 * messages, the command line's help): each says something in each language, and each names the
 * same placeholders in both, so no sentence reaches a reader half filled or in one language.
 */
const cjk = /[\u3400-\u9fff]/;
/** The placeholders a text names. */
const placeholders = (text: string) =>
  [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string))].sort();

const tables: Array<[string, Record<string, { zh: string; en: string }>]> = [
  ["labels", labels],
  ["problem phrases", problemPhrases],
  [
    "errors",
    Object.fromEntries(
      Object.entries(errorCatalogue).map(([code, entry]) => [code, entry.message]),
    ),
  ],
  ...rules.map(
    (rule) =>
      [`rule ${rule.id}`, rule.messages] as [string, Record<string, { zh: string; en: string }>],
  ),
];

describe("words in both languages", () => {
  it.each(tables)(
    "%s: every entry has both, the Chinese in Chinese, the same placeholders",
    (_name, table) => {
      const wrong: string[] = [];
      for (const [key, text] of Object.entries(table)) {
        if (!text.zh?.trim() || !text.en?.trim()) wrong.push(`${key}: a language is empty`);
        else if (/[A-Za-z]{3}/.test(text.zh.replace(/\{\w+\}/g, "")) && !cjk.test(text.zh))
          wrong.push(`${key}: the Chinese is not Chinese (${text.zh})`);
        // A slot filled per language ({reasonZh}, {reasonEn}) is a sentence put together in
        // code: a placeholder takes words in both languages instead.
        const slots = placeholders(`${text.zh} ${text.en}`).filter((name) =>
          /.(Zh|En)$/.test(name),
        );
        if (slots.length > 0) wrong.push(`${key}: slots per language (${slots})`);
        const one = (text as { one?: string }).one;
        if (one !== undefined && placeholders(one).join() !== placeholders(text.en).join())
          wrong.push(`${key}: the singular names other placeholders (${one})`);
        if (text.zh && text.en && placeholders(text.zh).join() !== placeholders(text.en).join())
          wrong.push(
            `${key}: placeholders differ (${placeholders(text.zh)} / ${placeholders(text.en)})`,
          );
      }
      expect(wrong).toEqual([]);
    },
  );

  it("has Chinese help for English help that is all it is", () => {
    for (const [english, chinese] of Object.entries(helpInChinese)) {
      expect(cjk.test(chinese), english).toBe(true);
    }
  });
});
