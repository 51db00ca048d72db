#!/usr/bin/env python3
"""Rewrites a generated estates file the way Excel on Chinese Windows saves it: GB18030, CRLF,
Chinese headers, households like "3,598户", dates like 2017年2月23日, areas like "1,280.9㎡".
Python because its standard library encodes GB18030.
    python3 bench/excel-style.py bench/data/estates-1000000.csv bench/data/estates-excel-1000000.csv
"""
import csv, sys, re
src, dst = sys.argv[1], sys.argv[2]
head_zh = {"estate_id":"小区编号","name":"小区名称","district":"所属区县","subdistrict":"街道(镇)","community_id":"社区编号","households":"住宅户数","land_transfer_date":"土地出让日期","community_space_area":"社区用房面积(㎡)","phases":"分期数","community_space_phase":"社区用房所在期次","filing_no":"备案编号"}
with open(src, newline="", encoding="utf-8") as f, open(dst, "w", newline="", encoding="gb18030") as g:
    r = csv.reader(f); w = csv.writer(g, lineterminator="\r\n")
    header = next(r); w.writerow([head_zh.get(h, h) for h in header])
    idx = {h: i for i, h in enumerate(header)}
    for n, row in enumerate(r):
        hh = row[idx["households"]]
        if hh.isdigit() and n % 2 == 0: row[idx["households"]] = f"{int(hh):,}户"
        d = row[idx["land_transfer_date"]]
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})$", d)
        if m and n % 3 == 0: row[idx["land_transfer_date"]] = f"{m[1]}年{int(m[2])}月{int(m[3])}日"
        a = row[idx["community_space_area"]]
        if n % 2 == 1:
            try: row[idx["community_space_area"]] = f"{float(a):,}㎡" if "." in a else f"{int(a):,}㎡"
            except ValueError: pass
        w.writerow(row)
