from modeltranslation.translator import TranslationOptions, register

from .models import AccommodationCentre, Municipality, PlanningRegion, SocialService


@register(PlanningRegion)
class PlanningRegionTranslation(TranslationOptions):
    fields = ("name",)


@register(Municipality)
class MunicipalityTranslation(TranslationOptions):
    fields = ("name",)


@register(SocialService)
class SocialServiceTranslation(TranslationOptions):
    fields = ("name",)


@register(AccommodationCentre)
class AccommodationCentreTranslation(TranslationOptions):
    fields = ("name",)
