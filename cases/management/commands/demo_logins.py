from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cases import demo


class Command(BaseCommand):
    help = "Print the demo logins created by generate_demo_data."

    def handle(self, *args, **options):
        existing = set(
            get_user_model()
            .objects.filter(username__in=[u for u, _role in demo.DEMO_LOGINS])
            .values_list("username", flat=True)
        )
        self.stdout.write("")
        self.stdout.write(
            _("Demo logins (password for all: %(password)s):") % {"password": demo.DEMO_PASSWORD}
        )
        for username, description in demo.DEMO_LOGINS:
            if username in existing:
                self.stdout.write(f"  {username:22} {description}")
        self.stdout.write(_("Open http://127.0.0.1:8000/ in a browser."))
        self.stdout.write("")
