"""The notification list and the unread count the bell in the header asks for. These pages sit above
`cases` (pyproject.toml's layers): they show what is about a person only to who may still see them."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import Q
from django.http import JsonResponse
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from cases.models import Client

from .models import Notification
from .services import notifications_mark_read


def visible_notifications(user):
    """The person's notifications that they may still read: those about no client, and those about a
    client they may still see. Access follows the need (`mentors.access`): once a referral is withdrawn,
    or a mentor's episode ended long enough ago, its notifications leave the list and the count."""
    visible_clients = Client.objects.for_user(user).values("pk")
    return Notification.objects.for_user(user).filter(
        Q(client_id__isnull=True) | Q(client_id__in=visible_clients)
    )


def bell_label(count: int) -> str:
    return ngettext("%(count)d unread notification", "%(count)d unread notifications", count) % {
        "count": count
    }


class NotificationListView(LoginRequiredMixin, ListView):
    """The person's notifications, newest first; opening the page marks those shown read (each keeps
    its "new" mark on this showing)."""

    template_name = "notifications/notification_list.html"
    context_object_name = "notifications"
    paginate_by = 25

    def get_queryset(self):
        return visible_notifications(self.request.user)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        shown = list(context["notifications"])
        context["notifications"] = shown
        unread = [notification for notification in shown if notification.read_at is None]
        if unread:
            notifications_mark_read(user=self.request.user, notifications=unread)
        return context


@require_GET
@login_required
def unread_count(request):
    """`{"unread": n, "label": "n unread notifications"}` for the bell (polled by static/js/bell.js)."""
    count = visible_notifications(request.user).unread().count()
    return JsonResponse(
        {"unread": count, "label": bell_label(count), "poll_seconds": settings.NOTIFICATION_POLL_SECONDS}
    )
