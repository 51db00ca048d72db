#!/usr/bin/env python3
"""Writes fixtures/suzhou-sample/: the same records twice, as a district office would send them.

- estates.csv / centers.csv: Chinese headers, GB18030, CRLF, numbers like "1,003" and "401.2㎡",
  dates like 2010年1月1日 (as Excel on Chinese Windows saves them).
- estates-en.csv / centers-en.csv: English headers, UTF-8, plain numbers and ISO dates.

Python because the standard library can encode GB18030; Node can only decode it. Run it from the
repository root after changing the rows, and update fixtures/suzhou-sample/README.md to match.
"""
import csv
import io
import pathlib

OUT = pathlib.Path(__file__).resolve().parent.parent / "fixtures" / "suzhou-sample"

# id, name, district, subdistrict, community, households, land date, area, phases, cs phase,
# estate delivery, cs delivery, filing
ESTATES = [
    ("E01", "平江新村", "姑苏区", "平江街道", "C01", 820, "2008-05-12", "170", 1, None, "2010-09-01", "2010-09-01", "姑规备2010-011"),
    ("E02", "沧浪花园", "姑苏区", "沧浪街道", "C02", 1003, "2010-01-01", "401.2", 1, None, "2012-06-30", "2012-06-30", "姑规备2012-004"),
    ("E03", "南门新苑", "姑苏区", "沧浪街道", "C02", 1003, "2009-12-31", "200.6", 1, None, "2011-12-20", "2011-12-20", "姑规备2011-019"),
    ("E04", "长桥雅苑", "吴中区", "长桥街道", "C04", 1500, "2012-03-01", "560", 1, None, "2014-10-01", "2014-10-01", "吴规备2014-031"),
    ("E05", "越溪澜庭", "吴中区", "越溪街道", None, 1200, "2011-07-15", "480", 3, 2, "2013-11-11", "2015-11-11", "吴规备2013-007"),
    ("E06", "元和香樟园", "相城区", "元和街道", None, 980, "2013-09-09", "392", 2, 1, "2015-08-08", "2015-08-08", "相规备2015-002"),
    ("E07", "黄桥锦苑", "相城区", "黄桥街道", None, 2011, None, "804.4", 1, None, None, None, "相规备2012-015"),
    ("E08", "太平新城", "相城区", "太平街道", None, 1600, None, "500", 1, None, None, None, None),
    ("E09", "狮山公寓", "高新区", "狮山街道", None, 1000, None, "150", 1, None, None, None, "虎规备2009-044"),
    ("E10", "湖西玲珑湾", "苏州工业园区", "湖西社工委", "C05", 3000, "2015-04-20", "1300", 1, None, "2018-01-01", "2018-01-01", "园规备2017-101"),
    ("E11", "湖东星海苑", "园区", "湖东社工委", "C05", 2400, "2016-08-08", "900", 1, None, "2019-05-01", "2019-05-01", "园规备2019-023"),
    ("E12", "松陵水岸", "吴江区", "松陵街道", "C08", 1100, "2014-02-14", "440", 1, None, "2016-06-30", "2017-01-15", "吴江规备2016-008"),
    ("E13", "同里人家", "吴江区", "同里镇", None, 900, "2013-10-10", "360", 1, None, "2015-12-01", None, "吴江规备2015-020"),
    ("E14", "虞山华府", "常熟市", "虞山街道", None, 1300, "2011-11-11", "520", 1, None, "2014-05-01", "2014-05-01", "常规备2014-006"),
    ("E15", "琴川小区", "常熟市", "琴川街道", None, 700, "2009-06-01", "140", 1, None, "2011-03-01", "2011-03-01", "常规备2011-001"),
    ("E16", "杨舍东苑", "张家港市", "杨舍镇", None, 1800, "2012-12-12", "700", 1, None, "2015-09-09", "2015-09-09", "张规备2015-012"),
    ("E17", "金港名都", "张家港市", "金港街道", None, 1450, "2010-03-15", "580", 1, None, "2012-12-12", "2012-12-12", "张规备2012-030"),
    ("E18", "玉山城市花园", "昆山市", "玉山镇", None, 2600, "2017-05-05", "1040", 4, 1, "2019-06-01", "2019-06-01", "昆规备2019-055"),
    ("E19", "花桥国际社区", "昆山市", "花桥镇", None, 3200, "2018-01-20", "1200", 3, None, "2020-12-01", "2020-12-01", "昆规备2020-077"),
    ("E20", "娄东新苑", "太仓市", "城厢镇", None, 860, "2013-03-03", "344", 1, None, "2027-06-30", None, "太规备2025-003"),
    ("E21", "沙溪老街小区", "太仓市", "沙溪镇", None, 640, "2008-08-08", "120", 1, None, "2010-10-10", "2010-10-10", "太规备2010-009"),
    ("E22", "金阊新城", "姑苏区", "金阊街道", "C03", 1250, "2011-01-01", "500", 1, None, "2013-09-01", "2013-09-01", "姑规备2013-027"),
    ("E23", "木渎御园", "吴中区", "木渎镇", None, 1999, "2010-01-01", "799.6", 1, None, "2012-10-01", "2012-10-01", "吴规备2012-040"),
    ("E24", "木渎御园二区", "吴中区", "木渎镇", None, 1999, "2010-01-01", "799.59", 1, None, "2013-10-01", "2013-10-01", "吴规备2013-041"),
    ("E25", "枫桥人家", "虎丘区", "枫桥街道", "C07", 760, "2012-06-06", "304", 1, None, "2014-06-06", "2014-06-06", "虎规备2014-013"),
    ("E26", "阳澄湖畔", "相城区", "阳澄湖镇", None, 1100, "2014-07-07", "450", 1, None, "2016-07-07", "2016-07-07", "相规备2016-021"),
    ("E27", "金鸡湖畔", "苏州工业园区", "娄葑街道", None, 1800, "2019-09-19", "720", 2, 1, "2021-10-01", "2021-10-01", "园规备2021-066"),
    ("E28", "震泽古镇新苑", "吴江区", "震泽镇", None, 1300, "2015-05-15", "530", 1, None, "2017-05-15", "2017-05-15", "吴江规备2017-014"),
    ("E29", "周庄水乡苑", "昆山市", "周庄镇", None, 950, "2016-06-16", "380", 1, None, "2018-06-16", "2018-06-16", "昆规备2018-032"),
    ("E30", "梅李花苑", "常熟市", "梅李镇", None, 1150, "2014-04-14", "460", 1, None, "2016-04-14", "2016-04-14", None),
    ("E31", "葑门旧宅小区", "姑苏区", "双塔街道", None, 600, "2007-07-07", "110", 1, None, "2009-07-07", "2009-07-07", "姑规备2009-002"),
    ("E32", "锦丰新村", "张家港市", "锦丰镇", None, 1000, "2020-02-20", "400", 1, None, "2022-02-20", "2022-02-20", "张规备2022-005"),
]

