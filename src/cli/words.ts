import type { Argument, Command, Help, Option } from "commander";
import type { Lang } from "../model/text.js";
import { displayWidth } from "../report/width.js";

/**
 * The command line in the user's language: `--help` of every command and option, commander's own
 * complaints (an unknown option, a choice not allowed) and the usage errors floorspace raises.
 * The help texts are written once, in English, where each option is declared; their Chinese is
 * here, keyed by that English, and a test fails on any help text without it.
 */
export const helpInChinese: Readonly<Record<string, string>> = {
  "Audit community office and activity floor space (社区办公活动用房) against Suzhou's standards":
    "按苏州市城乡和谐社区建设标准审查社区办公活动用房",
  "output the version number": "显示版本号",
  "display help for command": "显示本命令的帮助",
  "display help for this command": "显示本命令的帮助",
  "print the stack of an internal error": "内部错误时打印调用栈(供报告问题用)",
  "audit estates and centers against the rule pack and report every finding":
    "按规则包审查住宅小区和社区用房,报告发现的每个问题",
  "estates and centers files: CSV or workbooks (kind detected from the headers)":
    "住宅小区和社区用房登记表:CSV 或 Excel/WPS 工作簿(按表头识别类型)",
  "read FILE as an estates file": "把 FILE 作为住宅小区登记表读取",
  "read FILE as a centers file": "把 FILE 作为社区用房登记表读取",
  "input encoding": "输入文件编码",
  "longest record accepted, in characters": "单条记录的最大长度(字符数)",
  "largest file accepted, in bytes (K, M, G suffixes)": "可接受的最大文件大小(字节,可用 K、M、G)",
  "the header is on this line (default: found among the first 20 rows)":
    "表头所在的行号(默认:在前 20 行中自动查找)",
  "fill a column's blank cells from the row above (a merged cell exported); repeatable":
    "用上一行的值填补该列的空单元格(导出的合并单元格);可重复",
  "a workbook's sheet to read, by name or position; repeatable (default: every sheet whose header fits)":
    "要读取的工作表(名称或序号);可重复(默认:表头相符的所有工作表)",
  "a record id repeated in a later file or sheet replaces the earlier row (a supplement), instead of being an error":
    "后面的文件或工作表中重复出现的编号替换前面的行(补报),而不是报错",
  'JSON map of your own headers to columns: {"房屋交付时间": "estate_delivery_date"}':
    '自定义表头到标准列的 JSON 对照表:{"房屋交付时间": "estate_delivery_date"}',
  "rule pack: a built-in id or a JSON file": "规则包:内置编号或 JSON 文件",
  "judge delivery dates as of this day (default today)": "以该日为评估基准日判断交付日期(默认今天)",
  "output format (default: what --output's name says, report.xlsx a workbook; else table)":
    "输出格式(默认按 --output 的扩展名,如 报告.xlsx 为工作簿;否则为表格)",
  "write the report to FILE (atomically) instead of standard output":
    "把报告写入 FILE(完整写入后替换),而不是输出到屏幕",
  "also write FORMAT to PATH (repeatable)": "另外以 FORMAT 格式写入 PATH(可重复)",
  "lowest severity that makes the exit code 1; target: errors, and any record below a pack's target":
    "使退出码为 1 的最低级别;target:错误,以及低于规则包目标的记录",
  "exit 1 when there are more than N warnings": "警告多于 N 条时退出码为 1",
  "report errors only (the exit code still counts everything)": "只报告错误(退出码仍计入全部问题)",
  "exit 1 unless these rules (all, or ID,ID…) judged every record of their kind":
    "除非这些规则(all,或 编号,编号…)判断了所有相应记录,否则退出码为 1",
  "override one rule: ID=off|info|warning|error (repeatable)":
    "调整一条规则的级别:编号=off|info|warning|error(可重复)",
  "area table in table and markdown output": "表格和 Markdown 输出中的汇总层级",
  "report only findings not in this baseline; exit codes follow them":
    "只报告基线中没有的问题;退出码只按这些问题计算",
  "record the current findings as the accepted baseline": "把当前的问题记录为已接受的基线",
  "findings shown per rule (table; default 1000) or in all (markdown)":
    "每条规则显示的问题数(表格,默认 1000)或总数(Markdown)",
  "language of messages: zh or en (default: FLOORSPACE_LANG, then the system's language)":
    "提示和报告的语言:zh 或 en(默认:FLOORSPACE_LANG,其次为系统语言)",
  "list the old-town communities that are candidates for 以奖代补 retrofit (the pack's reading, pending the city's measures) and the m² each lacks":
    "列出可申请“以奖代补”改造的老城区社区(按规则包的理解,以市里的具体办法为准)及各自缺少的面积",
  "the centers file, and the estates file to count households from":
    "社区用房登记表,以及用于统计户数的住宅小区登记表",
  "as-of date recorded in the worklist (default today)": "清单上记录的评估基准日(默认今天)",
  "output format (default: what --output's name says; else table)":
    "输出格式(默认按 --output 的扩展名;否则为表格)",
  "write the worklist to FILE (atomically) instead of standard output":
    "把清单写入 FILE(完整写入后替换),而不是输出到屏幕",
  "judge the communities against several rule packs side by side: per district, how many meet each standard and the m² those short need":
    "按多个规则包并列评估社区:各区有多少社区达到各项标准,未达标的缺多少平方米",
  "a rule pack to compare (repeat: two or more)": "参与对比的规则包(重复给出,至少两个)",
  "as-of date of the comparison (default today)": "对比的评估基准日(默认今天)",
  "write the comparison to FILE (atomically) instead of standard output":
    "把对比结果写入 FILE(完整写入后替换),而不是输出到屏幕",
  "read the registers and report every input error, without applying rules":
    "读取登记表并报告每个输入错误,不应用规则",
  "output format": "输出格式",
  "write the output to FILE instead of standard output": "把结果写入 FILE,而不是输出到屏幕",
  "rule pack whose `columns` map applies (a built-in id or a JSON file)":
    "使用其列名对照(columns)的规则包(内置编号或 JSON 文件)",
  "write empty estates.csv and centers.csv templates (UTF-8 with BOM), or a fill-in workbook (--xlsx)":
    "生成空白的 estates.csv 和 centers.csv 模板(带 BOM 的 UTF-8),或填报工作簿(--xlsx)",
  "folder to write them in": "写入的文件夹",
  "write floorspace.html: the same audit as a page that opens from disk in a browser, offline":
    "写出 floorspace.html:同样的核查,做成可从本机直接用浏览器打开的离线网页",
  "folder to write it in": "写入的文件夹",
  "overwrite an existing floorspace.html": "覆盖已有的 floorspace.html",
  "overwrite existing files": "覆盖已有文件",
  "also write columns.json, a column map to edit for --columns":
    "另外生成 columns.json:可编辑后用于 --columns 的列名对照表",
  "write registers.xlsx instead: a fill-in workbook that refuses the usual mistakes as they are typed":
    "改为生成 registers.xlsx:输入时即拦截常见错误的填报工作簿",
  "rule pack whose districts the workbook lists": "工作簿中区(市)下拉列表所用的规则包",
  "list every rule with its severity, record kind, policy task and departments":
    "列出每条规则的级别、适用记录、政策任务及牵头和配合单位",
  "quote a rule's clause and show how it is read, its parameters and a worked example":
    "引用规则的条文,说明本工具的理解、参数和计算示例",
};

