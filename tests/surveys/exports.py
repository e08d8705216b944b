"""Survey platform exports for the import tests: rows as dicts keyed by the Chinese headers."""

import csv
import io
from pathlib import Path

import openpyxl

from apps.surveys.imports import EMPLOYER_COLUMNS, GRADUATE_OPTIONAL_COLUMNS, GRADUATE_REQUIRED_COLUMNS

GRADUATE_HEADER = [*GRADUATE_REQUIRED_COLUMNS, *GRADUATE_OPTIONAL_COLUMNS]
EMPLOYER_HEADER = list(EMPLOYER_COLUMNS)


def graduate_row(n: int = 1, changes: dict[str, str] | None = None) -> dict[str, str]:
    """An employed respondent of 护理学院 who answered everything; ``changes`` overrides cells by header."""
    row = {
        "答卷编号": f"G{n:04d}",
        "学号": "",
        "性别": "女",
        "学院": "护理学院",
        "是否就业": "是",
        "专业对口程度": "对口",
        "就业满意度": "满意",
        "母校总体满意度": "基本满意",
        "教学满意度": "满意",
        "学生工作满意度": "一般",
        "生活服务满意度": "不满意",
    }
    row.update(changes or {})
    return row


def employer_row(n: int = 1, changes: dict[str, str] | None = None) -> dict[str, str]:
    row = {"答卷编号": f"E{n:04d}", "单位名称": f"孝感市第{n}医院"}
    row |= dict.fromkeys(("品质素质", "社会能力", "专业基础", "专业能力", "发展能力", "综合评价"), "满意")
    row.update(changes or {})
    return row


def write_xlsx(path: Path, rows: list[dict], header: list[str]) -> Path:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append([row.get(name, "") for name in header])
    workbook.save(path)
    return path


def write_csv(path: Path, rows: list[dict], header: list[str]) -> Path:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow([row.get(name, "") for name in header])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path
