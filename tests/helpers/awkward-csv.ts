import fc from "fast-check";

/** The header of a minimal estates file, and names that make CSV hard to cut into parts. */
export const estatesHeader = "estate_id,name,district,households,community_space_area";

/** Plain names, and quoted ones holding line breaks of every kind, quotes and delimiters. */
export const awkwardName = fc.oneof(
  fc.constantFrom("平江花园", "a", ""),
  fc.constantFrom('"两行\n名字"', '"有""引号"""', '"逗号,在内"', '"CR\r在内"', '"CRLF\r\n在内"'),
);

export const lineBreak = fc.constantFrom("\n", "\r\n", "\r");
