#!/usr/bin/python3
"""Writes fixtures/workbooks/: the sample registers as district offices keep them in Excel.

Run with Debian's Python (python3-openpyxl): /usr/bin/python3 scripts/make-workbook-fixtures.py
Written by openpyxl, an independent writer; `registers-libreoffice.xlsx` is the same workbook
saved again by LibreOffice (a real spreadsheet program: shared strings, cached formula values,
its own styles), when `soffice` is installed; `registers-libreoffice.ods` and `.xls` are the same
workbook saved by LibreOffice as OpenDocument and as Excel 97-2003.
"""
import csv
import datetime
import io
import os
import shutil
import subprocess
import tempfile
import zipfile

from openpyxl import Workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import CALENDAR_MAC_1904

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SAMPLE = os.path.join(ROOT, "fixtures", "suzhou-sample")
OUT = os.path.join(ROOT, "fixtures", "workbooks")

NUMBER_COLUMNS = {"households", "community_space_area", "office_area", "public_service_area", "phases"}
DATE_COLUMNS = {"land_transfer_date", "estate_delivery_date", "community_space_delivery_date"}


def rows_of(name):
    with open(os.path.join(SAMPLE, name), encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        return header, list(reader)


def typed(column, value):
    """A cell as a clerk's workbook holds it: numbers as numbers, dates as date cells."""
    if value == "":
        return None
    if column in NUMBER_COLUMNS:
        try:
            number = float(value)
            return int(number) if number.is_integer() else number
        except ValueError:
            return value
    if column in DATE_COLUMNS:
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def add_register(sheet, title, header, rows, totals_column):
    """Title (merged across), unit line, header, records, a 合计 row with a SUM and a signature."""
    width = len(header)
    sheet.append([title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    sheet.append(["单位:平方米、户"])
    sheet.append(header)
    first = 4
    for row in rows:
        cells = [typed(column, value) for column, value in zip(header, row)]
        sheet.append(cells)
        for index, column in enumerate(header):
            if column in DATE_COLUMNS and isinstance(cells[index], datetime.date):
                sheet.cell(row=sheet.max_row, column=index + 1).number_format = "yyyy-mm-dd"
    last = sheet.max_row
    totals = ["合计"] + [None] * (width - 1)
    column_index = header.index(totals_column)
    letter = get_column_letter(column_index + 1)
    totals[column_index] = f"=SUM({letter}{first}:{letter}{last})"
    sheet.append(totals)
    sheet.append(["填报单位:苏州市民政局", None, "填报人:张三"])


def registers_workbook(path, date1904=False):
    workbook = Workbook()
    if date1904:
        workbook.epoch = CALENDAR_MAC_1904
    estates = workbook.active
    estates.title = "小区"
    header, rows = rows_of("estates-en.csv")
    add_register(estates, "苏州市住宅小区社区用房情况统计表", header, rows, "households")
    centers = workbook.create_sheet("社区")
    header, rows = rows_of("centers-en.csv")
    add_register(centers, "苏州市社区办公活动用房情况统计表", header, rows, "office_area")
    notes = workbook.create_sheet("说明")
    notes.append(["本表由各区民政局填报,每季度更新。"])
    old = workbook.create_sheet("旧表")
    old.append(["estate_id", "name"])
    old.sheet_state = "hidden"
    workbook.save(path)


def merged_workbook(path):
    """District typed once and merged down over its estates, a hidden row, a formula total."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "小区"
    header, rows = rows_of("estates-en.csv")
    rows = rows[:6]
    sheet.append(header)
    district = header.index("district")
    for row in rows:
        sheet.append([typed(column, value) for column, value in zip(header, row)])
    # E01–E03 are in 姑苏区 in the sample: typed once, merged over the three rows.
    for line in (3, 4):
        sheet.cell(row=line, column=district + 1).value = None
    sheet.merge_cells(start_row=2, start_column=district + 1, end_row=4, end_column=district + 1)
    sheet.row_dimensions[6].hidden = True
    workbook.save(path)


def errors_workbook(path):
    """Cells a clerk gets wrong, each on its own row, so every problem names its cell."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "小区"
    header, rows = rows_of("estates-en.csv")
    sheet.append(header)
    for row in rows[:4]:
        sheet.append([typed(column, value) for column, value in zip(header, row)])
    households = header.index("households")
    district = header.index("district")
    name = header.index("name")
    sheet.cell(row=3, column=households + 1).value = "x户"
    sheet.cell(row=4, column=district + 1).value = "无"
    # Text that looks like a formula is text: a string cell, never evaluated.
    sheet.cell(row=5, column=name + 1).value = '=HYPERLINK("http://example.com","点击")'
    sheet.cell(row=5, column=name + 1).data_type = "s"
    workbook.save(path)


def bomb(path):
    """A sheet of 40 MB of spaces, some kilobytes zipped: refused before it is expanded."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(
            "xl/workbook.xml",
            '<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        )
        archive.writestr("xl/worksheets/sheet1.xml", " " * (40 << 20))


def plain_zip(path):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("estates.csv", "estate_id,name\n")


def main():
    os.makedirs(OUT, exist_ok=True)
    registers = os.path.join(OUT, "registers.xlsx")
    registers_workbook(registers)
    registers_workbook(os.path.join(OUT, "registers-1904.xlsx"), date1904=True)
    merged_workbook(os.path.join(OUT, "merged.xlsx"))
    errors_workbook(os.path.join(OUT, "errors.xlsx"))
    bomb(os.path.join(OUT, "bomb.xlsx"))
    plain_zip(os.path.join(OUT, "not-a-workbook.xlsx"))
    if shutil.which("soffice"):
        with tempfile.TemporaryDirectory() as folder:
            subprocess.run(
                ["soffice", "--headless", "--calc", "--convert-to", "xlsx:Calc MS Excel 2007 XML",
                 "--outdir", folder, registers],
                check=True, capture_output=True,
                env={**os.environ, "HOME": folder},
            )
            shutil.move(os.path.join(folder, "registers.xlsx"),
                        os.path.join(OUT, "registers-libreoffice.xlsx"))
        # The same workbook as LibreOffice's own format (.ods) and as Excel 97-2003 (.xls),
        # the formats district forms still arrive in.
        for extension, filter_name in [("ods", "ods:calc8"), ("xls", "xls:MS Excel 97")]:
            with tempfile.TemporaryDirectory() as folder:
                subprocess.run(
                    ["soffice", "--headless", "--calc", "--convert-to", filter_name,
                     "--outdir", folder, registers],
                    check=True, capture_output=True,
                    env={**os.environ, "HOME": folder},
                )
                shutil.move(os.path.join(folder, f"registers.{extension}"),
                            os.path.join(OUT, f"registers-libreoffice.{extension}"))


if __name__ == "__main__":
    main()
