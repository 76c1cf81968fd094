"""The Latvian personal code (personas kods).

- Codes issued before 1 July 2017: `DDMMYY-CNNNN`, the birth date, a century digit C (0 = 1800s,
  1 = 1900s, 2 = 2000s), three serial digits and a check digit.
- Codes issued since: `32NNNN-NNNNN`, with no date in them and no published check digit.

Either is accepted with or without the hyphen and stored as `NNNNNN-NNNNN`.
"""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

CHECK_WEIGHTS = (1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
FORMAT = re.compile(r"^(\d{6})-?(\d{5})$")


def normalise_personal_code(value: str) -> str:
    """`NNNNNN-NNNNN` from what was typed (spaces ignored); unchanged when it is not 11 digits."""
    compact = re.sub(r"\s", "", value or "")
    match = FORMAT.match(compact)
    return f"{match.group(1)}-{match.group(2)}" if match else compact


def personal_code_check_digit(first_ten_digits: str) -> int:
    """The check digit of an old-format code; 10 (written 0) is never issued but accepted as 0."""
    weighted = sum(weight * int(digit) for weight, digit in zip(CHECK_WEIGHTS, first_ten_digits, strict=True))
    return (1101 - weighted) % 11 % 10


def personal_code_birth_date(code: str) -> datetime.date | None:
    """The birth date in an old-format code, or None for a new-format code or an impossible date."""
    digits = normalise_personal_code(code).replace("-", "")
    if len(digits) != 11 or digits.startswith("32") or digits[6] not in "012":
        return None
    century = 1800 + 100 * int(digits[6])
    try:
        return datetime.date(century + int(digits[4:6]), int(digits[2:4]), int(digits[0:2]))
    except ValueError:
        return None


def validate_personal_code(value: str) -> None:
    """Raise a ValidationError with a translated message unless `value` is a possible personal code."""
    code = normalise_personal_code(value)
    if not FORMAT.match(code):
        raise ValidationError(
            _("A personal code is 11 digits: DDMMYY-NNNNN, or 32NNNN-NNNNN for new codes."),
            code="format",
        )
    digits = code.replace("-", "")
    if digits.startswith("32"):
        return
    birth_date = personal_code_birth_date(code)
    if birth_date is None or birth_date > timezone.localdate():
        raise ValidationError(_("The personal code does not start with a valid date."), code="date")
    if personal_code_check_digit(digits[:10]) != int(digits[10]):
        raise ValidationError(
            _("The personal code is not valid: check the digits (its check digit does not match)."),
            code="checksum",
        )
