import {
  fillTemplate,
  type Lang,
  type Localized,
  localize,
  type PlaceholderData,
  type PlaceholdersIn,
  type PlaceholderValue,
} from "./text.js";

/**
 * The words around the data, in both languages: every sentence a person reads that is not an
 * input problem (errors.ts) or a rule's own message. `{name}` is a placeholder; `one` is the
 * English for a count of one ({count} = 1), where English says it otherwise.
 */
export const labels = {
  file: { zh: "文件", en: "file" },
  kind: { zh: "类型", en: "kind" },
  encoding: { zh: "编码", en: "encoding" },
  delimiter: { zh: "分隔符", en: "delimiter" },
  read: { zh: "读取", en: "read" },
  valid: { zh: "有效", en: "valid" },
  rejected: { zh: "拒收", en: "rejected" },
  rejectedRows: { zh: "拒收行", en: "rejected rows" },
  outcomesPerRule: { zh: "各规则结果", en: "Outcomes per rule" },
  shortfallByDistrict: { zh: "各区缺口面积(㎡)", en: "Shortfall by district (m²)" },
  shortfallOfWorst: {
    zh: "缺口最大的 {bars} 个区(共 {all} 个,㎡)",
    en: "Shortfall of the {bars} districts short by most (of {all}, m²)",
  },
  streetsWord: { zh: "街道", en: "streets" },
  districtsWord: { zh: "区", en: "districts" },
  moreInJson: {
    zh: "……另有 {count} 条,见 JSON 报告。",
    en: "…and {count} more; see the JSON report.",
  },
  skipped: { zh: "跳过", en: "skipped" },
  location: { zh: "位置", en: "location" },
  code: { zh: "代码", en: "code" },
  message: { zh: "说明", en: "message" },
  value: { zh: "值", en: "value" },
  record: { zh: "记录", en: "record" },
  severity: { zh: "级别", en: "severity" },
  rule: { zh: "规则", en: "rule" },
  task: { zh: "任务", en: "task" },
  pass: { zh: "合格", en: "pass" },
  fail: { zh: "不合格", en: "fail" },
  unknown: { zh: "无法判断", en: "unknown" },
  notApplicable: { zh: "不适用", en: "n/a" },
  notChecked: { zh: "未检查", en: "not checked" },
  judged: { zh: "已判断", en: "judged" },
  unchecked: { zh: "未完整检查", en: "unchecked" },
  wholeFile: { zh: "(整个文件)", en: "(whole file)" },
  unknownReasons: { zh: "无法判断的原因", en: "why unknown" },
  eligible: { zh: "改造候选", en: "candidate" },
  district: { zh: "区", en: "district" },
  records: { zh: "记录数", en: "records" },
  failing: { zh: "不合格数", en: "failing" },
  shortfall: { zh: "缺口 ㎡", en: "shortfall m²" },
  inputs: { zh: "输入文件", en: "Inputs" },
  inputErrors: { zh: "输入错误", en: "Input errors" },
  notices: { zh: "说明", en: "Notices" },
  findings: { zh: "发现的问题", en: "Findings" },
  byRule: { zh: "按规则", en: "By rule" },
  byDistrict: { zh: "按区", en: "By district" },
  byStreet: { zh: "按街道", en: "By street" },
  findingsNotListed: {
    zh: "另有 {count} 条未列出;完整列表请用 --format json 或 --format csv",
    en: "{count} more findings are not listed; the full list: --format json or --format csv",
  },
  noFindings: { zh: "没有发现问题。", en: "No findings." },
  noErrors: { zh: "所有记录均有效。", en: "All records are valid." },
  estates: { zh: "住宅小区", en: "estates" },
  centers: { zh: "社区用房", en: "centers" },
  error: { zh: "错误", en: "error" },
  warning: { zh: "警告", en: "warning" },
  info: { zh: "提示", en: "info" },
  off: { zh: "关闭", en: "off" },
  lead: { zh: "牵头单位", en: "lead" },
  cooperating: { zh: "配合单位", en: "co-operating" },
  asOf: { zh: "评估基准日", en: "as of" },
  ruleset: { zh: "规则包", en: "rule pack" },
  // Workbooks (xlsx): sheet names and column headers.
  summarySheet: { zh: "汇总", en: "Summary" },
  findingsSheet: { zh: "问题清单", en: "Findings" },
  rulesSheet: { zh: "规则", en: "Rules" },
  inputsSheet: { zh: "输入文件", en: "Inputs" },
  inputErrorsSheet: { zh: "输入问题", en: "Input problems" },
  worklistSheet: { zh: "改造清单", en: "Worklist" },
  sheet: { zh: "工作表", en: "sheet" },
  row: { zh: "行/单元格", en: "row or cell" },
  outcome: { zh: "结果", en: "outcome" },
  recordId: { zh: "编号", en: "id" },
  name: { zh: "名称", en: "name" },
  street: { zh: "街道(镇)", en: "street or town" },
  actual: { zh: "实际", en: "actual" },
  required: { zh: "要求", en: "required" },
  unit: { zh: "单位", en: "unit" },
  title: { zh: "标题", en: "title" },
  clause: { zh: "条文", en: "clause" },
  relatedTasks: { zh: "相关任务", en: "related tasks" },
  verdict: { zh: "结论", en: "verdict" },
  compliant: { zh: "合格", en: "compliant" },
  complianceRate: { zh: "合格率", en: "compliance rate" },
  usable: { zh: "可用", en: "usable" },
  yes: { zh: "是", en: "yes" },
  no: { zh: "否", en: "no" },
  level: { zh: "层级", en: "level" },
  // An input problem's level: the whole file refused, one row rejected, or a notice.
  fileProblem: { zh: "整个文件", en: "file" },
  rowProblem: { zh: "该行", en: "row" },
  noticeProblem: { zh: "提醒", en: "notice" },
  notListed: {
    zh: "未列出的问题(JSON 与 CSV 报告中有全部)",
    en: "findings not listed (JSON and CSV reports have them all)",
  },
  community: { zh: "社区", en: "community" },
  households: { zh: "户数", en: "households" },
  currentArea: { zh: "现有面积 ㎡", en: "current m²" },
  requiredArea: { zh: "应有面积 ㎡", en: "required m²" },
  standardsMissed: { zh: "未达标准", en: "standards missed" },
  minimumGap: { zh: "距 400 ㎡ 缺口 ㎡", en: "gap to 400 m²" },
  perHouseholdGap: { zh: "距 0.2 ㎡/户 缺口 ㎡", en: "gap to 0.2 m²/household" },
  toAdd: { zh: "应补面积 ㎡", en: "to add m²" },
  subtotal: { zh: "小计", en: "subtotal" },
  total: { zh: "合计", en: "total" },
  reportTitle: {
    zh: "社区办公活动用房审查报告",
    en: "Community office and activity space audit",
  },
  worklistTitle: {
    zh: "老城区社区办公活动用房以奖代补改造清单",
    en: "Old-town community space retrofit worklist (以奖代补)",
  },
  undecided: { zh: "无法判断是否符合条件的社区", en: "communities that could not be decided" },
  missing: { zh: "缺少", en: "missing" },
  totalsByDistrict: { zh: "按区合计", en: "Totals by district" },
  totalsByStreet: { zh: "按街道合计", en: "Totals by street" },
  cannotBeDecided: { zh: "无法判断", en: "Cannot be decided" },
  streetShort: { zh: "街道", en: "street" },
  // compare: several standards side by side.
  comparisonTitle: {
    zh: "各标准下的社区用房达标情况对比",
    en: "Community space against each standard, side by side",
  },
  communities: { zh: "社区数", en: "communities" },
  meetsStandard: { zh: "达标", en: "meet" },
  shortOfStandard: { zh: "未达标", en: "short" },
  belowTarget: { zh: "未达目标", en: "below target" },
  requirementStanding: { zh: "要求", en: "requirement" },
  targetStanding: { zh: "目标(非强制要求)", en: "target, not a requirement" },
  readIn: { zh: "依据来源", en: "read in" },
  undecidedShort: { zh: "无法判断", en: "undecided" },
  reasons: { zh: "原因", en: "why" },
  // The HTML report's own words.
  totalShortfall: { zh: "缺口合计 ㎡", en: "total shortfall m²" },
  charts: { zh: "图表", en: "Charts" },
  allValues: { zh: "全部", en: "all" },
  shown: { zh: "显示", en: "shown" },
  retrofitList: { zh: "老城区“以奖代补”改造清单", en: "Old-town retrofit (以奖代补) list" },
  rulesAndBasis: { zh: "规则与依据", en: "Rules and their legal basis" },
  requiredShort: { zh: "标准", en: "required" },
  basis: { zh: "依据", en: "basis" },
  compliance: { zh: "合格率", en: "compliance" },
  worst: { zh: "缺口最大", en: "worst" },
  misses: { zh: "未达标准", en: "misses" },
  howFloorspaceReads: { zh: "本工具的理解", en: "how floorspace reads it" },
  generatedBy: { zh: "生成工具", en: "made by" },
  filter: { zh: "筛选", en: "filter" },
  communityId: { zh: "社区编号", en: "community" },
  communityName: { zh: "社区名称", en: "name" },
  worklistTotal: {
    zh: "合计:{communities} 个社区,需增加 {shortfall} ㎡",
    en: "total: {communities} communities, {shortfall} m² to add",
  },
  retrofitTotal: {
    zh: "{communities} 个社区,需增加 {shortfall} ㎡",
    en: "{communities} communities, {shortfall} m² to add",
  },
  // The fill-in template (init --xlsx).
  instructionsSheet: { zh: "填表说明", en: "Instructions" },
  listsSheet: { zh: "选项", en: "lists" },
  columnHeader: { zh: "列名", en: "column" },
  canonicalName: { zh: "规范名", en: "canonical name" },
  requiredColumn: { zh: "必填", en: "required" },
  typeAndUnit: { zh: "类型与单位", en: "type and unit" },
  meaning: { zh: "含义", en: "meaning" },
  feedsRules: { zh: "用于规则", en: "rules it feeds" },
  example: { zh: "示例", en: "example" },
  requiredNote: { zh: "必填", en: "required" },
  templateIntro: {
    zh: "在“小区”“社区”两张表中每行填写一条记录,不要改动表头;表头为红字的列必须填写(下表“必填”一栏)。填好后直接运行 floorspace check 本文件。日期填日期格式,面积单位为平方米,户数为整数。",
    en: "Fill in one record per row on the estates and centers sheets without changing the headers; the columns whose header is in red must be filled in (the 'required' column below). Then run floorspace check on this file. Dates as dates, areas in square metres, households as whole numbers.",
  },
  // Lists cut short, baselines, pages.
  moreNotListed: {
    zh: "……另有 {count} 条未列出({kinds});完整列表请用 --format json",
    en: "… {count} more not listed ({kinds}); the full list: --format json",
  },
  moreOfRuleNotShown: {
    zh: "  {title}({rule}):另有 {count} 条未显示(见 --format json)",
    en: "  {title} ({rule}): {count} more not shown (see --format json)",
  },
  baselineTerminal: {
    zh: "基线 {file}:已接受 {suppressed} 条未列出;{stale} 条已不再出现,可从基线删除",
    en: "baseline {file}: {suppressed} accepted findings not listed; {stale} entries no longer occur and can be removed",
  },
  baselineMarkdown: {
    zh: "基线 {file}:已接受 {suppressed} 条,已不再出现 {stale} 条。",
    en: "Baseline {file}: {suppressed} accepted findings left out, {stale} entries no longer occur.",
  },
  reasonSeparator: { zh: ";", en: "; " },
  notCheckedLacks: { zh: "未检查:缺少 {columns}", en: "not checked: lacks {columns}" },
  columnSeparator: { zh: "、", en: ", " },
  standingReadIn: { zh: "{standing};{readIn}:{how}", en: "{standing}; {readIn} {how}" },
  pageOfPages: {
    zh: '"第 " counter(page) " 页 / 共 " counter(pages) " 页"',
    en: '"page " counter(page) " of " counter(pages)',
  },
  htmlLanguage: { zh: "zh-CN", en: "en" },
  // The command line: what it cannot read or write, and the values it refuses.
  cannotWrite: { zh: "无法写入 {path}:{advice}", en: "cannot write {path}: {advice}" },
  optionFileProblem: { zh: "{flag} {path}:{problem}", en: "{flag} {path}: {problem}" },
  columnMapShape: {
    zh: '应为“表头: 列名”的对象,如 {"房屋交付时间": "estate_delivery_date"}',
    en: 'expected an object of header to column, such as {"房屋交付时间": "estate_delivery_date"}',
  },
  notJsonColumns: { zh: "不是 JSON;{shape}", en: "not JSON; {shape}" },
  columnsFile: { zh: "列名对照文件", en: "the columns file" },
  problemSeparator: { zh: ";", en: "; " },
  expectedSize: {
    zh: "{name}:应为大小,如 1048576、512K 或 256M,给出的是“{value}”",
    en: "{name}: expected a size such as 1048576, 512K or 256M, got '{value}'",
  },
  expectedPositive: {
    zh: "{name}:应为正整数,给出的是“{value}”",
    en: "{name}: expected a positive whole number, got '{value}'",
  },
  expectedWhole: {
    zh: "{name}:应为整数,给出的是“{value}”",
    en: "{name}: expected a whole number, got '{value}'",
  },
  noInputFiles: {
    zh: "没有输入文件:请给出登记表(CSV 或工作簿),或 --estates 文件、--centers 文件",
    en: "no input files: give the registers (CSV files or workbooks), --estates FILE or --centers FILE",
  },
  inputIsFolder: {
    zh: "{path}:unreadable-file,这是一个文件夹:请给出其中的登记表文件",
    en: "{path}: unreadable-file, is a folder: give the register files in it",
  },
  inputsNotFound: {
    zh: "file-not-found:找不到文件 {files};请检查路径(相对于运行命令的文件夹)",
    en: "file-not-found: cannot find the files {files}; check the path (it is relative to the folder the command runs in)",
    one: "file-not-found: cannot find the file {files}; check the path (it is relative to the folder the command runs in)",
  },
  fileSeparator: { zh: "、", en: ", " },
  readableRegister: { zh: "可读取的登记表", en: "a register you can read" },
  inputUnreadable: {
    zh: "{path}:无法读取(unreadable-file),{advice}",
    en: "{path}: unreadable-file, {advice}",
  },
  notADate: {
    zh: "--as-of:“{value}”不是日期,应写作 2026-01-01 这样的形式",
    en: "--as-of: '{value}' is not a date such as 2026-01-01",
  },
  danglingLink: {
    zh: "无法写入 {path}:它是指向不存在目标的符号链接({target});请删除该链接或换一个文件",
    en: "cannot write {path}: it is a symbolic link to nothing ({target}); remove the link or choose another file",
  },
  // The file system's errors, as what to do.
  writePermission: {
    zh: "没有权限:请换一个可以写入的文件夹",
    en: "permission denied: choose a folder you can write to",
  },
  writeNoFolder: { zh: "文件夹不存在:请先建立", en: "the folder does not exist: create it first" },
  pathNotFolder: { zh: "路径中有一部分不是文件夹", en: "a part of the path is not a folder" },
  writeIsFolder: { zh: "这是一个文件夹:请给出文件名", en: "is a folder: give a file name" },
  writeNameTooLong: {
    zh: "名称超出文件系统的长度限制:请换一个短些的",
    en: "the name is too long for the file system: choose a shorter one",
  },
  diskFull: { zh: "磁盘已满:请腾出空间", en: "the disk is full: free some space" },
  readOnly: { zh: "文件系统只读", en: "the file system is read-only" },
  linkLoop: {
    zh: "符号链接指向自身或层数过多",
    en: "a symbolic link points to itself or too many links deep",
  },
  alreadyExists: { zh: "已存在", en: "already exists" },
  systemRefused: { zh: "系统拒绝了操作({code})", en: "the system refused ({code})" },
  readNoFile: {
    zh: "没有这个文件:请给出{what}的路径",
    en: "no such file: give the path of {what}",
  },
  readIsFolder: { zh: "这是一个文件夹:请给出{what}", en: "is a folder: give {what}" },
  readPermission: {
    zh: "没有权限:请给出可以读取的文件",
    en: "permission denied: give a file you can read",
  },
  readNameTooLong: {
    zh: "名称超出文件系统的长度限制",
    en: "the name is too long for the file system",
  },
  cannotRead: { zh: "无法读取(系统提示 {code})", en: "cannot be read (the system said {code})" },
  outputIsFolder: { zh: "{option}:这是一个文件夹,请给出文件名", en: "{option}: is a directory" },
  outputIsSocket: { zh: "{option}:这是一个套接字", en: "{option}: is a socket" },
  outputIsInput: {
    zh: "{option}:这是本次读取的输入文件,把报告写在那里会毁掉数据(请换一个文件)",
    en: "{option}: is an input of this run; writing the report there would destroy the data (choose another file)",
  },
  outputIsRead: {
    zh: "{option}:这是本次读取的{role}文件,请换一个文件",
    en: "{option}: is the {role} file this run reads; choose another file",
  },
  baselineRole: { zh: "基线", en: "baseline" },
  outputTaken: {
    zh: "{option}:{other} 也写入同一个文件;请为每个输出指定不同的路径",
    en: "{option}: {other} writes the same file; give each output its own path",
  },
  noTemporaryFolder: {
    zh: "无法在 {base} 中建立临时文件夹({advice}):请把 TMPDIR 设为一个可写且有空间的文件夹",
    en: "cannot make a folder for temporary files in {base} ({advice}): set TMPDIR to a writable folder with free space",
  },
  workbookToTerminal: {
    zh: "--format {format} 生成的是工作簿而不是文字:请用 --output 文件.{format}(或重定向到文件)",
    en: "--format {format} writes a workbook, not text: give --output FILE.{format} (or redirect it to a file)",
  },
  nameAgainstFormat: {
    zh: "{option} {output}:文件名表明是 {implied},但 --format 是 {given};请去掉 --format,或按 {given} 命名文件",
    en: "{option} {output}: the name says {implied}, but --format is {given}; drop --format, or name the file for {given}",
  },
  requireRulesValue: {
    zh: "--require-rules:应为 all 或以逗号分隔的规则编号;没有规则“{rule}”(已有:{known})",
    en: "--require-rules: expected all or rule ids separated by commas; no rule '{rule}' (known: {known})",
  },
  ruleOptionValue: {
    zh: "--rule:应为 编号=off|info|warning|error,给出的是“{value}”",
    en: "--rule: expected ID=off|info|warning|error, got '{value}'",
  },
  ruleOptionUnknown: {
    zh: "--rule:没有规则“{rule}”(已有:{known})",
    en: "--rule: no rule '{rule}' (known: {known})",
  },
  reportOptionValue: {
    zh: "--report:应为 格式=路径,格式为 {formats} 之一,给出的是“{value}”",
    en: "--report: expected FORMAT=PATH with FORMAT one of {formats}, got '{value}'",
  },
  notBaseline: {
    zh: "不是 floorspace 的基线文件(用 --write-baseline 生成)",
    en: "not a floorspace baseline (write one with --write-baseline)",
  },
  baselineFile: { zh: "基线文件", en: "the baseline file" },
  underSystemFolder: {
    zh: "{dir}:位于系统文件夹 {system} 之下;请选择自己的文件夹",
    en: "{dir}: is under {system}, a system folder; choose a folder of your own",
  },
  pathPartNotFolder: { zh: "{dir}:{folder} 不是文件夹", en: "{dir}: {folder} is not a folder" },
  cannotMakeFolder: { zh: "无法建立 {folder}:{advice}", en: "cannot make {folder}: {advice}" },
  filesExist: {
    zh: "{files} 已存在;如要覆盖请加 --force",
    en: "{files} already exist; use --force to overwrite",
    one: "{files} already exists; use --force to overwrite",
  },
  helpHint: { zh: "(运行 floorspace --help 查看用法)", en: "(run floorspace --help for usage)" },
  packUnusable: { zh: "规则包 {source} 无法使用:", en: "rule pack {source} cannot be used:" },
  debugHint: {
    zh: "加 --debug 再运行一次可看到详情",
    en: "run again with --debug for the details",
  },
  compareNeedsPacks: {
    zh: "compare:请给出两个或更多规则包,如 --rules A --rules B",
    en: "compare: give two or more rule packs, --rules A --rules B",
  },
  compareJudgesCommunities: { zh: "compare 评估的是社区", en: "compare judges communities" },
  retrofitListsCommunities: { zh: "retrofit 列出的是社区", en: "retrofit lists communities" },
  fillDownUnknown: {
    zh: "--fill-down {name}:没有这一列;请给出文件中的表头(如 所属街道)或标准列名({names}……)",
    en: "--fill-down {name}: no such column; give a header as the file writes it (所属街道) or a column name ({names}, …)",
  },
  needsCenters: {
    zh: "{command}:请给出社区用房登记表;住宅小区登记表只用于补充其社区的户数",
    en: "{command}: give the centers file (社区用房); an estates file only adds the households of its communities",
  },
  // explain.
  explainSeverity: {
    zh: "级别: {severity}    适用: {kinds}",
    en: "Severity: {severity}    Applies to: {kinds}",
  },
  explainListSeparator: { zh: "、", en: ", " },
  explainBasis: {
    zh: "依据: {tasks} · 牵头单位: {lead} · 配合单位: {cooperating}",
    en: "Basis: {tasks} · lead: {lead} · co-operating: {cooperating}",
  },
  explainClauseOfDocument: { zh: "条文({citing}):", en: "Clause ({citing}):" },
  explainClauseOfTask: { zh: "条文({citing},{task}):", en: "Clause ({citing}, {task}):" },
  explainReadIn: { zh: "  (据 {source})", en: "  (as read in {source})" },
  explainNotVerbatim: {
    zh: "  (注意:条文未在原文中逐字找到)",
    en: "  (note: this clause was not found verbatim in the seed text)",
  },
  explainReading: { zh: "本工具的理解:", en: "How floorspace reads it:" },
  explainParameters: { zh: "参数({pack}):", en: "Parameters ({pack}):" },
  explainExample: { zh: "示例:", en: "Worked example:" },
  ratePerHousehold: { zh: "{rate} m²/户", en: "{rate} m²/household" },
  rateFrom: { zh: "{date} 起", en: "from {date}" },
  rateBefore: { zh: "最早", en: "before" },
  internalBroken: { zh: "不变量被破坏", en: "invariant broken" },
  internalUnexpected: { zh: "意外故障", en: "unexpected failure" },
  internalError: {
    zh: "内部错误({where}),请报告:{message}",
    en: "internal error ({where}), please report: {message}",
  },
  internalErrorPlain: {
    zh: "内部错误,请报告:{message}",
    en: "internal error, please report: {message}",
  },
  workingFolderGone: {
    zh: "当前工作文件夹已不存在(是否被删除?):请 cd 到存在的文件夹再运行",
    en: "the working folder no longer exists (was it deleted?): cd to a folder that does and run again",
  },
  cannotWriteStdout: {
    zh: "无法写入标准输出:{advice}",
    en: "cannot write standard output: {advice}",
  },
  baselineWritten: {
    zh: "已写入基线 {path}:{count} 条已接受的问题",
    en: "wrote the baseline {path}: {count} accepted findings",
    one: "wrote the baseline {path}: {count} accepted finding",
  },
  requiredNotJudged: {
    zh: "--require-rules:{rule} 有 {count} 条记录未能判断(无法判断 {unknown},未检查 {notChecked})",
    en: "--require-rules: {rule} was not judged on {count} records (unknown {unknown}, not checked {notChecked})",
    one: "--require-rules: {rule} was not judged on {count} record (unknown {unknown}, not checked {notChecked})",
  },
  progressLine: {
    zh: "{bar} {rows} 行 {rate} 行/秒 约剩 {eta} 秒",
    en: "{bar} {rows} rows {rate} rows/s ETA {eta}s",
  },
  nextStep: {
    zh: "下一步:填好后运行 floorspace check {files}",
    en: "next: fill them in, then run floorspace check {files}",
    one: "next: fill it in, then run floorspace check {files}",
  },
  // The retrofit worklist, the comparison and the fill-in template.
  standardMinimum: { zh: "400 ㎡", en: "400 m²" },
  standardPerHousehold: { zh: "0.2 ㎡/户", en: "0.2 m²/hh" },
  standardPerHouseholdLong: { zh: "0.2 ㎡/户", en: "0.2 m²/household" },
  standardsSeparator: { zh: "、", en: " and " },
  worklistHeading: {
    zh: "## 老城区社区用房“以奖代补”改造清单",
    en: "## Old-town community space retrofit (以奖代补) worklist",
  },
  worklistSummary: {
    zh: "{communities} 个社区,共缺 {shortfall} ㎡(评估基准日 {asOf})",
    en: "{communities} communities, {shortfall} m² to add in all (as of {asOf})",
  },
  readInDocumentText: { zh: "文件原文", en: "the document's text" },
  readInDocumentSummary: { zh: "据文件原文概括", en: "the document, summarised" },
  readInOfficialSummary: { zh: "官方摘要", en: "an official summary" },
  readInNewsReport: { zh: "新闻报道(原文未见)", en: "news reports (the document not seen)" },
  readInSecondaryReport: {
    zh: "二手报道(原文未见)",
    en: "secondary reports (the document not seen)",
  },
  readInSeed: { zh: "政策原文(任务表)", en: "the policy's text (its task table)" },
  estatesSheet: { zh: "小区", en: "estates" },
  centersSheet: { zh: "社区", en: "centers" },
  typeId: { zh: "编号(文本)", en: "id (text)" },
  typeText: { zh: "文本", en: "text" },
  typeInteger: { zh: "整数", en: "whole number" },
  typeArea: { zh: "面积,平方米(㎡),≥ 0", en: "area in m², ≥ 0" },
  typeDate: { zh: "日期", en: "date" },
  typeBoolean: { zh: "是/否", en: "yes/no" },
  typeEnum: { zh: "从列表中选择", en: "one of a list" },
  chooseDistrict: { zh: "请从列表中选择区或县级市", en: "choose the district from the list" },
  enterDate: { zh: "请填写日期,例如 2010-01-01", en: "enter a date such as 2010-01-01" },
  enterArea: { zh: "面积为不小于 0 的数字(平方米)", en: "an area is a number of m², 0 or more" },
  enterWhole: { zh: "请填写正整数", en: "enter a whole number greater than 0" },
  chooseYesNo: { zh: "请选择 是 或 否", en: "choose yes or no" },
  chooseFromList: { zh: "请从列表中选择", en: "choose from the list" },
  noSuchRule: { zh: "没有规则“{rule}”(已有:{known})", en: "no rule '{rule}' (known: {known})" },
  noSuchColumn: { zh: "{header}:没有列“{column}”", en: "{header}: no column '{column}'" },
  andMore: { zh: "另有 {count} 项", en: "and {count} more" },
  knownColumns: { zh: "已有的列:{known}", en: "known columns: {known}" },
  // The offline page.
  pageTitle: { zh: "floorspace 社区用房核查", en: "floorspace: community space audit" },
  pageOffline: {
    zh: "文件只在本机处理:本页不联网,不上传任何数据。",
    en: "Files are read on this computer only: the page makes no network request and uploads nothing.",
  },
  pageDrop: {
    zh: "把登记表(CSV、.xlsx、.xls、.ods、另存为网页的表格)拖到这里,或点击选择",
    en: "Drop the registers here (CSV, .xlsx, .xls, .ods, a table saved as a web page), or click to choose them",
  },
  pagePackFile: { zh: "或载入规则包文件(JSON)", en: "or load a rule pack file (JSON)" },
  pageColumns: { zh: "列名对照文件(JSON,可选)", en: "Column map (JSON, optional)" },
  pageLanguage: { zh: "语言", en: "Language" },
  pageRun: { zh: "开始核查", en: "Audit" },
  pageCancel: { zh: "取消", en: "Cancel" },
  pageReading: { zh: "正在读取 {file}", en: "Reading {file}" },
  pageReadingRows: {
    zh: "正在读取 {file}:{percent}%,{rows} 行",
    en: "Reading {file}: {percent}%, {rows} rows",
  },
  pageJudging: { zh: "正在按规则判断", en: "Judging against the rules" },
  pageWriting: { zh: "正在生成报告", en: "Writing the report" },
  pageCancelled: { zh: "已取消", en: "Cancelled" },
  pageFailed: { zh: "无法完成:", en: "Could not finish:" },
  pageNoFiles: { zh: "请先选择登记表", en: "Choose the registers first" },
  pageFilesChosen: {
    zh: "已选 {count} 个文件",
    en: "{count} files chosen",
    one: "{count} file chosen",
  },
  pageDownloads: { zh: "下载", en: "Downloads" },
  pageJson: { zh: "JSON 报告", en: "JSON report" },
  pageHtml: { zh: "网页报告(可打印)", en: "HTML report (printable)" },
  pageAuditWorkbook: { zh: "核查工作簿(.xlsx)", en: "Audit workbook (.xlsx)" },
  pageWorklistWorkbook: {
    zh: "老城区“以奖代补”改造清单(.xlsx)",
    en: "Old-town retrofit worklist (.xlsx)",
  },
  pageTemplate: { zh: "空白填报模板(.xlsx)", en: "Fill-in template (.xlsx)" },
  pageWritten: {
    zh: "已写入 {path}:用浏览器打开即可离线核查,数据不出本机",
    en: "wrote {path}: open it in a browser to audit registers offline; no data leaves the computer",
  },
  pageNotBuilt: {
    zh: "找不到 dist/floorspace.html:请先运行 npm run build",
    en: "dist/floorspace.html is missing: run npm run build first",
  },
  // What a rule rests on.
  sourceDocumentText: { zh: "文件原文", en: "the document's text" },
  sourceDocumentSummary: {
    zh: "据文件原文概括,非原文措辞",
    en: "a summary of the document, not its wording",
  },
  sourceOfficialSummary: {
    zh: "官方摘要,非原文",
    en: "an official summary, not the document's text",
  },
  sourceNewsReport: { zh: "新闻报道,非原文", en: "a news report, not the document's text" },
  sourceSecondaryReport: {
    zh: "二手报道,原文未见",
    en: "a secondary report; the document itself was not seen",
  },
  clauseFrom: { zh: "{clause}({source})", en: "{clause} ({source})" },
  dataCheckTask: { zh: "数据核对,非政策任务", en: "data check — no task" },
  notInPolicyTask: { zh: "本政策无此任务", en: "not in this policy" },
  taskNumber: { zh: "任务 {task}", en: "task {task}" },
  leftOutRows: {
    zh: "(户数之和未计入被拒收的 {count} 行小区,缺口至少如此)",
    en: " (the household sum leaves out {count} rejected estate rows: the gap is at least this)",
    one: " (the household sum leaves out {count} rejected estate row: the gap is at least this)",
  },
  // Rules not checked for want of a column or a file.
  estatesFileWithCommunity: {
    zh: "住宅小区文件(含所属社区编号列)",
    en: "estates file with a community_id column",
  },
  centersFile: { zh: "社区用房文件", en: "centers file" },
  orSeparator: { zh: " 或 ", en: " or " },
  hintSeparator: { zh: ";", en: "; " },
  columnMayBe: { zh: "“{header}”可能就是 {column}", en: "'{header}' may be {column}" },
  notCheckedOnRows: {
    zh: "未检查:{count} 行无法按本规则判断,文件缺少 {needs}",
    en: "not checked on {count} rows: the file has no {needs}",
    one: "not checked on {count} row: the file has no {needs}",
  },
  renameOrMap: {
    zh: ";{hints}(请改列名或用 --columns 映射)",
    en: "; {hints} (rename the column or map it with --columns)",
  },
  // The verdict line.
  verdictFail: { zh: "不合格", en: "Failing" },
  verdictIncomplete: { zh: "未完整检查", en: "Not fully checked" },
  verdictWarn: { zh: "有警告", en: "Warnings" },
  verdictOk: { zh: "合格", en: "Passing" },
  errorCount: { zh: "错误 {count}", en: "{count} errors", one: "{count} error" },
  warningCount: { zh: "警告 {count}", en: "{count} warnings", one: "{count} warning" },
  infoCount: {
    zh: "提示 {count}(其中“以奖代补”改造候选 {eligible})",
    en: "{count} info ({eligible} retrofit candidates)",
  },
  ruleCount: { zh: "{count} 条规则", en: "{count} rules", one: "{count} rule" },
  rowCount: { zh: "{count} 行", en: "{count} rows", one: "{count} row" },
  rulesNotCheckedOnRows: { zh: "{rules}在 {rows}上未检查", en: "{rules} not checked on {rows}" },
  belowTargetCount: { zh: "未达目标 {count}", en: "{count} below target" },
  rejectedCount: { zh: "拒收行 {count}", en: "{count} rows rejected", one: "{count} row rejected" },
  skippedCount: {
    zh: "跳过非记录行 {count}",
    en: "{count} rows skipped (totals, signatures)",
    one: "{count} row skipped (totals, signatures)",
  },
  refusedCount: {
    zh: "{count} 个文件未能读取",
    en: "{count} files refused",
    one: "{count} file refused",
  },
} as const satisfies Record<string, Localized & { one?: string }>;

