"""The read log: who opened whose record, when, from where. One place for every page that shows a
person's record and every download that names people.

Class-based pages mix in `LogsReads` (the record is `self.object` unless `read_record` says otherwise);
other views call `record_read(record, what=...)` once they have answered.
"""

from auditlog import get_logentry_model


def record_read(record, *, what: str = "") -> None:
    """Log that the current user read `record` (a client, an episode, a visit's notes, a plan) or
    downloaded `what` about it (a statement of `record`, a contract). The user and the address come from
    the request (`audit.middleware.AuditMiddleware`)."""
    LogEntry = get_logentry_model()
    LogEntry.objects.log_create(
        record,
        force_log=True,
        action=LogEntry.Action.ACCESS,
        changes=None,
        additional_data={"what": what} if what else None,
    )


class LogsReads:
    """A page that shows a person's record logs each time it is shown (a GET answered with 200)."""

    read_what = ""

    def read_record(self):
        return self.object

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if response.status_code == 200:
            record_read(self.read_record(), what=self.read_what)
        return response
