import type { Lang, Localized } from "./text.js";

/**
 * The input columns of both record kinds. Canonical names are the keys of the typed records;
 * the Chinese names are the headers district offices actually use in their Excel sheets.
 */
export type RecordKind = "estate" | "center";
export const recordKinds: readonly RecordKind[] = ["estate", "center"];

export type ValueType = "id" | "text" | "integer" | "area" | "date" | "boolean" | "enum";

export interface EnumValue {
  value: string;
  /** Spellings accepted in the data, besides the value itself. */
  spellings: readonly string[];
}

export interface ColumnSpec {
  canonical: string;
  zh: readonly string[];
  required: boolean;
  type: ValueType;
  description: Localized;
  enumValues?: readonly EnumValue[];
}

/** A column's name as a header in a form of the language: its usual Chinese header, or its own. */
export function columnHeader(column: ColumnSpec, lang: Lang): string {
  return { zh: column.zh[0] ?? column.canonical, en: column.canonical }[lang];
}

/** A listed value as a form of the language writes it (城镇规划区, or town-planning-area). */
export function enumSpelling(value: EnumValue, lang: Lang): string {
  const chinese = value.spellings.find((spelling) => /[\u4e00-\u9fff]/.test(spelling));
  return { zh: chinese ?? value.value, en: value.value }[lang];
}

const districtNames = [
  "所属区",
  "区县",
  "所属区县",
  "行政区",
  "所属区(市)",
  "所在区",
  "所在区县",
  "区(市)",
  "所属区(县)",
  "所属区县(市)",
];
const subdistrictNames = [
  "街道",
  "镇",
  "街道(镇)",
  "所属街道",
  "所在街道",
  "街镇",
  "镇(街道)",
  "所属街道(镇)",
  "所属镇(街道)",
  "街道/镇",
];
const filingNames = ["备案编号", "备案号"];

export const estateColumns: readonly ColumnSpec[] = [
  {
    canonical: "estate_id",
    zh: ["小区编号", "项目编号"],
    required: true,
    type: "id",
    description: { zh: "小区编号,文件内唯一", en: "estate id, unique in the file" },
  },
  {
    canonical: "name",
    zh: ["小区名称", "项目名称", "小区(项目)名称", "楼盘名称"],
    required: true,
    type: "text",
    description: { zh: "小区名称", en: "estate name" },
  },
  {
    canonical: "district",
    zh: districtNames,
    required: true,
    type: "text",
    description: { zh: "所属区或县级市,如 姑苏区、昆山市", en: "district or county-level city" },
  },
  {
    canonical: "subdistrict",
    zh: subdistrictNames,
    required: false,
    type: "text",
    description: { zh: "街道或镇", en: "street office or town" },
  },
  {
    canonical: "community_id",
    zh: ["所属社区编号", "社区编号"],
    required: false,
    type: "id",
    description: { zh: "所属社区编号,对应社区文件", en: "links to the centers file" },
  },
  {
    canonical: "households",
    zh: ["户数", "总户数", "住宅户数", "住宅总户数"],
    required: true,
    type: "integer",
    description: { zh: "住宅户数,正整数", en: "households, a positive integer" },
  },
  {
    canonical: "land_transfer_date",
    zh: ["土地出让日期", "出让日期", "土地出让时间", "土地出让合同签订日期", "出让合同签订日期"],
    required: false,
    type: "date",
    description: {
      zh: "土地出让日期,决定每户标准",
      en: "land transfer date; decides the standard",
    },
  },
  {
    canonical: "community_space_area",
    zh: [
      "社区用房面积",
      "社区办公活动用房面积",
      "配建社区用房面积",
      "社区用房建筑面积",
      "配建社区用房建筑面积",
    ],
    required: true,
    type: "area",
    description: { zh: "配建社区用房面积(平方米)", en: "community space area, m²" },
  },
  {
    canonical: "phases",
    zh: ["总期数", "建设期数", "分期数"],
    required: false,
    type: "integer",
    description: { zh: "建设期数,缺省为 1", en: "number of phases (default 1)" },
  },
  {
    canonical: "community_space_phase",
    zh: ["社区用房期次", "社区用房所在期次"],
    required: false,
    type: "integer",
    description: { zh: "社区用房建设所在期次", en: "phase that builds the community space" },
  },
  {
    canonical: "estate_delivery_date",
    zh: [
      "交付日期",
      "首期交付日期",
      "交付时间",
      "住宅交付日期",
      "住宅交付时间",
      "竣工交付日期",
      "竣工时间",
      "竣工日期",
      "竣工验收时间",
      "竣工验收日期",
    ],
    required: false,
    type: "date",
    description: { zh: "住宅首次交付日期", en: "first handover of homes" },
  },
  {
    canonical: "community_space_delivery_date",
    zh: ["社区用房交付日期", "社区用房交付时间", "社区用房移交日期", "社区用房移交时间"],
    required: false,
    type: "date",
    description: { zh: "社区用房交付日期", en: "handover of the community space" },
  },
  {
    canonical: "filing_no",
    zh: filingNames,
    required: false,
    type: "text",
    description: { zh: "社区用房备案编号", en: "filing record of the community space" },
  },
  {
    canonical: "consultation_no",
    zh: ["会商编号", "联动会商编号", "会商记录编号", "会商记录"],
    required: false,
    type: "text",
    description: {
      zh: "新建社区用房联动会商记录编号",
      en: "record of the joint consultation on the community space",
    },
  },
  {
    canonical: "consultation_date",
    zh: ["会商日期", "联动会商日期", "会商时间"],
    required: false,
    type: "date",
    description: { zh: "联动会商日期", en: "date of the joint consultation" },
  },
];

