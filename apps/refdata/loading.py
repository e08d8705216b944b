"""Writes the code tables of ``seed_data`` into the database; idempotent (update_or_create by scheme+code).

Run by the data migrations with their historical models: a field or table that does not exist yet at that
migration (``source``, ``DestinationScheme``) is left to the later migration that runs this again.
"""

import csv
from pathlib import Path

from . import seed_data as d


def load_code_tables(get_model) -> None:
    """``get_model(app_label, name)``: the migration's historical ``apps.get_model`` or the real registry."""

    def put(model_name: str, scheme: str, rows, source: str, **extra_by_row):
        model = get_model("refdata", model_name)
        fields = {field.name for field in model._meta.get_fields()}
        for order, row in enumerate(rows, start=1):
            code, name, *rest = row
            defaults = {"name": name, "sort_order": order}
            if "source" in fields:
                defaults["source"] = source
            for key, pick in extra_by_row.items():
                defaults[key] = pick(rest)
            model.objects.update_or_create(scheme=scheme, code=code, defaults=defaults)

    put("Province", d.PROVINCE_SCHEME, d.PROVINCES, d.PROVINCE_SOURCE)
    put("Ethnicity", d.ETHNICITY_SCHEME, d.ETHNICITIES, d.ETHNICITY_SOURCE)
    category = get_model("refdata", "ReportCategory")
    for scheme, rows, source, destination_scheme, destinations, destination_source in (
        (d.CATEGORY_SCHEME, d.REPORT_CATEGORIES, d.CATEGORY_SOURCE,
         d.DESTINATION_SCHEME_2020, [(*row, "") for row in d.DESTINATIONS_2020], d.DESTINATION_SOURCE_2020),
        (d.CATEGORY_SCHEME_2021, d.REPORT_CATEGORIES_2021, d.CATEGORY_SOURCE_2021,
         d.DESTINATION_SCHEME_2021, d.DESTINATIONS_2021, d.DESTINATION_SOURCE_2021),
    ):  # fmt: skip
        put("ReportCategory", scheme, rows, source, counts_as_employed=lambda r: r[0])
        by_code = {c.code: c for c in category.objects.filter(scheme=scheme)}
        put(
            "DestinationCode",
            destination_scheme,
            destinations,
            destination_source,
            category=lambda r, by_code=by_code: by_code[r[0]],
            parent_code=lambda r: r[1],
        )
    put("UnitNature", d.UNIT_NATURE_SCHEME, d.UNIT_NATURES, d.UNIT_NATURE_SOURCE)
    put("Industry", d.INDUSTRY_SCHEME, d.INDUSTRIES, d.INDUSTRY_SOURCE, gb4754_section=lambda r: r[0])
    put(
        "HardshipCategory",
        d.HARDSHIP_SCHEME,
        d.HARDSHIP_CATEGORIES,
        d.HARDSHIP_SOURCE,
        is_hardship=lambda r: r[0],
    )
    put("EducationLevel", d.EDUCATION_SCHEME, d.EDUCATION_LEVELS, d.EDUCATION_SOURCE)
    put("NotEmployedReason", d.REASON_SCHEME, d.NOT_EMPLOYED_REASONS, d.REASON_SOURCE)
    try:
        scheme_model = get_model("refdata", "DestinationScheme")
    except LookupError:
        return
    fields = {field.name for field in scheme_model._meta.get_fields()}
    for code, name, rate_name, placed_name, category_scheme, source in d.DESTINATION_SCHEMES:
        values = {"name": name, "rate_name": rate_name, "category_scheme": category_scheme, "source": source}
        if "placed_name" in fields:
            values["placed_name"] = placed_name
        scheme_model.objects.update_or_create(code=code, defaults=values)


def _with_source(model, defaults: dict, source: str) -> dict:
    # ``source`` on the code tables may come in a later migration than the one calling this.
    if any(field.name == "source" for field in model._meta.get_fields()):
        defaults["source"] = source
    return defaults


def load_work_positions(get_model) -> None:
    model = get_model("refdata", "WorkPosition")
    for order, (code, name) in enumerate(d.WORK_POSITIONS, start=1):
        defaults = _with_source(model, {"name": name, "sort_order": order}, d.WORK_POSITION_SOURCE)
        model.objects.update_or_create(scheme=d.WORK_POSITION_SCHEME, code=code, defaults=defaults)


# Prefecture-level names that are placeholders, not part of a place's name (北京市东城区, 湖北省仙桃市).
_PLACEHOLDER_PREFECTURES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})


def division_rows() -> list[dict]:
    """The rows of the shipped GB/T 2260 file, each with its full name (province, prefecture, county)."""
    path = Path(__file__).resolve().parent / "data" / d.DIVISION_FILE
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    names = {row["code"]: row["name"] for row in rows}
    parents = {row["code"]: row["parent_code"] for row in rows}
    for row in rows:
        chain, code = [], row["code"]
        while code:
            chain.append(names[code])
            code = parents.get(code, "")
        parts = [part for part in reversed(chain[1:]) if part not in _PLACEHOLDER_PREFECTURES]
        row["full_name"] = "".join([*parts, chain[0]])
    return rows


def load_divisions(get_model) -> None:
    """Insert the shipped version's divisions that are not there yet (a version is never rewritten)."""
    model = get_model("refdata", "AdministrativeDivision")
    known = set(model.objects.filter(scheme=d.DIVISION_SCHEME).values_list("code", flat=True))
    new = [
        model(
            **_with_source(
                model,
                {
                    "scheme": d.DIVISION_SCHEME,
                    "code": row["code"],
                    "name": row["name"],
                    "level": row["level"],
                    "parent_code": row["parent_code"],
                    "province_code": row["code"][:2],
                    "full_name": row["full_name"],
                },
                d.DIVISION_SOURCE,
            )
        )
        for row in division_rows()
        if row["code"] not in known
    ]
    model.objects.bulk_create(new, batch_size=500)