# id, name, district, subdistrict, type, zone, households, office area, public area, city proper,
# old town, filing
CENTERS = [
    ("C01", "平江新村社区", "姑苏区", "平江街道", "urban", None, 2100, "380", None, None, None, "姑民备2011-001"),
    ("C02", "沧浪新城社区", "沧浪区", "沧浪街道", "urban", None, 1500, "420", None, None, None, "沧民备2009-004"),
    ("C03", "金阊新城社区", "金阊区", "金阊街道", "urban", None, None, "350", None, None, None, "金民备2010-002"),
    ("C04", "长桥社区", "吴中区", "长桥街道", "urban", None, 3000, "600", None, None, None, "吴民备2014-010"),
    ("C05", "湖西社区", "苏州工业园区", "湖西社工委", "urban", None, 5400, "1000", None, None, None, "园民备2018-003"),
    ("C06", "玉山社区", "昆山市", "玉山镇", "urban", None, 2000, "380", None, None, None, "昆民备2016-006"),
    ("C08", "松陵社区", "吴江区", "松陵街道", "urban", None, 1800, "420", None, None, None, "吴江民备2017-002"),
    ("C09", "虞山村社区服务中心", "常熟市", "虞山街道", "rural", "town-planning-area", 2500, "450", None, None, None, "常民备2015-011"),
    ("C10", "杨舍开发区社区服务中心", "张家港市", "杨舍镇", "rural", "development-zone", 1500, "420", None, None, None, "张民备2016-003"),
    ("C11", "沙溪村社区服务中心", "太仓市", "沙溪镇", "rural", "other", 900, "460", None, None, None, None),
    ("C12", "锦溪村社区服务中心", "昆山市", "锦溪镇", "rural", "other", 1100, "650", "420", None, None, "昆民备2017-020"),
    ("C13", "东山村社区服务中心", "吴中区", "东山镇", "rural", None, 1300, "520", None, None, None, "吴民备2015-030"),
    ("C14", "双塔社区", "姑苏区", "双塔街道", "urban", None, 1800, "520", None, None, None, "姑民备2013-008"),
    ("C15", "湖东社区", "工业园区", "湖东社工委", "urban", None, None, "450", None, None, None, None),
    ("C16", "狮山社区", "高新区", "狮山街道", "urban", None, 2000, "400", None, None, None, "虎民备2012-001"),
    ("C17", "新区枫桥社区", "新区", "枫桥街道", "urban", None, 1700, "390", None, None, None, "虎民备2008-005"),
]

