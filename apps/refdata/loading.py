"""Writes the code tables of ``seed_data`` into the database; idempotent (update_or_create by scheme+code)."""

from . import seed_data as d


def load_code_tables(get_model) -> None:
    """``get_model(app_label, name)``: the migration's historical ``apps.get_model`` or the real registry."""

    def put(model_name: str, scheme: str, rows, **extra_by_row):
        model = get_model("refdata", model_name)
        for order, row in enumerate(rows, start=1):
            code, name, *rest = row
            defaults = {"name": name, "sort_order": order}
            for key, pick in extra_by_row.items():
                defaults[key] = pick(rest)
            model.objects.update_or_create(scheme=scheme, code=code, defaults=defaults)

    put("Province", d.PROVINCE_SCHEME, d.PROVINCES)
    put("Ethnicity", d.ETHNICITY_SCHEME, d.ETHNICITIES)
    put("ReportCategory", d.CATEGORY_SCHEME, d.REPORT_CATEGORIES, counts_as_employed=lambda r: r[0])
    category = get_model("refdata", "ReportCategory")
    by_code = {c.code: c for c in category.objects.filter(scheme=d.CATEGORY_SCHEME)}
    put("DestinationCode", d.DESTINATION_SCHEME_2020, d.DESTINATIONS_2020, category=lambda r: by_code[r[0]])
    put(
        "DestinationCode",
        d.DESTINATION_SCHEME_2021,
        d.DESTINATIONS_2021,
        category=lambda r: by_code[r[0]],
        parent_code=lambda r: r[1],
    )
    put("UnitNature", d.UNIT_NATURE_SCHEME, d.UNIT_NATURES)
    put("Industry", d.INDUSTRY_SCHEME, d.INDUSTRIES, gb4754_section=lambda r: r[0])
    put("HardshipCategory", d.HARDSHIP_SCHEME, d.HARDSHIP_CATEGORIES, is_hardship=lambda r: r[0])
    put("EducationLevel", d.EDUCATION_SCHEME, d.EDUCATION_LEVELS)
    put("NotEmployedReason", d.REASON_SCHEME, d.NOT_EMPLOYED_REASONS)
