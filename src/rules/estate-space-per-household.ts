import { dateRange } from "../model/calendar.js";
import { formatDecimal, rateTimes } from "../model/decimal.js";
import { areaData, asEstate, compareArea, exampleEstate } from "./helpers.js";
import { notApplicable, pass, type RateStep, type Rule } from "./types.js";

/** The step in force on a date: the last one whose start is on or before it. */
export function rateOn(steps: readonly RateStep[], date: string): RateStep | undefined {
  let inForce: RateStep | undefined;
  for (const step of steps) if (step.from === null || step.from <= date) inForce = step;
  return inForce;
}

export const estateSpacePerHousehold: Rule = {
  id: "estate-space-per-household",
  title: {
    zh: "新建住宅小区按户配建社区用房",
    en: "New estates provide community space per household",
  },
  kinds: ["estate"],
  task: 2,
  defaultSeverity: "error",
  uses: ["estateRates"],
  interpretation: {
    zh: "required = 每户标准 × households。标准按 land_transfer_date 取规则包中生效的一档(苏州:2010-01-01 起含当日 0.4 ㎡/户,之前 0.2 ㎡/户)。community_space_area 小于 required 即不合格,缺口 = required − 面积,按精确小数比较(0.4 × 1003 = 401.2,401.2 ㎡ 合格)。缺少土地出让日期时:达到最高一档为合格;低于最低一档按最低一档判不合格;介于两档之间为“无法判断”,并列出两档所需面积。日期只知到月或年(2010年1月、2010年)时按整月或整年判断:整段都在同一档内即按该档判断;其间标准有变时,同样按“达到最高档合格、低于最低档不合格、其间无法判断”处理。",
    en: "required = rate × households, the rate being the pack's step in force on land_transfer_date (Suzhou: 0.4 m² from 2010-01-01 inclusive, 0.2 m² before). community_space_area below required fails; shortfall = required − area, compared in exact decimals (0.4 × 1003 = 401.2, so 401.2 m² passes). Without a land transfer date: meeting the highest step passes, missing the lowest fails against the lowest, anything between is unknown and names both figures. A date known only to the month or year (2010年1月, 2010年) stands for the whole of it: when one step is in force throughout, that step decides; when the standard changed within it, the same highest/lowest reading applies to the steps in force in that period.",
  },
  messages: {
    below: {
      zh: "社区用房 {actual} ㎡,低于 {rate} ㎡/户 × {households} 户 = {required} ㎡(土地出让 {date}),缺 {shortfall} ㎡",
      en: "community space {actual} m² is below {rate} m²/household × {households} households = {required} m² (land transferred {date}); short by {shortfall} m²",
    },
    belowLowest: {
      zh: "社区用房 {actual} ㎡,未填土地出让日期,连最低标准 {rate} ㎡/户 × {households} 户 = {required} ㎡ 也未达到,缺 {shortfall} ㎡",
      en: "community space {actual} m² misses even the lowest standard, {rate} m²/household × {households} households = {required} m² (no land transfer date); short by {shortfall} m²",
    },
    noDate: {
      zh: "未填土地出让日期,无法判断:{actual} ㎡ 达到 {lowRate} ㎡/户({lowRequired} ㎡),未达到 {highRate} ㎡/户({highRequired} ㎡)",
      en: "no land_transfer_date, cannot decide: {actual} m² meets {lowRate} m²/household ({lowRequired} m²) but not {highRate} m²/household ({highRequired} m²)",
    },
    straddles: {
      zh: "土地出让日期只知到 {date},其间标准有变,无法判断:{actual} ㎡ 达到 {lowRate} ㎡/户({lowRequired} ㎡),未达到 {highRate} ㎡/户({highRequired} ㎡)",
      en: "land transferred {date}, a period in which the standard changed, cannot decide: {actual} m² meets {lowRate} m²/household ({lowRequired} m²) but not {highRate} m²/household ({highRequired} m²)",
    },
    noStandard: {
      zh: "土地出让日期 {date} 早于规则包中的所有标准",
      en: "land transfer date {date} is before every standard in the rule pack",
    },
  },
  example: exampleEstate({ land_transfer_date: "2010-01-01", households: 1003 }),
  check(subject, context) {
    const estate = asEstate(subject);
    if (!estate) return notApplicable;
    const { households, community_space_area: area, land_transfer_date: date } = estate;
    const steps = context.parameters.estateRates;
    let candidates: readonly RateStep[] = steps;
    if (date !== undefined) {
      // A date known only to the month or the year is the whole of it.
      const { first, last } = dateRange(date);
      const step = rateOn(steps, last);
      if (!step) return { outcome: "unknown", messageId: "noStandard", data: { date } };
      if (rateOn(steps, first) === step) {
        return compareArea(area, rateTimes(step.rate, households), "below", {
          rate: formatDecimal(step.rate),
          households,
          date,
        });
      }
      candidates = steps.filter(
        (each) =>
          each === rateOn(steps, first) ||
          (each.from !== null && each.from > first && each.from <= last),
      );
    }
    const rates = candidates.map((step) => step.rate);
    const highRate = Math.max(...rates);
    const lowRate = Math.min(...rates);
    const highRequired = rateTimes(highRate, households);
    const lowRequired = rateTimes(lowRate, households);
    if (area >= highRequired) return pass;
    if (area < lowRequired) {
      return date === undefined
        ? compareArea(area, lowRequired, "belowLowest", {
            rate: formatDecimal(lowRate),
            households,
          })
        : compareArea(area, lowRequired, "below", {
            rate: formatDecimal(lowRate),
            households,
            date,
          });
    }
    return {
      outcome: "unknown",
      ...(date === undefined
        ? { messageId: "noDate", missing: ["land_transfer_date"] }
        : { messageId: "straddles" }),
      data: {
        ...areaData(area, highRequired),
        ...(date === undefined ? {} : { date }),
        lowRate: formatDecimal(lowRate),
        highRate: formatDecimal(highRate),
        lowRequired: formatDecimal(lowRequired),
        highRequired: formatDecimal(highRequired),
      },
    };
  },
};
