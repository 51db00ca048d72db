import { label } from "../model/labels.js";
import type { Lang } from "../model/text.js";
import { findRule } from "../rules/registry.js";

/**
 * Why a rule could not judge some records, in words: the opening of the rule's own message for
 * that case ("no land_transfer_date, cannot decide"), never its internal id (noDate).
 */
export function reasonWords(ruleId: string, messageId: string, lang: Lang): string {
  const template = findRule(ruleId)?.messages[messageId]?.[lang];
  if (!template) return messageId;
  // A message that states the reason before a colon is given by that clause; any other whole,
  // its figures left out.
  const opening = template.split("{")[0] ?? "";
  if (/[:：]\s*$/u.test(opening) && opening.trim().length >= 6) {
    return opening.replace(/[\s:：]+$/u, "");
  }
  return template.replace(/\{[^}]*\}/g, "…");
}

/** "no land_transfer_date, cannot decide (1); …": a rule's reasons with their counts. */
export function reasonsText(ruleId: string, reasons: Record<string, number>, lang: Lang): string {
  return Object.entries(reasons)
    .map(([messageId, count]) => `${reasonWords(ruleId, messageId, lang)} (${count})`)
    .join(label("reasonSeparator", lang));
}
