from modeltranslation.translator import TranslationOptions, register

from .models import FundingSource, Programme, SpokenLanguage


@register(SpokenLanguage)
class SpokenLanguageTranslation(TranslationOptions):
    fields = ("name",)


@register(FundingSource)
class FundingSourceTranslation(TranslationOptions):
    fields = ("name",)


@register(Programme)
class ProgrammeTranslation(TranslationOptions):
    fields = ("name", "description")
