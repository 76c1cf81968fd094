"""Writing a chunk of planned units in bulk, and locking statement months."""

import datetime

from django.core.management.color import no_style

from cases.models import (
    Client,
    Consent,
    Episode,
    EpisodeContract,
    EpisodeEvent,
    EpisodeExtension,
    Handover,
    Household,
    InclusionPlan,
    LegalStatusRecord,
    PlanAssessment,
    PlanGoal,
    PlanStep,
    Referral,
    ReferralEvent,
    Visit,
)
from cases.rules.limits import add_months
from cases.rules.names import person_name_key
from mentors.models import (
    ContractMonth,
    ContractMonthEvent,
    ContractMonthShare,
)
from mentors.payments import payments_freeze

from .contacts import home_address, planned_contact
from .parameters import BATCH_SIZE, LOCK_NOTE, UA
from .records import _contract_history, _moment, _Rows


class _ChunkWriter:
    def write(self, units: list):
        self._write_clients(units)
        self._write_episodes(units)
        self._write_referrals(units)
        self._write_plans_and_visits(units)

    def _write_clients(self, units):
        households = {}
        for unit in units:
            if len(unit.people) > 1:
                at = _moment(unit.registered_on, 10)
                households[id(unit)] = Household(created_at=at, updated_at=at)
        Household.objects.bulk_create(households.values(), batch_size=BATCH_SIZE)
        clients, people = [], []
        municipality_codes = {m.pk: code for code, m in self.municipalities.items()}
        for unit in units:
            at = _moment(unit.registered_on, 10)
            household = households.get(id(unit))
            # A household lives together; people in an accommodation centre have the centre's address.
            street, locality = (
                ("", "")
                if unit.centre_id or unit.municipality_id is None
                else home_address(
                    municipality_codes[unit.municipality_id],
                    key=f"{unit.people[0].names} {unit.people[0].date_of_birth}",
                )
            )
            for person in unit.people:
                if person.personal_code == "" and (
                    (unit.group == "UA" and self.rng.random() < 0.65)
                    or (unit.granted_on and self.rng.random() < 0.7)
                ):
                    person.personal_code = self._personal_code()
                given, family, given_original, family_original = person.names
                client = Client(
                    given_name=given,
                    family_name=family,
                    given_name_original=given_original,
                    family_name_original=family_original,
                    date_of_birth=person.date_of_birth,
                    sex=person.sex,
                    citizenship=person.country,
                    preferred_language_id=self.languages.get(person.preferred_language),
                    phone=person.phone,
                    street_address=street,
                    locality=locality,
                    personal_code=person.personal_code,
                    id_document=person.id_document,
                    residence_municipality_id=unit.municipality_id,
                    accommodation_centre_id=unit.centre_id,
                    household_id=household.pk if household else None,
                    household_relation=person.relation if household else "",
                    legal_status_id=self.statuses[unit.legal_status],
                    status_granted_on=unit.granted_on,
                    registered_by_id=unit.registered_by,
                    registered_by_provider_id=unit.registered_by_provider_id,
                    created_at=at,
                    updated_at=at,
                )
                client.name_key = person_name_key(client)
                clients.append(client)
                people.append(person)
        Client.objects.bulk_create(clients, batch_size=BATCH_SIZE)
        for person, client in zip(people, clients, strict=True):
            person.pk = client.pk
        spoken = Client.languages.through
        spoken.objects.bulk_create(
            [
                spoken(client_id=person.pk, spokenlanguage_id=self.languages[code])
                for person in people
                for code in person.languages
                if code in self.languages
            ],
            batch_size=BATCH_SIZE,
        )
        records, consents = [], []
        for unit in units:
            for person in unit.people:
                for status, decided_on, by, recorded_on in unit.status_history:
                    records.append(
                        LegalStatusRecord(
                            client_id=person.pk,
                            status_id=self.statuses[status],
                            decided_on=decided_on,
                            recorded_by_id=by,
                            recorded_at=_moment(recorded_on, 11),
                        )
                    )
                # Adults consent for themselves; a parent consents for the children on the same day.
                consents.append(
                    Consent(
                        client_id=person.pk,
                        given_on=unit.registered_on,
                        scope=unit.consent_scope,
                        recorded_by_id=unit.registered_by,
                        recorded_at=_moment(unit.registered_on, 11),
                        withdrawn_on=unit.consent_withdrawn_on,
                    )
                )
        LegalStatusRecord.objects.bulk_create(records, batch_size=BATCH_SIZE)
        Consent.objects.bulk_create(consents, batch_size=BATCH_SIZE)
        self.summary["clients"] += len(clients)
        self.summary["households"] += len(households)

    def _write_episodes(self, units):
        plans, episodes = [], []
        for unit in units:
            for plan in unit.episodes:
                tail = plan.segments[-1]
                closed = plan.ended_on is not None
                touched = plan.events[-1][4]
                next_on, next_at, next_note = (
                    (None, None, "")
                    if closed
                    else planned_contact(
                        self.today,
                        number=self._open_episodes_written,
                        key=f"{unit.head.names} {plan.started_on} {plan.programme}",
                    )
                )
                self._open_episodes_written += 0 if closed else 1
                episodes.append(
                    Episode(
                        client_id=unit.head.pk,
                        programme_id=self.programmes[plan.programme].pk,
                        contract_id=tail.contract.pk,
                        mentor_id=tail.mentor.pk,
                        social_worker_id=tail.mentor.social_worker.pk if plan.programme != UA else None,
                        intake_source=plan.intake_source,
                        status=Episode.Status.ENDED if closed else Episode.Status.ACTIVE,
                        started_on=plan.started_on,
                        ended_on=plan.ended_on,
                        end_reason_id=self.end_reasons[plan.end_reason] if closed else None,
                        closing_summary=plan.closing_summary,
                        limit_on=plan.limit_on,
                        next_contact_on=next_on,
                        next_contact_at=next_at,
                        next_contact_note=next_note,
                        created_by_id=plan.created_by,
                        created_at=plan.events[0][4],
                        updated_at=touched,
                    )
                )
                plans.append(plan)
        Episode.objects.bulk_create(episodes, batch_size=BATCH_SIZE)
        events, extensions, handed_over, history = [], [], [], []
        for plan, episode in zip(plans, episodes, strict=True):
            plan.pk = episode.pk
            history += _contract_history(episode.pk, plan)
            for kind, before, after, by, at, note in plan.events:
                events.append(
                    EpisodeEvent(
                        episode_id=episode.pk,
                        kind=kind,
                        from_value=before,
                        to_value=after,
                        by_id=by,
                        at=at,
                        note=note,
                    )
                )
            if plan.extension:
                length, reason, requested_by, approved_by, approved_on = plan.extension
                extensions.append(
                    EpisodeExtension(
                        episode_id=episode.pk,
                        length=length,
                        reason=reason,
                        requested_by_id=requested_by,
                        approved_by_id=approved_by,
                        approved_on=approved_on,
                        created_at=_moment(approved_on, 12),
                    )
                )
            if plan.handed_over and self.handover:
                handed_over.append(
                    Handover.episodes.through(handover_id=self.handover.pk, episode_id=episode.pk)
                )
        EpisodeEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
        EpisodeContract.objects.bulk_create(history, batch_size=BATCH_SIZE)
        EpisodeExtension.objects.bulk_create(extensions, batch_size=BATCH_SIZE)
        Handover.episodes.through.objects.bulk_create(handed_over, batch_size=BATCH_SIZE)
        self.summary["episodes"] += len(episodes)

    def _write_referrals(self, units):
        plans, referrals = [], []
        for unit in units:
            for plan in unit.referrals:
                referrals.append(
                    Referral(
                        client_id=unit.head.pk,
                        programme_id=self.programmes[plan.contract.programme].pk,
                        municipality_id=plan.municipality_id,
                        provider_id=plan.contract.provider_id,
                        contract_id=plan.contract.pk,
                        filed_by_id=plan.filed_by,
                        status=plan.status,
                        needs_text=plan.needs_text,
                        urgency=plan.urgency,
                        contact_language_id=self.languages.get(unit.head.preferred_language),
                        notes_for_provider=plan.notes_for_provider,
                        submitted_at=plan.submitted_at,
                        decided_at=plan.decided_at,
                        decided_by_id=plan.decided_by,
                        return_reason=plan.return_reason,
                        episode_id=plan.episode.pk if plan.episode else None,
                        created_at=plan.submitted_at,
                        updated_at=plan.events[-1][3],
                    )
                )
                plans.append(plan)
        Referral.objects.bulk_create(referrals, batch_size=BATCH_SIZE)
        events, needs = [], []
        needs_model = Referral.needs_areas.through
        for plan, referral in zip(plans, referrals, strict=True):
            for before, after, by, at, note in plan.events:
                events.append(
                    ReferralEvent(
                        referral_id=referral.pk,
                        from_status=before,
                        to_status=after,
                        by_id=by,
                        at=at,
                        note=note,
                    )
                )
            needs.extend(
                needs_model(referral_id=referral.pk, goalarea_id=self.goal_areas[a]) for a in plan.needs_areas
            )
        ReferralEvent.objects.bulk_create(events, batch_size=BATCH_SIZE)
        needs_model.objects.bulk_create(needs, batch_size=BATCH_SIZE)
        self.summary["referrals"] += len(referrals)

    def _write_plans_and_visits(self, units):
        versions_of = {}
        plans, goals = [], []
        for unit in units:
            for episode in unit.episodes:
                if episode.with_plan:
                    versions = self._plan_versions(unit, episode)
                    versions_of[id(episode)] = versions
                    for _drawn_on, plan, plan_goals in versions:
                        plans.append(plan)
                        goals.append((plan, plan_goals))
        InclusionPlan.objects.bulk_create(plans, batch_size=BATCH_SIZE)
        assessments, first_goals, copied_goals = [], [], []
        for plan, plan_goals in goals:
            for row in plan.demo_assessments:
                row.plan_id = plan.pk
                assessments.append(row)
            for goal in plan_goals:
                goal.plan_id = plan.pk
                (first_goals if goal.demo_copied_from is None else copied_goals).append(goal)
        PlanAssessment.objects.bulk_create(assessments, batch_size=BATCH_SIZE)
        PlanGoal.objects.bulk_create(first_goals, batch_size=BATCH_SIZE)
        for goal in copied_goals:  # the goal it was copied from has its key now
            goal.copied_from_id = goal.demo_copied_from.pk
        PlanGoal.objects.bulk_create(copied_goals, batch_size=BATCH_SIZE)
        steps = []
        for _plan, plan_goals in goals:
            for goal in plan_goals:
                for step in goal.demo_steps:
                    step.goal_id = goal.pk
                    steps.append(step)
        PlanStep.objects.bulk_create(steps, batch_size=BATCH_SIZE)

        rows = _Rows()
        for unit in units:
            for episode in unit.episodes:
                self._visits(unit, episode, versions_of.get(id(episode), []), rows)
        self.visit_table.write(rows.visits)
        self.visit_activity_table.write(rows.visit_activities)
        self.visit_goal_table.write(rows.visit_goals)
        self.attendance_table.write(rows.attendance)
        self.summary["visits"] += len(rows.visits)

    def finish_visits(self):
        """Move the visit id sequence past the ids given here (PostgreSQL; SQLite keeps up itself)."""
        connection = self.visit_table.connection
        statements = connection.ops.sequence_reset_sql(no_style(), [Visit])
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)

    def lock_statement_months(self):
        """Lock every month of the contracts that have ended and, for running ones, every month whose
        statement is older than two months, each with its payment frozen (from the served months
        table, built first) and an event by the fund."""
        rng, today = self.rng, self.today
        cutoff = add_months(today, -2)
        months, locked_at = [], []
        for contract in sorted(self.contracts.values(), key=lambda c: c.pk):
            month = contract.first_day.replace(day=1)
            while month <= min(contract.last_day, today):
                month_end = add_months(month, 1) - datetime.timedelta(days=1)
                if contract.last_day < today or month_end < cutoff:
                    day = min(today, month_end + datetime.timedelta(days=rng.randint(8, 20)))
                    at = self._at(day, 10, 16)
                    months.append(
                        ContractMonth(
                            contract_id=contract.pk,
                            month=month,
                            status=ContractMonth.Status.LOCKED,
                            created_at=at,
                            updated_at=at,
                        )
                    )
                    locked_at.append(at)
                month = add_months(month, 1)
        shares = payments_freeze(months)
        ContractMonth.objects.bulk_create(months, batch_size=BATCH_SIZE)
        ContractMonthShare.objects.bulk_create(shares, batch_size=BATCH_SIZE)
        ContractMonthEvent.objects.bulk_create(
            [
                ContractMonthEvent(
                    contract_month_id=month.pk,
                    from_status=ContractMonth.Status.OPEN,
                    to_status=ContractMonth.Status.LOCKED,
                    by_id=self.fund_user_id,
                    at=at,
                    note=LOCK_NOTE,
                    served=month.served,
                    rate_eur=month.rate_eur,
                    payable_eur=month.payable_eur,
                )
                for month, at in zip(months, locked_at, strict=True)
            ],
            batch_size=BATCH_SIZE,
        )
        self.summary["locked_months"] = len(months)
