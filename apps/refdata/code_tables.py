"""Loading a code table from the official 代码表 (the command ``load_code_table`` and the admin's import).

One set of rules for both: every row is checked before anything is written, and a file with any bad row
writes nothing. A load adds new codes and renames existing ones; it never deletes, never re-codes, and never
moves a code in use under another parent (its records would change category). Retiring is ``is_active``.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from apps.graduates.imports import RowError
from apps.graduates.uploads import Table, UploadRejected, read_table

from .models import CodeEntry, DestinationCode, DestinationScheme, ReportCategory

CODE_SHEET = "代码表"
COL_CODE = "代码"
COL_NAME = "名称"
COL_PARENT = "上级代码"

MSG_MISSING_COLUMNS = _("缺少列：{columns}（代码表须有“代码”“名称”两列）。")
MSG_NO_ROWS = _("文件中没有代码。")
MSG_REQUIRED = _("必填。")
MSG_TOO_LONG = _("超过 {limit} 个字符。")
MSG_CODE_FORMAT = _("代码只能由字母和数字组成。")
MSG_DUPLICATE_CODE = _("代码“{code}”在文件中重复（第 {first} 行已有）。")
MSG_DUPLICATE_NAME = _("名称“{name}”在文件中重复（第 {first} 行已有）。")
MSG_NAME_TAKEN = _("名称“{name}”已是本标准/版本中代码“{code}”的名称。")
MSG_NO_PARENT_COLUMN = _("此代码表没有上级代码。")
MSG_UNKNOWN_PARENT = _("上级代码“{parent}”不在本方案中，也不在文件中。")
MSG_PARENT_OF_USED_CODE = _("代码“{code}”已被使用，不能改变上级代码（原为“{old}”）。")
MSG_NO_CATEGORY = _("新代码“{code}”没有上级代码，无法确定统计类别：请在后台添加，或在文件中填写上级代码。")
MSG_UNKNOWN_SCHEME = _("毕业去向代码方案“{scheme}”不存在（现有：{known}）。")
MSG_UNKNOWN_TABLE = _("没有代码表“{table}”（可用：{known}）。")

# The command's --table names; any other code table (a model over CodeEntry) also answers to its model name.
TABLE_ALIASES = {
    "destination": "destinationcode",
    "province": "province",
    "ethnicity": "ethnicity",
    "unit-nature": "unitnature",
    "industry": "industry",
    "education": "educationlevel",
    "hardship": "hardshipcategory",
    "reason": "notemployedreason",
}


def code_table_models() -> dict[str, type[CodeEntry]]:
    """Every loadable code table by model name (the report's categories are the schemes' own, not loaded)."""
    return {
        model._meta.model_name: model
        for model in django_apps.get_app_config("refdata").get_models()
        if issubclass(model, CodeEntry) and model is not ReportCategory
    }


def code_table_model(table: str) -> type[CodeEntry]:
    models = code_table_models()
    model = models.get(TABLE_ALIASES.get(table, table))
    if model is None:
        known = "、".join([*TABLE_ALIASES, *sorted(set(models) - set(TABLE_ALIASES.values()))])
        raise ValidationError(MSG_UNKNOWN_TABLE.format(table=table, known=known))
    return model


@dataclass
class CodeRow:
    number: int  # the spreadsheet's row number (header = 1)
    code: str
    name: str
    parent_code: str = ""


@dataclass
class CodeLoadResult:
    dry_run: bool
    new: int = 0
    renamed: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def has_parent(model: type[CodeEntry]) -> bool:
    return any(f.name == "parent_code" for f in model._meta.get_fields())


def check_code_rows(model: type[CodeEntry], scheme: str, rows: Iterable[CodeRow]) -> list[RowError]:
    """Every problem of every row against the table as it stands and the rest of the file. Shared by the
    command and the admin's import, so both refuse the same things with the same words."""
    rows = list(rows)
    errors: list[RowError] = []
    existing = {entry.code: entry for entry in model._base_manager.filter(scheme=scheme)}
    names_in_table = {entry.name: entry.code for entry in existing.values()}
    unique_names = any(set(getattr(c, "fields", ())) == {"scheme", "name"} for c in model._meta.constraints)
    file_codes = {row.code for row in rows}
    code_limit = model._meta.get_field("code").max_length
    name_limit = model._meta.get_field("name").max_length
    parents_allowed = has_parent(model)
    if model is DestinationCode and not DestinationScheme.objects.filter(code=scheme).exists():
        known = "、".join(DestinationScheme.objects.values_list("code", flat=True))
        return [RowError(None, "", str(MSG_UNKNOWN_SCHEME.format(scheme=scheme, known=known)))]
    first_row_of_code: dict[str, int] = {}
    first_row_of_name: dict[str, int] = {}
    for row in rows:

        def error(column: str, message, row=row) -> None:
            errors.append(RowError(row.number, column, str(message)))

        if not row.code:
            error(COL_CODE, MSG_REQUIRED)
        elif len(row.code) > code_limit:
            error(COL_CODE, MSG_TOO_LONG.format(limit=code_limit))
        elif not row.code.isalnum() or not row.code.isascii():
            error(COL_CODE, MSG_CODE_FORMAT)
        elif row.code in first_row_of_code:
            error(COL_CODE, MSG_DUPLICATE_CODE.format(code=row.code, first=first_row_of_code[row.code]))
        else:
            first_row_of_code[row.code] = row.number
        if not row.name:
            error(COL_NAME, MSG_REQUIRED)
        elif len(row.name) > name_limit:
            error(COL_NAME, MSG_TOO_LONG.format(limit=name_limit))
        elif unique_names:
            if row.name in first_row_of_name:
                error(COL_NAME, MSG_DUPLICATE_NAME.format(name=row.name, first=first_row_of_name[row.name]))
            else:
                first_row_of_name[row.name] = row.number
            holder = names_in_table.get(row.name)
            # The name may move only from a code the file renames too.
            if holder is not None and holder != row.code and not _renamed_in_file(holder, row.name, rows):
                error(COL_NAME, MSG_NAME_TAKEN.format(name=row.name, code=holder))
        if row.parent_code and not parents_allowed:
            error(COL_PARENT, MSG_NO_PARENT_COLUMN)
            continue
        if not parents_allowed or not row.code:
            continue
        if row.parent_code and row.parent_code not in existing and row.parent_code not in file_codes:
            error(COL_PARENT, MSG_UNKNOWN_PARENT.format(parent=row.parent_code))
        stored = existing.get(row.code)
        if stored is not None and stored.parent_code != row.parent_code and stored.is_in_use():
            error(COL_PARENT, MSG_PARENT_OF_USED_CODE.format(code=row.code, old=stored.parent_code or "—"))
        if model is DestinationCode and stored is None and not row.parent_code:
            error(COL_PARENT, MSG_NO_CATEGORY.format(code=row.code))
    return errors


