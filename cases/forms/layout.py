"""How the case forms are laid out (crispy FormHelper) and the widgets they share."""

from crispy_forms.bootstrap import InlineCheckboxes, InlineRadios
from crispy_forms.helper import FormHelper
from crispy_forms.layout import Column, Field, Layout, Row, Submit
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone


def _layout(form, *rows) -> Layout:
    """A responsive layout of the rows (tuples of field names side by side on wide screens) whose fields
    the form has; a crispy layout object (a `Field` with its own template) is taken as it is."""
    parts = []
    for row in rows:
        if not isinstance(row, str | tuple):
            parts.append(row)
            continue
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


def form_helper(form, *rows, submit_label=None) -> FormHelper:
    """The one layout of the case forms (crispy). With `submit_label` the form is a page of its own and
    crispy writes the <form> tag and its button; without, the page writes them around it."""
    helper = FormHelper(form)
    helper.attrs = {"novalidate": ""}  # the server says what is wrong, in the page's language
    helper.layout = _layout(form, *rows)
    if submit_label is None:
        helper.form_tag = False
        helper.disable_csrf = True
    else:
        helper.layout.append(Submit("submit", submit_label, css_class="btn-primary"))
    return helper


def not_in_future(day, message):
    if day is not None and day > timezone.localdate():
        raise ValidationError(message)
    return day


def date_input():
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def time_input():
    return forms.TimeInput(attrs={"type": "time"}, format="%H:%M")


class ToggleCheckboxes(forms.CheckboxSelectMultiple):
    """Checkboxes drawn as large toggle buttons (Bootstrap `btn-check`) for a thumb on a phone."""

    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "btn-check", "autocomplete": "off", **(attrs or {})}, choices)


class ToggleRadios(forms.RadioSelect):
    def __init__(self, attrs=None, choices=()):
        super().__init__({"class": "btn-check", "autocomplete": "off", **(attrs or {})}, choices)


TOGGLES = "cases/visit_toggle_buttons.html"
