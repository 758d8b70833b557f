"""Reads .xlsx and .docx files the way other software does, for the tests.

For every path given, prints one JSON line:
  {"path": ..., "audit": [error, ...], "cells": {...}, "merges": [...]}   (.xlsx)
  {"path": ..., "audit": [...], "paragraphs": [...], "tables": [...],
   "sections": [...], "styles": {...}}                                     (.docx)
With `--pdf` first, each file is also rendered by LibreOffice headless
(`soffice --convert-to pdf`) and "pdf" holds its pages: size in points and
the words with their boxes (`pdftotext -bbox`).

`audit` holds the errors of openxml-audit (the Open XML SDK's schema
validation, ported to Python); the rest is what openpyxl / python-docx read.
Exit status 0 unless a file cannot be opened at all.
"""

import html
import json
import re
import subprocess
import sys
import tempfile
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
    from docx.oxml.ns import qn

    document = docx.Document(path)

    def mm(length):
        return None if length is None else round(length.mm, 1)

    def footer_text(footer):
        return "".join(p.text for p in footer.paragraphs) if footer is not None else None

    sections = []
    for section in document.sections:
        sections.append(
            {
                "width_mm": mm(section.page_width),
                "height_mm": mm(section.page_height),
                "top_mm": mm(section.top_margin),
                "bottom_mm": mm(section.bottom_margin),
                "left_mm": mm(section.left_margin),
                "right_mm": mm(section.right_margin),
                "landscape": section.orientation == docx.enum.section.WD_ORIENT.LANDSCAPE,
                "footer": footer_text(section.footer),
                "even_footer": footer_text(section.even_page_footer),
                "footer_align": str(section.footer.paragraphs[0].alignment),
                "even_footer_align": str(section.even_page_footer.paragraphs[0].alignment),
            }
        )
    tables = []
    for table in document.tables:
        rows = table.rows
        tables.append(
            {
                "cells": [[cell.text for cell in row.cells] for row in rows],
                "header_rows": sum(
                    1 for row in rows if row._tr.trPr is not None and row._tr.trPr.find(qn("w:tblHeader")) is not None
                ),
                "unsplittable_rows": sum(
                    1 for row in rows if row._tr.trPr is not None and row._tr.trPr.find(qn("w:cantSplit")) is not None
                ),
                "underlined": [
                    cell.text
                    for row in rows
                    for cell in row.cells
                    if any(run.underline for p in cell.paragraphs for run in p.runs)
                ],
            }
        )
    styles = {}
    for style in document.styles:
        if style.type == docx.enum.style.WD_STYLE_TYPE.PARAGRAPH:
            ppr = style.element.pPr
            outline = None
            if ppr is not None and ppr.find(qn("w:outlineLvl")) is not None:
                outline = int(ppr.find(qn("w:outlineLvl")).get(qn("w:val")))
            fonts = style.element.rPr.find(qn("w:rFonts")) if style.element.rPr is not None else None
            styles[style.name] = {
                "outline_level": outline,
                "size_pt": style.font.size.pt if style.font.size is not None else None,
                "east_asia_font": fonts.get(qn("w:eastAsia")) if fonts is not None else None,
            }
    return {
        "paragraphs": [
            {"style": p.style.name if p.style is not None else None, "text": p.text}
            for p in document.paragraphs
        ],
        "tables": tables,
        "sections": sections,
        "styles": styles,
        "even_and_odd_footers": document.settings.odd_and_even_pages_header_footer,
    }


WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)
PAGE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', re.S)


def render_pdf(path):
    """The file as LibreOffice prints it: pages and words with boxes (points)."""
    with tempfile.TemporaryDirectory() as out:
        profile = Path(out) / "profile"
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                out,
                str(path),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        pdf = Path(out) / (path.stem + ".pdf")
        keep = path.with_suffix(path.suffix + ".pdf")
        keep.write_bytes(pdf.read_bytes())
        text = subprocess.run(
            ["pdftotext", "-bbox", str(keep), "-"], check=True, capture_output=True, text=True
        ).stdout
    pages = []
    for width, height, body in PAGE.findall(text):
        words = [
            {"x": float(a), "y": float(b), "x2": float(c), "y2": float(d), "text": html.unescape(t)}
            for a, b, c, d, t in WORD.findall(body)
        ]
        pages.append({"width": float(width), "height": float(height), "words": words})
    return {"file": str(keep), "pages": pages}


def main():
    status = 0
    args = sys.argv[1:]
    pdf = args[:1] == ["--pdf"]
    for arg in args[1:] if pdf else args:
        path = Path(arg)
        entry = {"path": arg, "audit": audit(path)}
        try:
            if path.suffix == ".xlsx":
                entry.update(read_xlsx(path))
            elif path.suffix == ".docx":
                entry.update(read_docx(path))
            if pdf:
                entry["pdf"] = render_pdf(path)
        except Exception as error:  # noqa: BLE001 - report, do not hide
            entry["open_error"] = f"{type(error).__name__}: {error}"
            status = 1
        print(json.dumps(entry, ensure_ascii=False))
    return status


if __name__ == "__main__":
    sys.exit(main())
