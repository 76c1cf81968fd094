"""What the case views share: the service-form page, the one path of a service's refusal to the
person, the buttons an episode's pages offer, and the safe `next` redirect. Who may see and do what is
asked of `mentors.access`."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView

from mentors.access import AccessDenied, Action, ScopedViewMixin, can

from ..services import ServiceError


def show_refusal(error: ValidationError, *, form=None, request=None) -> None:
    """The one path of a service's refusal (`ServiceError`, or `ContractMonthError` of the month locks)
    to the person: next to the field it concerns (or above the form) when there is a form to show
    again, else as messages on the next page. A refusal because the user may not act at all is not
    shown here: it stays a 403."""
    if isinstance(error, AccessDenied):
        raise error
    if form is not None:
        if hasattr(error, "error_dict"):
            for field, errors in error.error_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            form.add_error(None, error)
        return
    for message in error.messages:
        messages.error(request, message)


# The confirmation step of an action with consequences (`confirmation_page`): the form comes back with
# CONFIRMED to be done, or with CHANGE to be shown again as it was typed.
CONFIRMED = "confirmed"
CHANGE = "change"


def is_confirmed(request) -> bool:
    return request.POST.get(CONFIRMED) == "1"


def wants_change(request) -> bool:
    return CHANGE in request.POST


def confirmation_page(request, *, question, consequences: list, confirm_label, danger: bool = False):
    """The one confirmation step of an action with consequences, done by the server (no script): what
    will happen, and a button that sends the same form again, confirmed. "Change" sends it back to its
    form with what was typed. Views ask `is_confirmed(request)` before they act, `wants_change(request)`
    to show the form again."""
    fields = [
        (name, value)
        for name, values in request.POST.lists()
        if name not in ("csrfmiddlewaretoken", CONFIRMED, CHANGE)
        for value in values
    ]
    return render(
        request,
        "confirm.html",
        {
            "question": question,
            "consequences": consequences,
            "confirm_label": confirm_label,
            "danger": danger,
            "fields": fields,
            "action": request.get_full_path(),
        },
    )


class ServiceFormView(ScopedViewMixin, FormView):
    """A form page whose valid submission calls one service (`perform`); a refusal is shown on the
    form, with everything that was typed kept. Forms take `user=` to scope their choices.

    An action with consequences names them in `consequences(form)`: the valid form is then first shown
    for confirmation (`confirmation_page`), with `confirm_question` and `confirm_label`."""

    success_message = ""
    confirm_question = ""
    confirm_label = ""
    confirm_danger = False

    def consequences(self, form) -> list[str]:
        """What the action will do, in sentences the person reads before confirming; none: no step."""
        return []

    def get_form_kwargs(self):
        return super().get_form_kwargs() | {"user": self.request.user}

    def perform(self, form):
        raise NotImplementedError

    def form_valid(self, form):
        if wants_change(self.request):
            return self.render_to_response(self.get_context_data(form=form))
        consequences = self.consequences(form)
        if consequences and not is_confirmed(self.request):
            return confirmation_page(
                self.request,
                question=self.confirm_question,
                consequences=consequences,
                confirm_label=self.confirm_label,
                danger=self.confirm_danger,
            )
        try:
            self.result = self.perform(form)
        except ServiceError as error:
            show_refusal(error, form=form)
            return self.form_invalid(form)
        if self.success_message:
            messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.get_success_url())


class FilteredListMixin:
    """A list page sorted and filtered by its query string through `filter_form_class` (a
    `ListFilterForm`), a page of `paginate_by` rows at a time. `filtered(filters)` is the user's
    scoped list with the cleaned filters applied; `default_ordering` the order without `?sort=`. The
    template gets `filter_form`, `filters` and `sort` (for `{% sort_header %}` and
    `_filter_form.html`); the one pagination template `_pagination.html` keeps the query string."""

    filter_form_class = None
    paginate_by = 25
    default_ordering: tuple = ("pk",)

    def get_filter_form(self):
        return self.filter_form_class(self.request.GET)

    def get_default_ordering(self):
        return self.default_ordering

    def filtered(self, filters: dict):
        raise NotImplementedError

    def get_queryset(self):
        self.filter_form = self.get_filter_form()
        self.filters = self.filter_form.values(self.request)
        ordering = self.filter_form.ordering(self.filters["sort"], self.get_default_ordering())
        return self.filtered(self.filters).order_by(*ordering)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            filter_form=self.filter_form, filters=self.filters, sort=self.filters["sort"], **kwargs
        )


EPISODE_BUTTONS = {
    "manage": Action.MANAGE_EPISODE,  # end, reassign, extend, transfer
    "plan": Action.WRITE_PLAN,  # draw up and revise plans, add and edit goals
    "progress": Action.SET_GOAL_PROGRESS,
    "visit": Action.WRITE_VISIT,  # log, correct, delete visits
    "plan_contact": Action.PLAN_CONTACT,  # set the next planned contact
}


def episode_permissions(user, episode=None) -> dict[str, bool]:
    """Which buttons an episode's pages offer the user (for `episode`, or for any of their episodes)."""
    return {name: can(user, action, episode) for name, action in EPISODE_BUTTONS.items()}


def safe_next(request, fallback: str) -> str:
    next_url = request.POST.get("next") or request.GET.get("next")
    if next_url and url_has_allowed_host_and_scheme(next_url, {request.get_host()}, request.is_secure()):
        return next_url
    return fallback
