"""Link each goal of a revised plan to the goal of the previous version it was copied from (same area
and text), so that the versions drawn up before goals remembered their origin compare too."""

from django.db import migrations


def link_copied_goals(apps, schema_editor):
    InclusionPlan = apps.get_model("cases", "InclusionPlan")
    PlanGoal = apps.get_model("cases", "PlanGoal")
    revised = InclusionPlan.objects.filter(version__gt=1).values_list("pk", "episode_id", "version")
    for plan_id, episode_id, version in revised.iterator():
        previous = InclusionPlan.objects.filter(episode_id=episode_id, version=version - 1).first()
        if previous is None:
            continue
        earlier = {}
        for goal in PlanGoal.objects.filter(plan_id=previous.pk).order_by("pk"):
            earlier.setdefault((goal.area_id, goal.description), []).append(goal.pk)
        for goal in PlanGoal.objects.filter(plan_id=plan_id, copied_from__isnull=True).order_by("pk"):
            candidates = earlier.get((goal.area_id, goal.description))
            if candidates:
                PlanGoal.objects.filter(pk=goal.pk).update(copied_from_id=candidates.pop(0))


class Migration(migrations.Migration):
    dependencies = [("cases", "0012_plan_assessment_steps_agreement")]

    operations = [migrations.RunPython(link_copied_goals, migrations.RunPython.noop)]