const titles: Readonly<Record<string, string>> = {
  "Usage:": "用法:",
  "Arguments:": "参数:",
  "Options:": "选项:",
  "Commands:": "命令:",
  "Global Options:": "全局选项:",
};

/** A help text in the run's language; an untranslated one stays English (a test finds it). */
export function helpText(text: string, lang: Lang): string {
  if (lang === "en") return text;
  if (text.startsWith("one of: ")) return `以下之一:${text.slice("one of: ".length)}`;
  return helpInChinese[text] ?? text;
}

/** "可选:…", "默认:…" after a help text, where commander would say "(choices: …, default: …)". */
function extras(
  choices: string[] | undefined,
  defaultValue: unknown,
  described?: string,
): string[] {
  const parts: string[] = [];
  if (choices) parts.push(`可选:${choices.join("、")}`);
  if (defaultValue !== undefined) parts.push(`默认:${described ?? JSON.stringify(defaultValue)}`);
  return parts;
}

/**
 * Chinese help wrapped as a terminal shows it: a CJK character takes two columns, and a line
 * may break between any two of them (commander breaks only at spaces, and counts one column).
 */
const wrapChunks =
  // A wide character with the closing punctuation after it (no line begins with a closing mark).
  /\s*(?:[\u2e80-\ua4cf\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60][\u3001\u3002\uff09\uff0c\uff1a\uff1b)\],.;:!?]*|[^\s\u2e80-\ua4cf\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]+)/g;

