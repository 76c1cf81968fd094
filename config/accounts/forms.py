from django import forms
from django.conf import settings
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from .models import Preferences


class CodeForm(forms.Form):
    """One code: from the authenticator app, or (on the code page) one of the recovery codes."""

    code = forms.CharField(
        label=_("Code"),
        max_length=32,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True, "spellcheck": "false"}
        ),
    )

    def __init__(self, *args, recovery: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = (
            _("The six digits your authenticator app shows now, or one of your recovery codes.")
            if recovery
            else _("The six digits the app shows for Atbalsts.")
        )


class LanguageSelect(forms.Select):
    """Each language by its own name, marked as that language (`lang`), as in the page header's menu:
    "English" is read as English, not as a Latvian word."""

    def create_option(self, name, value, *args, **kwargs):
        option = super().create_option(name, value, *args, **kwargs)
        if value:
            option["attrs"]["lang"] = value
        return option


class PreferencesForm(forms.ModelForm):
    """The person's own settings: the interface language (notifications and e-mails follow it) and
    how notifications come by e-mail."""

    class Meta:
        model = Preferences
        fields = ["language", "email"]
        widgets = {"email": forms.RadioSelect, "language": LanguageSelect}
        help_texts = {"language": _("The application, your notifications and their e-mails use it.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, get_language_info(code)["name_local"].capitalize()) for code, _name in settings.LANGUAGES
        ]
