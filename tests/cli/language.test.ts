import type { Command } from "commander";
import { describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/index.js";
import { complaintText, helpText, langOfArguments } from "../../src/cli/words.js";
import { floorspace, sample } from "../helpers/cli.js";

/**
 * A clerk whose system speaks Chinese reads the whole command line in Chinese: every command's
 * --help, commander's complaints and floorspace's own usage errors.
 */
const chinese = { FLOORSPACE_LANG: "zh" };
const cjk = /[\u4e00-\u9fff]/;

function commands(program: Command): Command[] {
  return [program, ...program.commands.flatMap((command) => commands(command))];
}

describe("help in the user's language", () => {
  const program = buildProgram(() => {}, "zh");
  const texts = commands(program).flatMap((command) => [
    { where: command.name(), text: command.description() },
    ...command.registeredArguments.map((argument) => ({
      where: `${command.name()} <${argument.name()}>`,
      text: argument.description,
    })),
    ...command.options.map((option) => ({
      where: `${command.name()} ${option.long ?? option.short}`,
      text: option.description ?? "",
    })),
  ]);

  it("has Chinese for every command, argument and option of every command", () => {
    expect(texts.length).toBeGreaterThan(60);
    const untranslated = texts
      .filter(({ text }) => text !== "")
      .filter(({ text }) => helpText(text, "zh") === text || !cjk.test(helpText(text, "zh")))
      .map(({ where, text }) => `${where}: ${text}`);
    expect(untranslated).toEqual([]);
  });

  it.each(["check", "retrofit", "compare", "validate", "init", "rules", "explain"])(
    "prints %s --help in Chinese, titles and defaults included",
    (command) => {
      const result = floorspace([command, "--help"], chinese);
      expect(result.status).toBe(0);
      expect(result.stdout).toContain("用法:");
      expect(result.stdout).toContain("选项:");
      expect(result.stdout).toContain("显示本命令的帮助");
      expect(result.stdout).not.toMatch(/Usage:|Options:|\(default:|\(choices:|display help/);
    },
  );

  it("prints the program's --help in Chinese with --lang zh whatever the system says", () => {
    const result = floorspace(["--help", "--lang", "zh"], { LANG: "en_US.UTF-8" });
    expect(result.stdout).toContain("命令:");
    expect(result.stdout).toContain("按规则包审查住宅小区和社区用房");
    const english = floorspace(["check", "--help", "--lang=en"], { LANG: "zh_CN.UTF-8" });
    expect(english.stdout).toContain("Usage:");
  });

  it("wraps Chinese help at the terminal's width, a CJK character counting two columns", () => {
    const result = floorspace(["check", "--help"], { ...chinese, COLUMNS: "80" });
    const widths = result.stdout
      .split("\n")
      .map((line) =>
        [...line].reduce(
          (width, char) => width + (cjk.test(char) || /[\uff00-\uff60]/.test(char) ? 2 : 1),
          0,
        ),
      );
    expect(Math.max(...widths)).toBeLessThanOrEqual(80);
    // No line of a description begins with a closing mark.
    for (const command of ["check", "init", "compare"]) {
      const help = floorspace([command, "--help"], { ...chinese, COLUMNS: "80" }).stdout;
      expect(help).not.toMatch(/\n\s+[)），。、:;]/);
    }
  });
});

describe("complaints in the user's language", () => {
  it.each([
    [["check", "-o", "x"], "错误:没有选项 '-o'"],
    [["check", "--format", "foo"], "错误:选项 '--format <format>' 的取值 'foo' 无效,可选:"],
    [["explain"], "错误:缺少必需的参数 'rule'"],
    [["check", "--as-of"], "错误:选项 '--as-of <date>' 缺少取值"],
    [["nosuch"], "错误:没有命令 'nosuch'"],
  ])("commander: %j", (args, expected) => {
    const result = floorspace(args, chinese);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(expected);
    expect(result.stderr).not.toContain("error:");
    expect(result.stderr).not.toContain("(run floorspace");
  });

  it.each([
    [["check", sample("centers.csv"), "--as-of", "2026-13-01"], "--as-of:“2026-13-01”不是日期"],
    [["check"], "没有输入文件"],
    [["check", sample("centers.csv"), "--rule", "nosuch=off"], "--rule:没有规则“nosuch”"],
    [["check", sample("centers.csv"), "--max-warnings", "x"], "--max-warnings:应为整数"],
    [["compare", sample("centers.csv"), "--rules", "suzhou-2010"], "请给出两个或更多规则包"],
    [
      ["check", sample("centers.csv"), "--output", "a.xlsx", "--format", "json"],
      "文件名表明是 xlsx",
    ],
    [["check", sample("centers.csv"), "--output", sample("centers.csv")], "这是本次读取的输入文件"],
    [["explain", "nosuch"], "没有规则“nosuch”"],
  ])("floorspace: %j", (args, expected) => {
    const result = floorspace(args, chinese);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(expected);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
  });

  it("says the same things in English where the user is English", () => {
    const result = floorspace(["check", sample("centers.csv"), "--as-of", "2026-13-01"]);
    expect(result.stderr).toBe(
      "floorspace: --as-of: '2026-13-01' is not a date such as 2026-01-01\n",
    );
  });

  it("translates commander's lines and leaves English alone", () => {
    expect(complaintText("error: unknown option '--x'\n(Did you mean --y?)", "zh")).toBe(
      "错误:没有选项 '--x'\n(是否想输入 --y?)",
    );
    expect(complaintText("error: unknown option '--x'", "en")).toBe("error: unknown option '--x'");
  });

  it("knows the language from --lang before the options are parsed", () => {
    const system = () => "en" as const;
    expect(langOfArguments(["check", "--lang", "zh"], system)).toBe("zh");
    expect(langOfArguments(["check", "--lang=zh"], system)).toBe("zh");
    expect(langOfArguments(["check", "--lang", "fr"], system)).toBe("en");
    expect(langOfArguments(["check"], () => "zh")).toBe("zh");
  });
});
