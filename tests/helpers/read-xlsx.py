#!/usr/bin/python3
"""Dumps a workbook as JSON with openpyxl, a reader independent of the one that wrote it.

  read-xlsx.py BOOK.xlsx             every sheet: cells (value, type, number format), formulas
                                     and their stored values, frozen panes, filters, validations
  read-xlsx.py BOOK.xlsx --strip OUT a copy without stored formula values (for LibreOffice to
                                     calculate them itself)
"""
import datetime
import json
import sys

import openpyxl


def plain(value):
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def dump(path):
    formulas = openpyxl.load_workbook(path)
    values = openpyxl.load_workbook(path, data_only=True)
    sheets = []
    for sheet in formulas.worksheets:
        stored = values[sheet.title]
        rows = []
        for row in sheet.iter_rows():
            rows.append([
                None if cell.value is None else {
                    "value": plain(cell.value),
                    "stored": plain(stored[cell.coordinate].value),
                    "type": cell.data_type,
                    "format": cell.number_format,
                    "link": cell.hyperlink.target if cell.hyperlink else None,
                    "note": cell.comment.text if cell.comment else None,
                }
                for cell in row
            ])
        sheets.append({
            "title": sheet.title,
            "state": sheet.sheet_state,
            "frozen": sheet.freeze_panes,
            "filter": sheet.auto_filter.ref,
            "printTitles": sheet.print_title_rows,
            "orientation": sheet.page_setup.orientation,
            "paperSize": sheet.page_setup.paperSize,
            "columns": {key: {"format": dim.number_format, "width": dim.width}
                        for key, dim in sheet.column_dimensions.items()},
            "validations": [
                {"type": rule.type, "operator": rule.operator, "formula1": rule.formula1,
                 "range": str(rule.sqref), "errorStyle": rule.errorStyle}
                for rule in sheet.data_validations.dataValidation
            ],
            "rows": rows,
        })
    return {"sheets": sheets}


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[2] == "--strip":
        openpyxl.load_workbook(sys.argv[1]).save(sys.argv[3])
    else:
        json.dump(dump(sys.argv[1]), sys.stdout, ensure_ascii=False)
