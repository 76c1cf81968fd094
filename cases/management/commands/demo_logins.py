from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cases import demo


class Command(BaseCommand):
    help = "Print the demo logins created by generate_demo_data."

    def add_arguments(self, parser):
        parser.add_argument("--url", default="http://127.0.0.1:8000/", help="Where the app is served.")

    def handle(self, *args, url, **options):
        existing = set(
            get_user_model()
            .objects.filter(username__in=[username for username, _role, _where in demo.DEMO_LOGINS])
            .values_list("username", flat=True)
        )
        self.stdout.write("")
        self.stdout.write(
            _("Demo logins (password for all: %(password)s):") % {"password": demo.DEMO_PASSWORD}
        )
        for username, role, where in demo.DEMO_LOGINS:
            if username in existing:
                self.stdout.write(f"  {username:22} {role}, {where}" if where else f"  {username:22} {role}")
        self.stdout.write(_("Open %(url)s in a browser.") % {"url": url})
        self.stdout.write("")
