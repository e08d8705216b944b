"""Files the exports write: a formatter writes into the file it is given (``apps.downloads``)."""

from io import BytesIO


def written(write, *args, **kwargs) -> BytesIO:
    """What ``write(*args, target, **kwargs)`` writes, rewound, ready for openpyxl or python-docx to read."""
    target = BytesIO()
    write(*args, target, **kwargs)
    target.seek(0)
    return target
