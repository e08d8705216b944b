"""The §1 workbook in django-import-export terms: the columns, in order, and how a graduate fills them.

Used for the template download and to prove, in the tests, that what it writes the import reads back as
unchanged. The import itself is ``imports.graduate_import``: it checks the whole file and writes it with
bulk statements, which a row-by-row ``import_data`` cannot do within the speed the import must keep.
"""

import io

from import_export import fields, resources
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from . import imports as columns
from . import layout_fields as layout
from .models import Graduate


def _yes_no(value: bool) -> str:
    return columns.YES if value else columns.NO


class GraduateResource(resources.ModelResource):
    cohort = fields.Field(attribute="cohort__year", column_name=columns.COL_COHORT)
    student_no = fields.Field(attribute="student_no", column_name=columns.COL_STUDENT_NO)
    name = fields.Field(attribute="name", column_name=columns.COL_NAME)
    gender = fields.Field(column_name=columns.COL_GENDER)
    id_number = fields.Field(attribute="id_number", column_name=columns.COL_ID_NUMBER)
    ethnicity = fields.Field(attribute="ethnicity__name", column_name=columns.COL_ETHNICITY)
    college = fields.Field(attribute="class_group__major__college__name", column_name=columns.COL_COLLEGE)
    major = fields.Field(attribute="class_group__major__name", column_name=columns.COL_MAJOR)
    class_group = fields.Field(attribute="class_group__name", column_name=columns.COL_CLASS)
    origin = fields.Field(attribute="origin__name", column_name=columns.COL_ORIGIN)
    education_level = fields.Field(attribute="education_level__name", column_name=columns.COL_EDUCATION)
    hardship_category = fields.Field(attribute="hardship_category__name", column_name=columns.COL_HARDSHIP)
    registered_poor = fields.Field(column_name=columns.COL_REGISTERED_POOR)
    poverty_county = fields.Field(column_name=columns.COL_POVERTY_COUNTY)
    phone = fields.Field(attribute="phone", column_name=columns.COL_PHONE)
    email = fields.Field(attribute="email", column_name=columns.COL_EMAIL)
    # Not kept on the record: it only explains a cohort move in the file that makes it (blank here).
    graduation_status = fields.Field(column_name=columns.COL_GRADUATION_STATUS)
    # The national layout's graduate fields (contract §5), optional §1 columns.
    political_status = fields.Field(attribute="political_status", column_name=layout.COL_POLITICAL_STATUS)
    urban_rural_origin = fields.Field(attribute="urban_rural_origin", column_name=layout.COL_URBAN_RURAL)
    enrolled_on = fields.Field(column_name=layout.COL_ENROLLED)
    graduated_on = fields.Field(column_name=layout.COL_GRADUATED)
    training_mode = fields.Field(attribute="training_mode", column_name=layout.COL_TRAINING_MODE)
    sponsor = fields.Field(attribute="sponsor", column_name=layout.COL_SPONSOR)
    study_form = fields.Field(attribute="study_form", column_name=layout.COL_STUDY_FORM)
    major_direction = fields.Field(attribute="major_direction", column_name=layout.COL_MAJOR_DIRECTION)

    class Meta:
        model = Graduate
        fields = (
            "cohort", "student_no", "name", "gender", "id_number", "ethnicity", "college", "major",
            "class_group", "origin", "education_level", "hardship_category", "registered_poor",
            "poverty_county", "phone", "email", "graduation_status", "political_status", "urban_rural_origin",
            "enrolled_on", "graduated_on", "training_mode", "sponsor", "study_form", "major_direction",
        )  # fmt: skip
        import_id_fields = ("student_no",)
        skip_unchanged = True

    def get_queryset(self):
        return Graduate.objects.select_related(
            "cohort",
            "ethnicity",
            "class_group__major__college",
            "origin",
            "education_level",
            "hardship_category",
        )

    def dehydrate_gender(self, graduate: Graduate) -> str:
        return {value: word for word, value in columns.GENDERS.items()}[graduate.gender]

    def dehydrate_graduation_status(self, graduate: Graduate) -> str:
        return ""

    def dehydrate_enrolled_on(self, graduate: Graduate) -> str:
        return layout.format_month(graduate.enrolled_on)

    def dehydrate_graduated_on(self, graduate: Graduate) -> str:
        return "" if graduate.graduated_on is None else graduate.graduated_on.isoformat()

    def dehydrate_registered_poor(self, graduate: Graduate) -> str:
        return _yes_no(graduate.registered_poor)

    def dehydrate_poverty_county(self, graduate: Graduate) -> str:
        return _yes_no(graduate.poverty_county)


# Typed into a General cell, an 18-digit 身份证号 becomes 4.20902E+17 and loses its last digits for good.
TEXT_COLUMNS = (columns.COL_STUDENT_NO, columns.COL_ID_NUMBER, columns.COL_PHONE)


def graduate_import_template() -> bytes:
    """An empty §1 workbook: the header row, with the identifier columns formatted as text."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "生源信息"
    headers = GraduateResource().get_export_headers()
    sheet.append(headers)
    for position, header in enumerate(headers, start=1):
        letter = get_column_letter(position)
        sheet.column_dimensions[letter].width = 20 if header in TEXT_COLUMNS else 12
        if header in TEXT_COLUMNS:
            sheet.column_dimensions[letter].number_format = "@"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
