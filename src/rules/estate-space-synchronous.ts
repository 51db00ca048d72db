import { asEstate, exampleEstate } from "./helpers.js";
import { notApplicable, pass, type Rule } from "./types.js";

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

export const estateSpaceSynchronous: Rule = {
  id: "estate-space-synchronous",
  title: {
    zh: "社区用房与住宅小区同步交付使用",
    en: "Community space is delivered together with the estate",
  },
  kinds: ["estate"],
  task: 5,
  defaultSeverity: "error",
  uses: [],
  interpretation: {
    zh: "community_space_delivery_date 晚于 estate_delivery_date 即不合格(同日合格)。住宅已在评估基准日(--as-of,默认今天)或之前交付、却未填社区用房交付日期的,为“无法判断”。两个日期都未填,或住宅交付日期尚未到来且无社区用房日期的,不适用;只填了社区用房交付日期的为“无法判断”。文件缺少所需日期列时为“未检查”。",
    en: "Fails when community_space_delivery_date is later than estate_delivery_date (the same day passes). Homes delivered on or before the as-of date (--as-of, default today) with no community space delivery date are unknown. Neither date, or an estate delivery date still ahead with no community space date, is not applicable; a community space date without the homes date is unknown. A file without the needed date column leaves the rule not checked.",
  },
  messages: {
    late: {
      zh: "社区用房 {spaceDate} 交付,晚于住宅交付日期 {estateDate} {days} 天",
      en: "community space delivered {spaceDate}, {days} days after the homes ({estateDate})",
    },
    noEstateDate: {
      zh: "未填住宅交付日期,无法判断社区用房是否同步交付",
      en: "estate_delivery_date not given: whether the community space came with the homes cannot be told",
    },
    noSpaceDate: {
      zh: "住宅已于 {estateDate} 交付,未填社区用房交付日期",
      en: "homes delivered {estateDate}, but community_space_delivery_date is not given",
    },
  },
  example: exampleEstate({
    estate_delivery_date: "2012-06-30",
    community_space_delivery_date: "2013-03-01",
  }),
  check(subject, context) {
    const estate = asEstate(subject);
    if (!estate) return notApplicable;
    const estateDate = estate.estate_delivery_date;
    const spaceDate = estate.community_space_delivery_date;
    if (estateDate === undefined) {
      // Neither date: nothing has been handed over yet, as far as the register says.
      if (spaceDate === undefined && context.hasColumn(subject, "estate_delivery_date")) {
        return notApplicable;
      }
      return {
        outcome: "unknown",
        messageId: "noEstateDate",
        data: { spaceDate: spaceDate ?? "" },
        missing: ["estate_delivery_date"],
      };
    }
    if (spaceDate === undefined) {
      return estateDate <= context.asOf
        ? {
            outcome: "unknown",
            messageId: "noSpaceDate",
            data: { estateDate },
            missing: ["community_space_delivery_date"],
          }
        : notApplicable;
    }
    if (spaceDate <= estateDate) return pass;
    return {
      outcome: "fail",
      messageId: "late",
      data: { spaceDate, estateDate, days: daysBetween(estateDate, spaceDate) },
      actual: spaceDate,
      required: estateDate,
      unit: "date",
    };
  },
};
