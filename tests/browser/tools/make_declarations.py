"""Writes workbooks of 绩效目标申报表 in the flat layout units export (one row
per indicator, 单位/项目/预算数/年度目标 merged down), for the review page's
browser test: python make_declarations.py OUT_DIR FILES PROJECTS_PER_FILE.

Every other project leaves its 年度目标 blank and one indicator without a
unit, so the review has findings to decide on."""
import os
import sys

from openpyxl import Workbook

HEADS = ["单位名称", "项目名称", "预算数", "年度目标", "一级指标", "二级指标", "三级指标",
         "指标性质", "指标值", "度量单位", "权重", "指标方向性"]


def indicators(n):
    return [
        ("产出指标", "数量指标", f"完成任务数量{n}", "≥", 10 + n, "个", 30, "正向指标"),
        ("产出指标", "质量指标", "验收合格率", "≥", 95, "%" if n % 2 else "", 30, "正向指标"),
        ("效益指标", "社会效益指标", "服务群众人次", "≥", 1000 + n, "人次", 30, "正向指标"),
        ("满意度指标", "服务对象满意度指标", "群众满意度", "≥", 90, "%", 10, "正向指标"),
    ]


def workbook(path, file_no, count):
    wb = Workbook()
    ws = wb.active
    ws.title = "绩效目标申报表"
    ws.cell(1, 1, "部门预算项目绩效目标申报表(2024年度)")
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=12)
    ws.cell(2, 1, "金额单位:元")
    for c, h in enumerate(HEADS, start=1):
        ws.cell(3, c, h)
    r = 4
    unit = f"审核测试单位{file_no}"
    top = r
    for n in range(1, count + 1):
        rows = indicators(n)
        first = r
        ws.cell(r, 2, f"第{file_no}批项目{n:02d}")
        ws.cell(r, 3, 100000 * n)
        ws.cell(r, 4, "" if n % 2 == 0 else f"完成第{n}项任务，服务群众{1000 + n}人次")
        for row in rows:
            for c, v in enumerate(row, start=5):
                ws.cell(r, c, v if v != "" else None)
            r += 1
        for c in (2, 3, 4):
            ws.merge_cells(start_row=first, start_column=c, end_row=r - 1, end_column=c)
    ws.cell(top, 1, unit)
    ws.merge_cells(start_row=top, start_column=1, end_row=r - 1, end_column=1)
    wb.save(path)


def main():
    out, files, per_file = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    os.makedirs(out, exist_ok=True)
    for f in range(1, files + 1):
        workbook(os.path.join(out, f"申报表-{f}.xlsx"), f, per_file)


main()
