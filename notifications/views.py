"""The notification list and the unread count the bell in the header asks for."""

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import JsonResponse
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET
from django.views.generic import ListView

from .models import Notification
from .services import notifications_mark_read


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
        return Notification.objects.for_user(self.request.user)

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
    count = Notification.objects.for_user(request.user).unread().count()
    return JsonResponse(
        {"unread": count, "label": bell_label(count), "poll_seconds": settings.NOTIFICATION_POLL_SECONDS}
    )
