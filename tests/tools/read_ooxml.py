"""Reads .xlsx and .docx files the way other software does, for the tests.

For every path given, prints one JSON line:
  {"path": ..., "audit": [error, ...], "cells": {...}, "merges": [...]}   (.xlsx)
  {"path": ..., "audit": [...], "paragraphs": [...], "tables": [...]}      (.docx)

`audit` holds the errors of openxml-audit (the Open XML SDK's schema
validation, ported to Python); the rest is what openpyxl / python-docx read.
Exit status 0 unless a file cannot be opened at all.
"""

import json
import subprocess
import sys
from pathlib import Path


def audit(path):
    exe = Path(sys.executable).with_name("openxml-audit")
    out = subprocess.run(
        [str(exe), "--output", "json", "--max-errors", "0", str(path)],
        capture_output=True,
        text=True,
    )
    try:
        report = json.loads(out.stdout)
    except json.JSONDecodeError:
        return [f"openxml-audit gave no report: {out.stdout[:200]} {out.stderr[:200]}"]
    errors = []
    for result in report if isinstance(report, list) else [report]:
        for error in result.get("errors", []):
            errors.append(
                f"{error.get('part', '')} {error.get('path', '')}: {error.get('description', error)}"
            )
    return errors


def cell_value(cell):
    value = cell.value
    if value is None:
        return None
    if isinstance(value, (int, float)):
        return {"number": float(value), "format": cell.number_format}
    return {"text": str(value)}


def read_xlsx(path):
    import openpyxl

    book = openpyxl.load_workbook(path)
    sheets = {}
    for sheet in book.worksheets:
        cells = {}
        for row in sheet.iter_rows():
            for cell in row:
                value = cell_value(cell)
                if value is not None:
                    cells[cell.coordinate] = value
        heights = {
            str(r): d.height
            for r, d in sheet.row_dimensions.items()
            if d.height is not None
        }
        sheets[sheet.title] = {
            "cells": cells,
            "merges": sorted(str(m) for m in sheet.merged_cells.ranges),
            "row_heights": heights,
            "print_title_rows": sheet.print_title_rows,
        }
    return {"sheets": sheets}


def read_docx(path):
    import docx

    document = docx.Document(path)
    return {
        "paragraphs": [
            {"style": p.style.name if p.style is not None else None, "text": p.text}
            for p in document.paragraphs
        ],
        "tables": [
            [[cell.text for cell in row.cells] for row in table.rows]
            for table in document.tables
        ],
    }


def main():
    status = 0
    for arg in sys.argv[1:]:
        path = Path(arg)
        entry = {"path": arg, "audit": audit(path)}
        try:
            if path.suffix == ".xlsx":
                entry.update(read_xlsx(path))
            elif path.suffix == ".docx":
                entry.update(read_docx(path))
        except Exception as error:  # noqa: BLE001 - report, do not hide
            entry["open_error"] = f"{type(error).__name__}: {error}"
            status = 1
        print(json.dumps(entry, ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main())