ESTATE_HEADERS_EN = ["estate_id", "name", "district", "subdistrict", "community_id", "households", "land_transfer_date",
                     "community_space_area", "phases", "community_space_phase", "estate_delivery_date",
                     "community_space_delivery_date", "filing_no"]
ESTATE_HEADERS_ZH = ["小区编号", "小区名称", "所属区(市)", "街道(镇)", "所属社区编号", "总户数", "土地出让日期",
                     "社区用房面积(㎡)", "总期数", "社区用房期次", "首期交付日期", "社区用房交付日期", "备案编号"]
CENTER_HEADERS_EN = ["community_id", "name", "district", "subdistrict", "community_type", "zone", "households",
                     "office_area", "public_service_area", "city_proper", "old_town", "filing_no"]
CENTER_HEADERS_ZH = ["社区编号", "社区名称", "所属区(市)", "街道(镇)", "社区类型", "区位", "社区户数",
                     "办公用房面积(平方米)", "公共服务用房面积", "是否市区", "是否老城区", "备案号"]

TYPE_ZH = {"urban": "城市社区", "rural": "农村社区"}
ZONE_ZH = {"town-planning-area": "城镇规划区", "development-zone": "经济开发区", "other": "其他"}


def zh_date(iso, index):
    """Dates the way different offices type them."""
    if iso is None:
        return ""
    y, m, d = (int(part) for part in iso.split("-"))
    forms = [f"{y}年{m}月{d}日", f"{y}/{m}/{d}", f"{y}.{m}.{d}", f"{y}{m:02d}{d:02d}", iso]
    return forms[index % len(forms)]


def zh_number(value, index, unit):
    text = str(value)
    if "." not in text and int(text) >= 1000:
        text = f"{int(text):,}"
    return text + unit if index % 3 == 0 else text


def blank(value):
    return "" if value is None else str(value)


def write(name, headers, rows, encoding, newline):
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=newline)
    writer.writerow(headers)
    writer.writerows(rows)
    (OUT / name).write_bytes(buffer.getvalue().encode(encoding))


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    en_estates = [[e[0], e[1], e[2], e[3], blank(e[4]), e[5], blank(e[6]), e[7], e[8], blank(e[9]),
                   blank(e[10]), blank(e[11]), blank(e[12])] for e in ESTATES]
    zh_estates = [[e[0], e[1], e[2], e[3], blank(e[4]), zh_number(e[5], i, "户"), zh_date(e[6], i),
                   zh_number(e[7], i + 1, "㎡"), e[8], blank(e[9]), zh_date(e[10], i + 1),
                   zh_date(e[11], i + 2), blank(e[12])] for i, e in enumerate(ESTATES)]
    en_centers = [[c[0], c[1], c[2], c[3], c[4], blank(c[5]), blank(c[6]), c[7], blank(c[8]), blank(c[9]),
                   blank(c[10]), blank(c[11])] for c in CENTERS]
    zh_centers = [[c[0], c[1], c[2], c[3], TYPE_ZH[c[4]], ZONE_ZH.get(c[5], ""),
                   "" if c[6] is None else zh_number(c[6], i, "户"), zh_number(c[7], i + 1, "平方米"),
                   blank(c[8]), "", "", blank(c[11])] for i, c in enumerate(CENTERS)]
    write("estates-en.csv", ESTATE_HEADERS_EN, en_estates, "utf-8", "\n")
    write("centers-en.csv", CENTER_HEADERS_EN, en_centers, "utf-8", "\n")
    write("estates.csv", ESTATE_HEADERS_ZH, zh_estates, "gb18030", "\r\n")
    write("centers.csv", CENTER_HEADERS_ZH, zh_centers, "gb18030", "\r\n")


if __name__ == "__main__":
    main()
