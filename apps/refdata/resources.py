"""The code tables in django-import-export terms, for the admin's import and export.

Rows are matched on their natural key (标准/版本, 代码), so an import adds and renames but can never re-code;
unchanged rows are skipped; nothing is deleted. Before any row is taken, the whole file goes through the
rules of ``load_code_table`` (``code_tables.check_code_rows``): a bad row is shown as that row's error and,
the admin importing all or nothing, nothing is written.
"""

from collections import defaultdict

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets

from . import code_tables as ct
from .models import (
    DestinationCode,
    HardshipCategory,
    Industry,
    ReportCategory,
)

COL_SCHEME = "标准/版本"
COL_SORT = "排序"
COL_ACTIVE = "启用"
COL_SOURCE = "来源"
# The service's column names -> the resource's field names, to put each problem on its cell.
MSG_NO_SCHEME = _("文件没有“标准/版本”列：请在导入页填写标准/版本。")
FIELD_OF_COLUMN = {ct.COL_CODE: "code", ct.COL_NAME: "name", ct.COL_PARENT: "parent_code", "": "code"}


class CodeEntryResource(resources.ModelResource):
    scheme = fields.Field(attribute="scheme", column_name=COL_SCHEME)
    code = fields.Field(attribute="code", column_name=ct.COL_CODE)
    name = fields.Field(attribute="name", column_name=ct.COL_NAME)
    sort_order = fields.Field(attribute="sort_order", column_name=COL_SORT, widget=widgets.IntegerWidget())
    is_active = fields.Field(attribute="is_active", column_name=COL_ACTIVE, widget=widgets.BooleanWidget())
    source = fields.Field(attribute="source", column_name=COL_SOURCE)

    class Meta:
        fields = ("scheme", "code", "name", "sort_order", "is_active", "source")
        import_id_fields = ("scheme", "code")
        skip_unchanged = True
        report_skipped = True
        clean_model_instances = True
        use_transactions = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # The admin's import page (admin.CodeTableImportForm): the scheme of a bare 代码表, the source to record.
        chosen = getattr(kwargs.get("form"), "cleaned_data", None) or {}
        self.chosen_scheme = (chosen.get("scheme") or "").strip()
        self.chosen_source = (chosen.get("source") or "").strip()

    def before_import(self, dataset, **kwargs):
        """Check the whole file as the command does; keep each row's problems for ``before_import_row``."""
        self.problems: dict[int, dict[str, list[str]]] = {}
        self.default_source = self.chosen_source or kwargs.get("file_name") or ""
        self.file_has_source = COL_SOURCE in (dataset.headers or [])
        if COL_SCHEME not in (dataset.headers or []):
            # An official 代码表 has no 标准/版本 column: the one chosen on the page applies to every row.
            dataset.append_col([self.chosen_scheme] * len(dataset), header=COL_SCHEME)
            if not self.chosen_scheme:
                self.problems = {
                    number: {"scheme": [str(MSG_NO_SCHEME)]} for number in range(1, len(dataset) + 1)
                }
                return
        by_scheme: dict[str, list[ct.CodeRow]] = defaultdict(list)
        headers = dataset.headers or []
        for number, values in enumerate(dataset, 1):
            cells = dict(zip(headers, values, strict=False))
            by_scheme[_text(cells.get(COL_SCHEME))].append(
                ct.CodeRow(
                    number,
                    _text(cells.get(ct.COL_CODE)),
                    _text(cells.get(ct.COL_NAME)),
                    _text(cells.get(ct.COL_PARENT)),
                )
            )
        for scheme, rows in by_scheme.items():
            for error in ct.check_code_rows(self._meta.model, scheme, rows):
                numbers = [error.row] if error.row is not None else [row.number for row in rows]
                for number in numbers:
                    field = FIELD_OF_COLUMN.get(error.column, "code")
                    self.problems.setdefault(number, {}).setdefault(field, []).append(error.message)

    def before_import_row(self, row, **kwargs):
        problems = self.problems.get(kwargs.get("row_number"))
        if problems:
            raise ValidationError(problems)

    def before_save_instance(self, instance, row, **kwargs):
        # Only new or changed rows get here (unchanged ones are skipped): they come from this file.
        if not self.file_has_source or not instance.source:
            instance.source = self.default_source


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a code cell a spreadsheet stored as a number
    return str(value).strip()


def resource_for(model) -> type[CodeEntryResource]:
    """The plain resource of a code table that declares none (a table added later gets the same rules)."""
    extra = (
        {"parent_code": fields.Field(attribute="parent_code", column_name=ct.COL_PARENT)}
        if ct.has_parent(model)
        else {}
    )
    meta = type(
        "Meta",
        (CodeEntryResource.Meta,),
        {"model": model, "fields": (*CodeEntryResource.Meta.fields, *extra)},
    )
    return type(f"{model.__name__}Resource", (CodeEntryResource,), {**extra, "Meta": meta})


class IndustryResource(CodeEntryResource):
    gb4754_section = fields.Field(attribute="gb4754_section", column_name="GB/T 4754 门类")

    class Meta(CodeEntryResource.Meta):
        model = Industry
        fields = (*CodeEntryResource.Meta.fields, "gb4754_section")


class HardshipCategoryResource(CodeEntryResource):
    is_hardship = fields.Field(
        attribute="is_hardship", column_name="属于困难群体", widget=widgets.BooleanWidget()
    )

    class Meta(CodeEntryResource.Meta):
        model = HardshipCategory
        fields = (*CodeEntryResource.Meta.fields, "is_hardship")


class ReportCategoryResource(CodeEntryResource):
    counts_as_employed = fields.Field(
        attribute="counts_as_employed", column_name="计入就业", widget=widgets.BooleanWidget()
    )

    class Meta(CodeEntryResource.Meta):
        model = ReportCategory
        fields = (*CodeEntryResource.Meta.fields, "counts_as_employed")


class DestinationCodeResource(CodeEntryResource):
    # The category is not a column: a new sub-code takes its parent's (DestinationCode.clean).
    parent_code = fields.Field(attribute="parent_code", column_name=ct.COL_PARENT)

    class Meta(CodeEntryResource.Meta):
        model = DestinationCode
        fields = (*CodeEntryResource.Meta.fields, "parent_code")

    def after_init_instance(self, instance, new, row, **kwargs):
        # A moved parent (allowed only for a code not in use) takes the new parent's category.
        if not new and _text(row.get(ct.COL_PARENT)) != instance.parent_code:
            instance.category_id = None
