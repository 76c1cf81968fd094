"""Give every existing episode its contract history: from its start under the contract it began with,
then one step per recorded handover. Transfers made before this history existed are not dated in a
form that can be read back; such an episode's last stretch is put under its current contract."""

import datetime

from django.db import migrations

BATCH = 2000


def fill(apps, schema_editor):
    Episode = apps.get_model("cases", "Episode")  # noqa: N806
    EpisodeContract = apps.get_model("cases", "EpisodeContract")  # noqa: N806
    Handover = apps.get_model("cases", "Handover")  # noqa: N806
    handovers = {}
    for handover in Handover.objects.order_by("handed_over_on", "pk"):
        for episode_id in handover.episodes.values_list("pk", flat=True):
            handovers.setdefault(episode_id, []).append(handover)
    rows = []
    for episode in Episode.objects.order_by("pk").iterator(chunk_size=BATCH):
        moves = handovers.get(episode.pk, [])
        spells = [[moves[0].from_contract_id if moves else episode.contract_id, episode.started_on, None]]
        for handover in moves:
            if handover.handed_over_on <= spells[-1][1]:
                spells[-1][0] = handover.to_contract_id
            else:
                spells[-1][2] = handover.handed_over_on - datetime.timedelta(days=1)
                spells.append([handover.to_contract_id, handover.handed_over_on, None])
        spells[-1][0] = episode.contract_id
        rows += [
            EpisodeContract(episode_id=episode.pk, contract_id=contract, from_on=start, until_on=until)
            for contract, start, until in spells
        ]
        if len(rows) >= BATCH:
            EpisodeContract.objects.bulk_create(rows)
            rows = []
    EpisodeContract.objects.bulk_create(rows)


def empty(apps, schema_editor):
    apps.get_model("cases", "EpisodeContract").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0005_episode_contract")]

    operations = [migrations.RunPython(fill, empty)]