def _renamed_in_file(code: str, name: str, rows: list[CodeRow]) -> bool:
    return any(row.code == code and row.name != name for row in rows)


def rows_of(table: Table) -> tuple[list[CodeRow], list[RowError]]:
    header = [name.strip() for name in table.header]
    missing = [name for name in (COL_CODE, COL_NAME) if name not in header]
    if missing:
        return [], [RowError(None, "", str(MSG_MISSING_COLUMNS.format(columns="、".join(missing))))]
    code_at, name_at = header.index(COL_CODE), header.index(COL_NAME)
    parent_at = header.index(COL_PARENT) if COL_PARENT in header else None
    rows = [
        CodeRow(
            number,
            cells[code_at].strip(),
            cells[name_at].strip(),
            cells[parent_at].strip() if parent_at is not None else "",
        )
        for number, cells in table.rows
    ]
    if not rows:
        return [], [RowError(None, "", str(MSG_NO_ROWS))]
    return rows, []


def load_code_table(
    *, source, model: type[CodeEntry], scheme: str, source_text: str = "", dry_run: bool = False
) -> CodeLoadResult:
    """Read the 代码表 sheet (or the first) of ``source`` and add or rename its codes in ``scheme``; every
    new or renamed row records ``source_text`` (default: the file's name). All or nothing."""
    result = CodeLoadResult(dry_run=dry_run)
    try:
        table = read_table(source, sheet=CODE_SHEET)
    except UploadRejected as exc:
        result.errors = [RowError(None, "", message) for message in exc.messages]
        return result
    rows, result.errors = rows_of(table)
    if result.errors:
        return result
    result.errors = check_code_rows(model, scheme, rows)
    if result.errors:
        return result
    with transaction.atomic():
        _write(model, scheme, rows, source_text, result)
        if dry_run or result.errors:
            transaction.set_rollback(True)
    if result.errors:
        result.new = result.renamed = result.unchanged = 0
    return result


def _write(model, scheme: str, rows: list[CodeRow], source_text: str, result: CodeLoadResult) -> None:
    existing = {entry.code: entry for entry in model._base_manager.select_for_update().filter(scheme=scheme)}
    next_order = max((entry.sort_order for entry in existing.values()), default=0) + 1
    renamed = [row for row in rows if row.code in existing and existing[row.code].name != row.name]
    # Names are unique per scheme: free the old names first, so two codes may swap theirs in one file.
    for row in renamed:
        entry = existing[row.code]
        entry.name = f"~改名中~{entry.pk}"  # a placeholder no official table uses
        entry.save(update_fields=["name"])
    # Parents before their sub-codes: a new sub-code takes its category from a parent new in the same file.
    for row in sorted(rows, key=lambda row: bool(row.parent_code)):
        entry = existing.get(row.code)
        changed_parent = entry is not None and getattr(entry, "parent_code", "") != row.parent_code
        if entry is None:
            entry = model(
                scheme=scheme, code=row.code, name=row.name, sort_order=next_order, source=source_text
            )
            next_order += 1
            result.new += 1
        elif row in renamed or changed_parent:
            entry.name = row.name
            entry.source = source_text or entry.source
            result.renamed += 1
        else:
            result.unchanged += 1
            continue
        if has_parent(model):
            if changed_parent:
                entry.category_id = None  # follows its new parent
            entry.parent_code = row.parent_code
        try:
            # A table with more required fields than 代码/名称 (or a rule of the model) speaks here.
            entry.full_clean(validate_unique=False)
        except ValidationError as invalid:
            for name, messages in invalid.message_dict.items():
                column = {"code": COL_CODE, "name": COL_NAME, "parent_code": COL_PARENT}.get(name, name)
                result.errors += [RowError(row.number, column, message) for message in messages]
            continue
        entry.save()
        existing[row.code] = entry
