"""The bulk import of the providers' visit records (`manage.py import_visits`).

`visits_import` reads and checks the whole file first; any bad row rejects the whole file (nothing is
saved, every bad row is listed). A good file is written in one transaction by the import user, in bulk
— it is a legacy import, not a person's action — but by the rules the forms' services follow: a contact
is checked by the visit services' own check (`ContactDates`, holding the contract), a new episode's
limit is computed by `episode_limit_date`, and a new person's legal status is recorded by
`client_status_set`, so a row the visit form would refuse is a row error. Re-importing the same file
changes nothing: clients are found again by the provider's reference, episodes by client, programme
and start, and only contacts not yet recorded (per episode, day and length) are added.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import (
    Client,
    Episode,
    EpisodeContract,
    EpisodeEvent,
    ImportedClientRef,
    LegalStatusRecord,
    Visit,
    VisitAttendance,
)
from ..rules.limits import episode_limit_date
from ..rules.names import name_key
from .clients import client_status_set
from .errors import ServiceError
from .import_rows import ImportRow, RowError, check_rows, read_records
from .served import served_months_refresh
from .visit_months import visit_months_refresh_episodes
from .visits import ContactDates

IMPORT_USERNAME = "import"
# The import files do not say where a contact took place; legacy contacts are recorded as home visits.
IMPORTED_VISIT_PLACE = Visit.Place.HOME
VISIT_BATCH = 2000


class ImportRejected(Exception):
    """The file has bad rows: nothing was saved."""

    def __init__(self, errors: list[RowError]):
        self.errors = sorted(errors, key=lambda error: error.line)
        super().__init__("\n".join(str(error) for error in self.errors))


@dataclass
class ImportSummary:
    rows: int = 0
    clients_created: int = 0
    clients_found: int = 0
    references_added: int = 0
    episodes_created: int = 0
    episodes_ended: int = 0
    visits_created: int = 0
    residences_changed: int = 0
    dry_run: bool = False

    @property
    def changed_nothing(self) -> bool:
        return not (
            self.clients_created
            or self.references_added
            or self.episodes_created
            or self.episodes_ended
            or self.visits_created
            or self.residences_changed
        )


def import_user():
    """The system user that imported records are registered and logged by (cannot log in)."""
    user, created = get_user_model().objects.get_or_create(
        username=IMPORT_USERNAME, defaults={"first_name": "Import", "is_active": False}
    )
    if created:
        user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def visits_import(*, path: str | Path, by=None, dry_run: bool = False, today: datetime.date | None = None):
    """Import a visit file (docs/import-format.md); raise ImportRejected listing every bad row.

    Each contact is checked by the visit services' own rule (`ContactDates`: the episode's dates, its
    time limit, the contract's period and locked months, with the contract held as a visit write holds
    it), and a new person's legal status is recorded as registration records it (`client_status_set`).
    With `dry_run` everything is checked and written, then rolled back: the summary says what a real
    import would do.
    """
    today = today or timezone.localdate()
    rows, errors, count = check_rows(read_records(path), today=today)
    with transaction.atomic():
        plan = _ImportPlan(rows, today=today, by=by or import_user())
        errors += plan.errors
        if errors:
            raise ImportRejected(errors)
        summary = plan.write()
        summary.rows = count
        summary.dry_run = dry_run
        if dry_run:
            transaction.set_rollback(True)
    return summary


NEW, KNOWN = "new", "client"


class _ImportPlan:
    """What a checked file means for the database: who each row's person is (the clients, new ones
    built but not saved), which episodes exist (new ones built with their limit), which contacts are
    new and whether each may be recorded. Collects the errors only the database can reveal."""

    def __init__(self, rows: list[ImportRow], *, today: datetime.date, by):
        self.rows = rows
        self.today = today
        self.by = by
        self.errors: list[RowError] = []
        self._people()
        self._clients()
        self._episodes()
        self._visits()

    def error(self, row: ImportRow, message: str) -> None:
        self.errors.append(RowError(row.line, message))

    # -- Who is who ---------------------------------------------------------------------------

    def _people(self) -> None:
        self.groups = defaultdict(list)  # (provider id, client_ref) → rows
        for row in self.rows:
            self.groups[(row.provider.pk, row.client_ref)].append(row)
        for group in self.groups.values():
            for row in group[1:]:
                if row.person != group[0].person:
                    self.error(
                        row,
                        _("the person's details differ from line %(line)s with the same client_ref")
                        % {"line": group[0].line},
                    )

        refs = {key for key in self.groups}
        self.known_refs = {
            (provider_id, ref): client_id
            for provider_id, ref, client_id in ImportedClientRef.objects.filter(
                client_ref__in={ref for _, ref in refs}
            ).values_list("provider_id", "client_ref", "client_id")
            if (provider_id, ref) in refs
        }
        by_name = defaultdict(list)
        births = {group[0].date_of_birth for group in self.groups.values()}
        for pk, given, family, born in Client.objects.filter(date_of_birth__in=births).values_list(
            "pk", "given_name", "family_name", "date_of_birth"
        ):
            by_name[(given.casefold(), family.casefold(), born)].append(pk)

        self.person_of = {}  # group key → (KNOWN, client pk) or (NEW, number)
        self.new_people = {}  # (NEW, number) → the first row naming them
        new_by_name = {}
        for key, group in self.groups.items():
            first = group[0]
            if key in self.known_refs:
                person = (KNOWN, self.known_refs[key])
            elif len(by_name[first.name_and_birth]) > 1:
                self.error(first, _("several clients have this name and date of birth; give a client_ref"))
                continue
            elif by_name[first.name_and_birth]:
                person = (KNOWN, by_name[first.name_and_birth][0])
            elif first.name_and_birth in new_by_name:
                person = new_by_name[first.name_and_birth]
            else:
                person = (NEW, len(self.new_people))
                new_by_name[first.name_and_birth] = person
                self.new_people[person] = first
            self.person_of[key] = person

    def person(self, row: ImportRow):
        return self.person_of.get((row.provider.pk, row.client_ref))

    def _clients(self) -> None:
        """The known clients, and a new (unsaved) client for each new person with their legal status
        recorded by the registration's rule: an asylum seeker's decision date grants nothing."""
        self.clients = {
            (KNOWN, pk): client
            for pk, client in Client.objects.in_bulk(
                {pk for kind, pk in self.person_of.values() if kind == KNOWN}
            ).items()
        }
        self.status_records = []
        for person, row in self.new_people.items():
            client = Client(
                given_name=row.given_name,
                family_name=row.family_name,
                name_key=name_key(row.given_name, row.family_name),
                date_of_birth=row.date_of_birth,
                sex=row.sex,
                citizenship=row.citizenship,
                registered_by=self.by,
                registered_by_provider=row.provider,
            )
            try:
                record = client_status_set(
                    client, status=row.legal_status, decided_on=row.status_granted_on, by=self.by
                )
            except ServiceError as refusal:
                self.error(row, "status_granted_on: " + " ".join(refusal.messages))
            else:
                self.status_records.append(record)
            self.clients[person] = client

    # -- Episodes -----------------------------------------------------------------------------

    def _episodes(self) -> None:
        # An episode is identified by its client and start: its rows must agree on everything else.
        by_start = defaultdict(list)
        for row in self.rows:
            if self.person(row) is not None:
                by_start[(self.person(row), row.episode_start)].append(row)
        for episode_rows in by_start.values():
            for row in episode_rows[1:]:
                if row.episode_details != episode_rows[0].episode_details:
                    self.error(
                        row,
                        _(
                            "the episode's programme, provider, end, end reason or municipality differ "
                            "from line %(line)s (same client and episode_start)"
                        )
                        % {"line": episode_rows[0].line},
                    )
        self.episodes = defaultdict(list)  # (person, programme id, start) → rows
        for (person, start), episode_rows in by_start.items():
            for row in episode_rows:
                self.episodes[(person, row.programme.pk, start)].append(row)

        known_ids = {pk for kind, pk in self.person_of.values() if kind == KNOWN}
        self.recorded = {}  # episode key → the recorded episode
        self.latest_recorded_start = {}
        recorded_open = defaultdict(list)  # (person, programme id) → recorded open episode keys
        for episode in Episode.objects.filter(client_id__in=known_ids).select_related("contract"):
            person = (KNOWN, episode.client_id)
            key = (person, episode.programme_id, episode.started_on)
            self.recorded[key] = episode
            latest = self.latest_recorded_start.get(episode.client_id)
            self.latest_recorded_start[episode.client_id] = max(
                latest or episode.started_on, episode.started_on
            )
            if episode.status == Episode.Status.ACTIVE:
                recorded_open[(person, episode.programme_id)].append(key)

        self.to_create, self.to_end = {}, []  # new episodes (built, with their limit); recorded ones to end
        open_after = defaultdict(set)
        for key, episode_rows in self.episodes.items():
            first = episode_rows[0]
            recorded = self.recorded.get(key)
            if recorded is None:
                self.to_create[key] = self._new_episode(key, first)
                if first.episode_end is None:
                    open_after[key[:2]].add(key)
                continue
            if recorded.contract.provider_id != first.provider.pk:
                self.error(
                    first, _("this person's episode starting on that day is recorded under another provider")
                )
            elif recorded.status == Episode.Status.ENDED:
                ending = (first.episode_end, first.end_reason.pk if first.end_reason else None)
                if first.episode_end and ending != (recorded.ended_on, recorded.end_reason_id):
                    self.error(
                        first,
                        _("the episode is recorded as ended on %(day)s for another reason or day")
                        % {"day": recorded.ended_on.isoformat()},
                    )
            elif first.episode_end:
                recorded.status = Episode.Status.ENDED
                recorded.ended_on, recorded.end_reason = first.episode_end, first.end_reason
                self.to_end.append(key)
        for group_key, keys in recorded_open.items():
            open_after[group_key].update(key for key in keys if key not in self.to_end)
        for keys in open_after.values():
            if len(keys) > 1:
                for key in sorted(keys, key=lambda k: k[2]):
                    if key in self.episodes:
                        first = self.episodes[key][0]
                        self.error(
                            first,
                            _("the person would have more than one open %(programme)s episode")
                            % {"programme": first.programme.code},
                        )

    def _new_episode(self, key, row: ImportRow) -> Episode:
        """An episode the file opens, with its limit computed as `episode_open` computes it."""
        episode = Episode(
            client=self.clients[key[0]],
            programme=row.programme,
            contract=row.contract,
            intake_source=Episode.IntakeSource.IMPORT,
            started_on=row.episode_start,
            created_by=self.by,
        )
        if row.episode_end:
            episode.status = Episode.Status.ENDED
            episode.ended_on, episode.end_reason = row.episode_end, row.end_reason
        episode.limit_on = episode_limit_date(episode)
        return episode

    def episode(self, key) -> Episode:
        return self.to_create.get(key) or self.recorded[key]

    # -- Contacts -----------------------------------------------------------------------------

    def _visits(self) -> None:
        contacts = defaultdict(list)  # (episode key, day, minutes) → rows
        for key, episode_rows in self.episodes.items():
            for row in episode_rows:
                if row.visit_date:
                    contacts[(key, row.visit_date, row.duration_minutes)].append(row)
        recorded_ids = {self.recorded[key].pk: key for key in self.episodes if key in self.recorded}
        recorded_contacts = {
            (recorded_ids[row["episode_id"]], row["visited_on"], row["duration_minutes"]): row["n"]
            for row in Visit.objects.filter(episode_id__in=recorded_ids)
            .order_by()
            .values("episode_id", "visited_on", "duration_minutes")
            .annotate(n=Count("id"))
        }
        for key in self.to_end:
            end = self.episodes[key][0].episode_end
            if any(k[0] == key and k[1] > end for k in recorded_contacts):
                self.error(self.episodes[key][0], _("the episode has recorded visits after episode_end"))
        # The visit form's own check, contract held: a row it would refuse is a row error.
        dates = ContactDates(today=self.today)
        self.new_contacts = []
        for contact_key, rows in contacts.items():
            for row in rows[recorded_contacts.get(contact_key, 0) :]:
                refusal = dates.refusal(
                    row.visit_date, episode=self.episode(contact_key[0]), contract=row.visit_contract
                )
                if refusal:
                    self.error(
                        row,
                        _("visit_date %(day)s (contract %(contract)s): %(refusal)s")
                        % {
                            "day": row.visit_date.isoformat(),
                            "contract": row.visit_contract.number,
                            "refusal": refusal,
                        },
                    )
                self.new_contacts.append((contact_key[0], row))

    # -- Writing ------------------------------------------------------------------------------

    def write(self) -> ImportSummary:
        summary = ImportSummary()
        self._write_clients(summary)
        episodes = self._write_episodes(summary)
        self._write_visits(episodes, summary)
        visit_months_refresh_episodes(episodes[key] for key, _row in self.new_contacts)
        served_months_refresh(client.pk for client in self.clients.values())
        return summary

    def _latest_episode_rows(self):
        """Per person, the first row of their latest episode in the file: where they live now."""
        latest = {}
        for (person, _programme, start), episode_rows in self.episodes.items():
            if person not in latest or start > latest[person].episode_start:
                latest[person] = episode_rows[0]
        return latest

    def _write_clients(self, summary: ImportSummary) -> None:
        latest = self._latest_episode_rows()
        new_clients = [client for person, client in self.clients.items() if person[0] == NEW]
        for person in self.new_people:
            self.clients[person].residence_municipality = latest[person].municipality
        Client.objects.bulk_create(new_clients)
        LegalStatusRecord.objects.bulk_create(self.status_records)
        summary.clients_created, summary.clients_found = (
            len(new_clients),
            len(self.clients) - len(new_clients),
        )

        for person, client in self.clients.items():
            row = latest.get(person)
            if person[0] != KNOWN or row is None:
                continue
            recorded_start = self.latest_recorded_start.get(client.pk)
            moved = recorded_start is None or row.episode_start > recorded_start
            if moved and client.residence_municipality_id != row.municipality.pk:
                client.residence_municipality = row.municipality
                client.save(update_fields=["residence_municipality", "updated_at"])
                summary.residences_changed += 1

        references = [
            ImportedClientRef(
                provider_id=provider_id,
                client_ref=ref,
                client=self.clients[self.person_of[(provider_id, ref)]],
            )
            for provider_id, ref in self.groups
            if (provider_id, ref) not in self.known_refs
        ]
        ImportedClientRef.objects.bulk_create(references)
        summary.references_added = len(references)

    def _write_episodes(self, summary: ImportSummary) -> dict:
        """Create the new episodes, end the recorded ones the file ends; → {episode key: episode id}."""
        created = self.to_create
        Episode.objects.bulk_create(created.values())
        EpisodeContract.objects.bulk_create(
            EpisodeContract(episode=episode, contract=episode.contract, from_on=episode.started_on)
            for episode in created.values()
        )
        events = []
        for episode in created.values():
            events.append(
                EpisodeEvent(
                    episode=episode,
                    kind=EpisodeEvent.Kind.OPENED,
                    to_value=str(episode.contract),
                    by=self.by,
                    note=_("imported"),
                )
            )
            if episode.status == Episode.Status.ENDED:
                events.append(
                    EpisodeEvent(
                        episode=episode,
                        kind=EpisodeEvent.Kind.ENDED,
                        to_value=episode.end_reason.code,
                        by=self.by,
                        note=_("imported"),
                    )
                )
        for key in self.to_end:
            episode = self.recorded[key]  # its end was set when the file was checked
            episode.save(update_fields=["status", "ended_on", "end_reason", "updated_at"])
            events.append(
                EpisodeEvent(
                    episode=episode,
                    kind=EpisodeEvent.Kind.ENDED,
                    from_value=Episode.Status.ACTIVE,
                    to_value=episode.end_reason.code,
                    by=self.by,
                    note=_("imported"),
                )
            )
        EpisodeEvent.objects.bulk_create(events)
        summary.episodes_created, summary.episodes_ended = len(created), len(self.to_end)
        return {key: self.episode(key).pk for key in self.episodes}

    def _write_visits(self, episodes: dict, summary: ImportSummary) -> None:
        """The new contacts, a batch at a time (a file may hold a hundred thousand)."""
        for first in range(0, len(self.new_contacts), VISIT_BATCH):
            batch = self.new_contacts[first : first + VISIT_BATCH]
            visits = Visit.objects.bulk_create(
                Visit(
                    episode_id=episodes[episode_key],
                    contract=row.visit_contract,
                    visited_on=row.visit_date,
                    duration_minutes=row.duration_minutes,
                    place=IMPORTED_VISIT_PLACE,
                    logged_by=self.by,
                )
                for episode_key, row in batch
            )
            VisitAttendance.objects.bulk_create(
                VisitAttendance(visit=visit, client=self.clients[episode_key[0]])
                for visit, (episode_key, _row) in zip(visits, batch, strict=True)
            )
            Visit.activities.through.objects.bulk_create(
                Visit.activities.through(visit_id=visit.pk, activity_id=activity.pk)
                for visit, (_key, row) in zip(visits, batch, strict=True)
                for activity in row.activities
            )
        summary.visits_created = len(self.new_contacts)
