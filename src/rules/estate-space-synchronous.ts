import { dateRange } from "../model/calendar.js";
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
    zh: "community_space_delivery_date 晚于 estate_delivery_date 即不合格(同日合格)。住宅已在评估基准日(--as-of,默认今天)或之前交付、却未填社区用房交付日期的,为“无法判断”。两个日期都未填,或住宅交付日期尚未到来且无社区用房日期的,不适用;只填了社区用房交付日期的为“无法判断”。文件缺少所需日期列时为“未检查”。日期只知到月或年时按整段判断:社区用房的整段不晚于住宅整段的开始即合格,整段在住宅整段之后即不合格(至少晚 N 天),两段重叠为“无法判断”。",
    en: "Fails when community_space_delivery_date is later than estate_delivery_date (the same day passes). Homes delivered on or before the as-of date (--as-of, default today) with no community space delivery date are unknown. Neither date, or an estate delivery date still ahead with no community space date, is not applicable; a community space date without the homes date is unknown. A file without the needed date column leaves the rule not checked. A date known only to the month or year stands for the whole of it: the space passes when its whole period ends by the first day of the homes' period, fails when its whole period comes after the homes' (at least N days later), and is unknown when the two overlap.",
  },
  messages: {
    late: {
      zh: "社区用房 {spaceDate} 交付,晚于住宅交付日期 {estateDate} {days} 天",
      en: "community space delivered {spaceDate}, {days} days after the homes ({estateDate})",
    },
    lateAtLeast: {
      zh: "社区用房 {spaceDate} 交付,晚于住宅交付 {estateDate},至少晚 {days} 天",
      en: "community space delivered {spaceDate}, after the homes ({estateDate}): at least {days} days later",
    },
    imprecise: {
      zh: "住宅 {estateDate} 交付,社区用房 {spaceDate} 交付:日期只知到月或年,无法判断是否同步",
      en: "homes delivered {estateDate}, community space {spaceDate}: the dates are known only to the month or year, too coarse to tell which came first",
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
    const homes = dateRange(estateDate);
    if (spaceDate === undefined) {
      return homes.first <= context.asOf
        ? {
            outcome: "unknown",
            messageId: "noSpaceDate",
            data: { estateDate },
            missing: ["community_space_delivery_date"],
          }
        : notApplicable;
    }
    // Dates known only to the month or year decide only when their periods do not overlap.
    const space = dateRange(spaceDate);
    if (space.last <= homes.first) return pass;
    if (space.first <= homes.last) {
      return { outcome: "unknown", messageId: "imprecise", data: { spaceDate, estateDate } };
    }
    const exact = space.exact && homes.exact;
    return {
      outcome: "fail",
      messageId: exact ? "late" : "lateAtLeast",
      data: { spaceDate, estateDate, days: daysBetween(homes.last, space.first) },
      actual: spaceDate,
      required: estateDate,
      unit: "date",
    };
  },
};
