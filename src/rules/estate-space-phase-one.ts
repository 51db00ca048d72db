import { asEstate, exampleEstate } from "./helpers.js";
import { notApplicable, pass, type Rule } from "./types.js";

export const estateSpacePhaseOne: Rule = {
  id: "estate-space-phase-one",
  title: {
    zh: "分期建设小区的社区用房在一期建设",
    en: "Phased estates build community space in phase one",
  },
  kinds: ["estate"],
  task: 5,
  defaultSeverity: "error",
  uses: [],
  interpretation: {
    zh: "仅适用于 phases > 1 的小区:community_space_phase 必须为 1。未填社区用房期次为“无法判断”。一期建成(phases 为 1 或未填)的小区不适用。",
    en: "Applies to estates with phases > 1: community_space_phase must be 1. A missing phase is unknown. Single-phase estates (phases 1 or not given) are not applicable.",
  },
  messages: {
    laterPhase: {
      zh: "分 {phases} 期建设,社区用房安排在第 {phase} 期,应在一期",
      en: "built in {phases} phases with the community space in phase {phase}; it belongs in phase one",
    },
    noPhase: {
      zh: "分 {phases} 期建设,未填社区用房所在期次",
      en: "built in {phases} phases, but community_space_phase is not given",
    },
    noPhases: {
      zh: "文件没有建设期数列,无法判断是否分期建设",
      en: "the file has no phases column: whether the estate is built in phases cannot be told",
    },
  },
  example: exampleEstate({ phases: 3, community_space_phase: 2 }),
  check(subject, context) {
    const estate = asEstate(subject);
    if (!estate) return notApplicable;
    // Without the column every estate reads as one phase: the phased ones would pass unseen.
    if (!context.hasColumn(subject, "phases")) {
      return { outcome: "unknown", messageId: "noPhases", missing: ["phases"] };
    }
    if (estate.phases <= 1) return notApplicable;
    const phase = estate.community_space_phase;
    if (phase === undefined) {
      return {
        outcome: "unknown",
        messageId: "noPhase",
        data: { phases: estate.phases },
        missing: ["community_space_phase"],
      };
    }
    if (phase === 1) return pass;
    return {
      outcome: "fail",
      messageId: "laterPhase",
      data: { phases: estate.phases, phase },
      actual: phase,
      required: 1,
      unit: "phase",
    };
  },
};
