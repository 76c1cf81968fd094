"""How the case forms are laid out (crispy FormHelper) and the widgets they share."""

from crispy_forms.bootstrap import InlineCheckboxes, InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _layout(form, *rows) -> Layout:
    """A responsive layout of the rows (tuples of field names side by side on wide screens) whose fields
    the form has."""
    parts = []
    for row in rows:
        names = [name for name in (row if isinstance(row, tuple) else (row,)) if name in form.fields]
        if not names:
            continue
        if len(names) == 1:
            parts.append(_field(form, names[0]))
        else:
            parts.append(Row(*(Column(_field(form, name), css_class="col-12 col-md") for name in names)))
    return Layout(*parts)


def _field(form, name):
    widget = form.fields[name].widget
    if isinstance(widget, forms.CheckboxSelectMultiple):
        return InlineCheckboxes(name)
    if isinstance(widget, forms.RadioSelect) and name != "mentor":
        return InlineRadios(name)
    return Field(name)


def form_helper(form, *rows) -> FormHelper:
    """The forms are laid out by crispy; the page writes the <form> tag and the buttons."""
    helper = FormHelper(form)
    helper.form_tag = False
    helper.disable_csrf = True
    helper.layout = _layout(form, *rows)
    return helper


def not_in_future(day, message):
    if day is not None and day > timezone.localdate():
        raise ValidationError(message)
    return day


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ToggleCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes drawn as large toggle buttons (Bootstrap `btn-check`) for a thumb on a phone."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "btn-check", "autocomplete": "off", **(attrs or {})}, choices)


class ToggleRadios(forms.RadioSelect):
    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "btn-check", "autocomplete": "off", **(attrs or {})}, choices)


TOGGLES = "cases/visit_toggle_buttons.html"


def action_helper(*fields, submit_label) -> FormHelper:
    helper = FormHelper()
    helper.layout = Layout(*fields, Submit("submit", submit_label, css_class="btn-primary"))
    return helper