function wrapWide(text: string, width: number): string {
  if (width < 40) return text;
  return text
    .split(/\r\n|\n/)
    .flatMap((line) => {
      const lines: string[] = [];
      let current = "";
      for (const chunk of line.match(wrapChunks) ?? []) {
        if (current !== "" && displayWidth(current) + displayWidth(chunk) > width) {
          lines.push(current);
          current = chunk.trimStart();
        } else current += chunk;
      }
      lines.push(current);
      return lines;
    })
    .join("\n");
}

/** commander's own complaints, in Chinese. */
const complaints: ReadonlyArray<[RegExp, string]> = [
  [/^error: unknown option '(.*)'/, "错误:没有选项 '$1'"],
  [/^error: unknown command '(.*)'/, "错误:没有命令 '$1'"],
  [
    /^error: too many arguments for '(.*)'\. Expected (\d+) arguments? but got (\d+)\./,
    "错误:命令 '$1' 的参数太多:应为 $2 个,给了 $3 个。",
  ],
  [
    /^error: too many arguments\. Expected (\d+) arguments? but got (\d+)\./,
    "错误:参数太多:应为 $1 个,给了 $2 个。",
  ],
  [/^error: missing required argument '(.*)'/, "错误:缺少必需的参数 '$1'"],
  [/^error: option '(.*)' argument missing/, "错误:选项 '$1' 缺少取值"],
  [
    /^error: option '(.*)' argument '(.*)' is invalid\. Allowed choices are (.*)\./,
    "错误:选项 '$1' 的取值 '$2' 无效,可选:$3。",
  ],
  [/^error: option '(.*)' argument '(.*)' is invalid\. (.*)/, "错误:选项 '$1' 的取值 '$2' 无效:$3"],
  [/^\(Did you mean (.*)\?\)/, "(是否想输入 $1?)"],
  [/^\(run floorspace --help for usage\)/, "(运行 floorspace --help 查看用法)"],
];

export function complaintText(message: string, lang: Lang): string {
  if (lang === "en") return message;
  return message
    .split("\n")
    .map((line) => {
      for (const [pattern, replacement] of complaints) {
        if (pattern.test(line)) return line.replace(pattern, replacement);
      }
      return line;
    })
    .join("\n");
}

/**
 * Puts a program and its commands in a language: help titles, every description, the
 * "(choices, default)" after them, and commander's error lines.
 */
export function speak(program: Command, lang: Lang): void {
  const configure = (command: Command) => {
    command.configureOutput({
      outputError: (text, write) => write(complaintText(text, lang)),
    });
    if (lang === "zh") {
      command.configureHelp({
        styleTitle: (title: string) => titles[title] ?? title,
        displayWidth: (text: string) => displayWidth(text),
        boxWrap: (text: string, width: number) => wrapWide(text, width),
        commandDescription: (cmd: Command) => helpText(cmd.description(), lang),
        subcommandDescription: (cmd: Command) => helpText(cmd.summary() || cmd.description(), lang),
        argumentDescription: (argument: Argument) => {
          const more = extras(
            argument.argChoices,
            argument.defaultValue,
            argument.defaultValueDescription,
          );
          const text = helpText(argument.description, lang);
          return more.length > 0 ? `${text}(${more.join(",")})` : text;
        },
        optionDescription: (option: Option) => {
          // As commander: a default is shown for options that take a value, not for flags.
          const valued = option.required || option.optional;
          const more = extras(
            option.argChoices,
            valued ? option.defaultValue : undefined,
            option.defaultValueDescription,
          );
          const text = helpText(option.description ?? "", lang);
          return more.length > 0 ? `${text}(${more.join(",")})` : text;
        },
      } satisfies Partial<Help>);
    }
    for (const sub of command.commands) configure(sub);
  };
  configure(program);
}

/** The language a run speaks before its options are parsed: --lang, else the default. */
export function langOfArguments(argv: readonly string[], fallback: () => Lang): Lang {
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index] ?? "";
    const value =
      argument === "--lang"
        ? argv[index + 1]
        : argument.startsWith("--lang=")
          ? argument.slice(7)
          : undefined;
    if (value === "zh" || value === "en") return value;
  }
  return fallback();
}
