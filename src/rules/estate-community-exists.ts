import { asEstate, exampleEstate } from "./helpers.js";
import { notApplicable, pass, type Rule } from "./types.js";

export const estateCommunityExists: Rule = {
  id: "estate-community-exists",
  title: { zh: "小区所属社区存在", en: "An estate's community exists" },
  kinds: ["estate"],
  // A consistency check between the registers, which no clause requires (not task 7).
  task: 0,
  defaultSeverity: "warning",
  uses: [],
  interpretation: {
    zh: "同时给出住宅小区与社区用房文件时:小区的 community_id 必须能在社区文件中找到。未填 community_id 的小区不适用;小区文件没有该列时为“未检查”(提示)。这是检查备案所依赖的数据一致性检查。",
    en: "When both kinds are given: an estate's community_id must be in the centers file. Estates without community_id are not applicable; an estates file without that column leaves the rule not checked (info). A data-consistency check that the inspection and filing system relies on.",
  },
  messages: {
    missing: {
      zh: "所属社区编号“{communityId}”在社区文件中不存在",
      en: "community_id '{communityId}' is not in the centers file",
    },
    refused: {
      zh: "所属社区编号“{communityId}”在社区文件中的那一行({where} 第 {line} 行)未读取,无法核对;请先修正那一行",
      en: "community_id '{communityId}': its row in the centers file ({where} line {line}) was rejected, so this cannot be checked; fix that row first",
    },
    noCommunityColumn: {
      zh: "住宅小区文件没有所属社区编号列,无法与社区文件核对",
      en: "the estates file has no community_id column to check against the centers file",
    },
  },
  quietWhenMissing: ["community_id"],
  example: exampleEstate({ community_id: "C-404" }),
  check(subject, context) {
    const estate = asEstate(subject);
    if (!estate || !context.centers) return notApplicable;
    if (estate.community_id === undefined) {
      return context.hasColumn(subject, "community_id")
        ? notApplicable
        : { outcome: "unknown", messageId: "noCommunityColumn", missing: ["community_id"] };
    }
    if (context.centers.has(estate.community_id)) return pass;
    const refused = context.centers.refusedAt(estate.community_id);
    if (refused) {
      const where =
        refused.sheet === undefined ? refused.file : `${refused.file} [${refused.sheet}]`;
      return {
        outcome: "unknown",
        messageId: "refused",
        data: {
          communityId: estate.community_id,
          where,
          line: refused.line,
        },
      };
    }
    return { outcome: "fail", messageId: "missing", data: { communityId: estate.community_id } };
  },
};
