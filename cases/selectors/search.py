"""Finding people by what was typed: a name in any script or spelling, a personal code, a date of birth."""

import datetime

from django.db.models import BooleanField, ExpressionWrapper, Q, Value

from ..rules.names import name_tokens
from ..rules.personal_codes import FORMAT as PERSONAL_CODE
from ..rules.personal_codes import normalise_personal_code


def client_search(queryset, query: str):
    """Filter `queryset` by what was typed: words of a name in any script or spelling (each must start
    a word of the name key), a date of birth (31.12.1985 or 1985-12-31) or a personal code."""
    dates, names = [], []
    for word in (query or "").split():
        code = normalise_personal_code(word)
        if PERSONAL_CODE.match(code):
            queryset = queryset.filter(personal_code=code)
        elif (day := _parse_date(word)) is not None:
            dates.append(day)
        else:
            names.append(word)
    for day in dates:
        queryset = queryset.filter(date_of_birth=day)
    for token in name_tokens(" ".join(names)):
        queryset = queryset.filter(name_key__contains=f" {token}")
    return queryset


def exact_name_match(query: str):
    """An annotation: does every word of a name typed in `query` appear as written (case aside) in the
    person's name, in Latin letters or in the original script? The search finds similar spellings too
    (`client_search`); the list marks these exact matches apart from them and shows them first."""
    words = [word for word in (query or "").split() if not _is_code_or_date(word)]
    if not words:
        return Value(True, output_field=BooleanField())
    written = Q()
    for word in words:
        written &= (
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(given_name_original__icontains=word)
            | Q(family_name_original__icontains=word)
        )
    return ExpressionWrapper(written, output_field=BooleanField())


def _is_code_or_date(word: str) -> bool:
    return bool(PERSONAL_CODE.match(normalise_personal_code(word))) or _parse_date(word) is not None


def _parse_date(word: str) -> datetime.date | None:
    for pattern in ("%d.%m.%Y", "%Y-%m-%d", "%d/%m/%Y"):
        try:
            return datetime.datetime.strptime(word, pattern).date()  # noqa: DTZ007 - a calendar date
        except ValueError:
            continue
    return None
