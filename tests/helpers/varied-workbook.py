#!/usr/bin/python3
"""Writes a workbook of varied cells with openpyxl, and dumps any workbook's cells with an
independent reader (openpyxl for .xlsx, xlrd for .xls), for the differential tests of
floorspace's own spreadsheet readers.

  varied-workbook.py write OUT.xlsx
  varied-workbook.py dump BOOK.xlsx|BOOK.xls     JSON: {sheet: [[row, column, value], ...]}
"""
import datetime
import json
import random
import sys


def write(path):
    from openpyxl import Workbook

    rng = random.Random(20261206)
    book = Workbook()
    sheet = book.active
    sheet.title = "数据"
    sheet.append(["id", "名称", "户数", "面积", "比例", "日期", "是否", "大数", "负数", "公式"])
    for row in range(2, 3002):
        name = "".join(rng.choice("苏州姑苏吴中相城虎丘园区街道社区小区花园新村") for _ in range(rng.randint(2, 40)))
        sheet.append([
            f"E{row:05d}",
            name + ("😀" if row % 97 == 0 else "") + ("'\"<&>" if row % 89 == 0 else ""),
            rng.randint(0, 1_000_000),
            round(rng.uniform(0, 5000), rng.choice([0, 1, 2, 3])),
            rng.random(),
            datetime.date(2000, 1, 1) + datetime.timedelta(days=rng.randint(0, 9000)),
            rng.choice([True, False]),
            rng.choice([1e15 + row, 123456789012, 2 ** 40]),
            -rng.uniform(0, 1e6),
            f"=C{row}*2",
        ])
    # One string long enough to cross the .xls shared string table's record boundaries, in
    # both of its character widths.
    sheet.append(["E99999", "x" * 9000 + "中" * 5000 + "y" * 3000])
    hidden = book.create_sheet("隐藏")
    hidden.sheet_state = "hidden"
    hidden.append(["a", 1])
    book.save(path)


def dump_xlsx(path):
    import openpyxl

    book = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for sheet in book.worksheets:
        cells = []
        for row in sheet.iter_rows():
            for cell in row:
                value = cell.value
                if value is None or value == "":
                    continue
                cells.append([cell.row, cell.column - 1, plain(value)])
        out[sheet.title] = cells
    return out


def dump_xls(path):
    import xlrd

    book = xlrd.open_workbook(path)
    out = {}
    for sheet in book.sheets():
        cells = []
        for row in range(sheet.nrows):
            for column in range(sheet.ncols):
                cell = sheet.cell(row, column)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                if cell.ctype == xlrd.XL_CELL_DATE:
                    value = datetime.datetime(*xlrd.xldate_as_tuple(cell.value, book.datemode))
                elif cell.ctype == xlrd.XL_CELL_BOOLEAN:
                    value = bool(cell.value)
                elif cell.ctype == xlrd.XL_CELL_ERROR:
                    value = xlrd.error_text_from_code[cell.value]
                else:
                    value = cell.value
                if value == "":
                    continue
                cells.append([row + 1, column, plain(value)])
        out[sheet.name] = cells
    return out


def plain(value):
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (datetime.datetime, datetime.date)):
        return value.strftime("%Y-%m-%d")
    return value


if __name__ == "__main__":
    command, path = sys.argv[1], sys.argv[2]
    if command == "write":
        write(path)
    else:
        print(json.dumps(dump_xls(path) if path.endswith(".xls") else dump_xlsx(path), ensure_ascii=False))
