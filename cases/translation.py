from modeltranslation.translator import TranslationOptions, register

from .models import Activity, EndReason, GoalArea, LegalStatus


@register(LegalStatus)
@register(Activity)
@register(GoalArea)
@register(EndReason)
class ReferenceDataTranslation(TranslationOptions):
    fields = ("name",)
