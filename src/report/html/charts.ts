import * as echarts from "echarts";
import { label } from "../../model/labels.js";
import type { Report } from "../../model/report.js";
import type { Lang } from "../../model/text.js";

/**
 * Charts drawn to static SVG when the report is made (Apache ECharts' server-side renderer, the
 * one Chinese government dashboards already run on): the page needs no script to show them,
 * they print sharp, and ECharts escapes every label it draws.
 */
function render(option: echarts.EChartsCoreOption, width: number, height: number): string {
  const chart = echarts.init(null, null, { renderer: "svg", ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: "sans-serif" }, ...option });
    return chart.renderToSVGString();
  } finally {
    // Disposing ends ECharts' timers, which would otherwise keep the process alive.
    chart.dispose();
  }
}

/** Bars a chart draws: past this, the largest shortfalls only (the table below lists every area). */
const CHART_BARS = 40;

export function shortfallByDistrictChart(report: Report, lang: Lang): string {
  const all = Object.entries(report.summary.districts);
  // Largest first only when they do not all fit, so that a city's few districts keep their order.
  const districts =
    all.length <= CHART_BARS
      ? all
      : [...all].sort(([, a], [, b]) => b.shortfall - a.shortfall).slice(0, CHART_BARS);
  return render(
    {
      title: {
        text:
          all.length <= CHART_BARS
            ? label("shortfallByDistrict", lang)
            : label("shortfallOfWorst", lang, { bars: CHART_BARS, all: all.length }),
        left: "center",
        textStyle: { fontSize: 14 },
      },
      grid: { left: 60, right: 20, top: 60, bottom: 80 },
      xAxis: {
        type: "category",
        data: districts.map(([name]) => name),
        axisLabel: { interval: 0, rotate: 40 },
      },
      yAxis: { type: "value" },
      series: [
        {
          type: "bar",
          data: districts.map(([, summary]) => summary.shortfall),
          itemStyle: { color: "#c0392b" },
          label: {
            show: true,
            position: "top",
            formatter: (item: { value: number }) => (item.value > 0 ? item.value.toFixed(2) : ""),
          },
        },
      ],
    },
    720,
    320,
  );
}

export function outcomesByRuleChart(report: Report, lang: Lang): string {
  const active = report.rules.filter((rule) => report.summary.rules[rule.id]);
  const counts = (pick: (id: string) => number) => active.map((rule) => pick(rule.id));
  const of = (id: string) => report.summary.rules[id];
  const series = [
    { name: label("pass", lang), color: "#27ae60", data: counts((id) => of(id)?.pass ?? 0) },
    { name: label("fail", lang), color: "#c0392b", data: counts((id) => of(id)?.fail ?? 0) },
    {
      name: label("eligible", lang),
      color: "#8e44ad",
      data: counts((id) => of(id)?.eligible ?? 0),
    },
    {
      name: label("unknown", lang),
      color: "#f39c12",
      data: counts((id) => of(id)?.unknown ?? 0),
    },
    {
      name: label("notChecked", lang),
      color: "#7f8c8d",
      data: counts((id) => of(id)?.notChecked ?? 0),
    },
  ];
  return render(
    {
      title: {
        text: label("outcomesPerRule", lang),
        left: "center",
        textStyle: { fontSize: 14 },
      },
      legend: { bottom: 0 },
      grid: { left: 230, right: 30, top: 40, bottom: 50 },
      xAxis: { type: "value" },
      yAxis: {
        type: "category",
        data: active.map((rule) => rule.title[lang]),
        inverse: true,
        axisLabel: { width: 210, overflow: "truncate" },
      },
      series: series.map((item) => ({
        name: item.name,
        type: "bar",
        stack: "outcomes",
        data: item.data,
        itemStyle: { color: item.color },
      })),
    },
    720,
    26 * active.length + 90,
  );
}