export type LabelKey = keyof typeof labels;
/** Labels with no placeholder: words that can be chosen by a key known only at run time. */
export type PlainLabelKey = {
  [K in LabelKey]: [PlaceholdersIn<(typeof labels)[K]["en"]>] extends [never] ? K : never;
}[LabelKey];

/** The values a label's placeholders need, by name. */
export type LabelData<K extends LabelKey> = {
  [Name in PlaceholdersIn<(typeof labels)[K]["zh"] | (typeof labels)[K]["en"]>]: PlaceholderValue;
} & ((typeof labels)[K] extends { one: string } ? { count: number } : unknown);
/** A label's data, when it has placeholders: a call that leaves one out does not compile. */
type DataFor<K extends LabelKey> = [PlaceholdersIn<(typeof labels)[K]["en"]>] extends [never]
  ? []
  : [data: LabelData<K>];

/** A label in one language, its placeholders filled. */
export function label<K extends LabelKey>(key: K, lang: Lang, ...given: DataFor<K>): string {
  const [data] = given as [PlaceholderData?];
  const entry: Localized & { one?: string } = labels[key];
  if (!data) return entry[lang];
  if (lang === "en" && entry.one !== undefined && data.count === 1) {
    return fillTemplate(entry.one, data, lang);
  }
  return localize(entry, lang, data);
}

/** A label with its placeholders filled, still in both languages: for a placeholder of another. */
export function labelled<K extends LabelKey>(key: K, ...given: DataFor<K>): Localized {
  return { zh: label(key, "zh", ...given), en: label(key, "en", ...given) };
}

/** The columns of an area table (per district or street), the same in every format for people. */
export function areaColumns(lang: Lang): string[] {
  return (
    [
      "estates",
      "centers",
      "compliant",
      "failing",
      "unknown",
      "unchecked",
      "compliance",
      "shortfall",
      "worst",
    ] as const
  ).map((key) => label(key, lang));
}

export function delimiterName(delimiter: string | null): string {
  if (delimiter === null) return "-";
  return delimiter === "\t" ? "tab" : delimiter;
}

/** A rule's severity as a reader sees it, "(target, not a requirement)" after a pack's target. */
export function ruleSeverityText(
  rule: { severity: string; standing?: "target" | undefined },
  lang: Lang,
): string {
  const severity = label(rule.severity as PlainLabelKey, lang);
  return rule.standing === "target" ? `${severity} (${label("targetStanding", lang)})` : severity;
}