export const communityTypes: readonly EnumValue[] = [
  { value: "urban", spellings: ["城市社区", "城市", "城镇社区"] },
  { value: "rural", spellings: ["农村社区", "农村"] },
];

export const zones: readonly EnumValue[] = [
  { value: "town-planning-area", spellings: ["城镇规划区", "城镇规划区内", "town planning area"] },
  { value: "development-zone", spellings: ["经济开发区", "开发区", "development zone"] },
  { value: "other", spellings: ["其他", "其它"] },
];

export const centerLevels: readonly EnumValue[] = [
  { value: "street", spellings: ["街道", "街道级", "街道社区服务中心", "街道办事处"] },
  { value: "town", spellings: ["镇", "乡", "乡镇", "镇级", "镇社区服务中心"] },
  { value: "community", spellings: ["社区", "居委会", "社区级"] },
  { value: "village", spellings: ["村", "村委会", "行政村"] },
  {
    value: "county",
    spellings: [
      "区县",
      "县",
      "区县级",
      "县级",
      "区级",
      "县(市、区)",
      "县(市、区)",
      "区(县)",
      "区(县)",
    ],
  },
];

export const centerColumns: readonly ColumnSpec[] = [
  {
    canonical: "community_id",
    zh: ["社区编号"],
    required: true,
    type: "id",
    description: { zh: "社区编号,文件内唯一", en: "community id, unique in the file" },
  },
  {
    canonical: "name",
    zh: ["社区名称", "名称"],
    required: true,
    type: "text",
    description: { zh: "社区名称或农村社区服务中心名称", en: "community or center name" },
  },
  {
    canonical: "district",
    zh: districtNames,
    required: true,
    type: "text",
    description: { zh: "所属区或县级市", en: "district or county-level city" },
  },
  {
    canonical: "subdistrict",
    zh: subdistrictNames,
    required: false,
    type: "text",
    description: { zh: "街道或镇", en: "street office or town" },
  },
  {
    canonical: "community_type",
    zh: ["社区类型", "类型"],
    required: true,
    type: "enum",
    enumValues: communityTypes,
    description: { zh: "城市社区 或 农村社区", en: "urban or rural" },
  },
  {
    canonical: "zone",
    zh: ["区位", "所在区域"],
    required: false,
    type: "enum",
    enumValues: zones,
    description: {
      zh: "农村社区区位:城镇规划区、经济开发区、其他",
      en: "rural only: town-planning-area, development-zone, other",
    },
  },
  {
    canonical: "households",
    zh: ["户数", "社区户数", "总户数", "社区总户数", "住户数"],
    required: false,
    type: "integer",
    description: { zh: "社区户数", en: "households of the community" },
  },
  {
    canonical: "office_area",
    zh: ["办公用房面积", "社区办公用房面积", "办公活动用房面积", "用房面积", "办公用房建筑面积"],
    required: true,
    type: "area",
    description: { zh: "社区办公活动用房面积(平方米)", en: "office and activity area, m²" },
  },
  {
    canonical: "public_service_area",
    zh: ["公共服务用房面积", "公益服务面积"],
    required: false,
    type: "area",
    description: { zh: "用于公共服务和公益性服务的面积", en: "area used for public services" },
  },
  {
    canonical: "level",
    zh: ["层级", "中心层级", "服务中心层级"],
    required: false,
    type: "enum",
    enumValues: centerLevels,
    description: {
      zh: "街道、镇(多功能社区服务中心),区县(区县级社区服务中心),或社区、村",
      en: "street or town (a multi-function service center), county or district (its service center), or community, village",
    },
  },
  {
    canonical: "activity_area",
    zh: ["居民活动用房面积", "居民活动面积", "活动用房面积", "居民活动场所面积"],
    required: false,
    type: "area",
    description: {
      zh: "其中用于居民活动的面积(平方米),不大于办公用房面积",
      en: "of which area used for residents' activities, m²",
    },
  },
  {
    canonical: "city_proper",
    zh: ["是否市区"],
    required: false,
    type: "boolean",
    description: { zh: "是否苏州市区,优先于规则包的区名单", en: "overrides the pack's list" },
  },
  {
    canonical: "old_town",
    zh: ["是否老城区"],
    required: false,
    type: "boolean",
    description: { zh: "是否老城区,优先于规则包的区名单", en: "overrides the pack's list" },
  },
  {
    canonical: "filing_no",
    zh: filingNames,
    required: false,
    type: "text",
    description: { zh: "社区用房备案编号", en: "filing record" },
  },
  {
    canonical: "pilot",
    zh: ["是否试点", "是否完整社区试点", "完整社区试点"],
    required: false,
    type: "boolean",
    description: {
      zh: "是否完整社区建设试点社区(national-2022 的目标只针对试点社区)",
      en: "a complete-community pilot (national-2022's targets are for pilots)",
    },
  },
];

export const columnsByKind: Record<RecordKind, readonly ColumnSpec[]> = {
  estate: estateColumns,
  center: centerColumns,
};

/** The column whose value identifies a record of each kind. */
export const idColumnByKind: Record<RecordKind, string> = {
  estate: "estate_id",
  center: "community_id",
};

export const kindNames: Record<RecordKind, Localized> = {
  estate: { zh: "住宅小区", en: "estates" },
  center: { zh: "社区用房", en: "centers" },
};
