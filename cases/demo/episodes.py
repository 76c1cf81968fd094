"""Planning an episode: its limit, end, mentor, plan versions and visits."""

import datetime
import itertools

from cases.models import (
    Episode,
    InclusionPlan,
    PlanAssessment,
    PlanGoal,
    PlanStep,
)
from cases.rules.limits import limit_date

from .parameters import (
    ACTIVITY_WEIGHTS,
    AS_VISITS_PER_MONTH,
    CLOSING_SUMMARIES,
    END_DAYS,
    END_WEIGHTS,
    ESF,
    ESF_ENDED_SUMMARY,
    FORCED_END_REASONS,
    GOAL_AREA_WEIGHTS,
    GOAL_TEXTS,
    HANDOVER_NOTE,
    MINUTES,
    PLACE_WEIGHTS,
    REVISION_REASONS,
    SITUATION_TEXTS,
    STEP_OTHERS,
    STEP_TEXTS,
    UA,
    UA_VISITS_PER_60_DAYS,
    VISIT_NOTES,
)
from .records import _Contract, _cumulative, _EpisodePlan, _moment, _Rows, _Segment, _Staff


class _EpisodePlanner:
    def _limit(self, programme, start, granted_on, extended=None):
        rule = self.programmes[programme]
        return limit_date(
            unit=rule.limit_unit,
            length=rule.limit_length,
            anchor=rule.limit_anchor,
            started_on=start,
            status_granted_on=granted_on,
            extensions=[extended] if extended else [],
        )

    def _natural_end(self, programme, start, limit, *, status_holder: bool):
        """How and when the episode ends if nothing else intervenes (None: still open, past its limit
        or, for a person served now, within it)."""
        rng, today = self.rng, self.today
        if self.forcing_open:
            return None, None
        if programme == UA:
            weights, days = END_WEIGHTS[UA], END_DAYS[UA]
        else:
            weights = dict(END_WEIGHTS["status" if status_holder else "seeker"])
            days = END_DAYS["AS"]
            if limit is None:
                weights.pop("limit_reached", None)
            elif "limit_reached" not in weights:
                weights["limit_reached"] = 10
        reason = self._pick(weights)
        if reason == "limit_reached":
            if limit < today and (today - limit).days <= 45 and rng.random() < 0.3:
                return None, None  # the coordinator has not closed it yet
            return reason, limit + datetime.timedelta(days=rng.randint(0, 7 if programme == UA else 10))
        low, high = days[reason]
        end = start + datetime.timedelta(days=rng.randint(low, high))
        if limit and end > limit + datetime.timedelta(days=10):
            return "limit_reached", limit + datetime.timedelta(days=rng.randint(0, 10))
        return reason, end

    def _free_mentor(self, contract: _Contract) -> _Staff | None:
        free = [m for m in contract.mentors if m.open_episodes < m.max_caseload]
        if not free:
            return None
        mentor = min(free, key=lambda m: m.open_episodes)
        mentor.open_episodes += 1
        return mentor

    def _episode(
        self, unit, programme, chain, start, *, end, reason, limit, intake, created_by, note=""
    ) -> _EpisodePlan:
        """Clamp the episode to its contracts, give it mentors (respecting caseloads for open ones),
        split it where the contract or the mentor changed, and write its event history."""
        rng, today = self.rng, self.today
        last_day = chain[-1].last_day
        continues = False
        if (end is None and today > last_day) or (end and end > last_day):
            end = last_day
            continues = programme == ESF
            reason = "transferred" if continues else "other"
        running_to = today if end is None or end > today else end
        final = chain[1] if len(chain) == 2 and running_to > chain[0].last_day else chain[0]
        mentor = None
        if end is None or end > today:
            mentor = self._free_mentor(final)
            if mentor is None:  # every mentor is full: the episode ended earlier instead
                span = (today - start).days
                end = start + datetime.timedelta(days=rng.randint(min(14, span), span))
                reason = rng.choice(FORCED_END_REASONS)
                running_to = end
                final = chain[1] if len(chain) == 2 and end > chain[0].last_day else chain[0]
            else:
                end = reason = None
        mentor = mentor or rng.choice(final.mentors)

        segments = []
        if final is not chain[0]:
            segments.append(_Segment(start, chain[0].last_day, chain[0], rng.choice(chain[0].mentors)))
            segments.append(_Segment(final.first_day, end, final, mentor))
        else:
            segments.append(_Segment(start, end, final, mentor))
        tail = segments[-1]
        span = (running_to - tail.starts_on).days
        if span > 180 and len(final.mentors) > 1 and rng.random() < 0.1:
            split = tail.starts_on + datetime.timedelta(days=rng.randint(60, span - 30))
            earlier = rng.choice([m for m in final.mentors if m is not mentor])
            segments[-1:] = [
                _Segment(tail.starts_on, split - datetime.timedelta(days=1), final, earlier),
                _Segment(split, end, final, mentor),
            ]
        first_mentor = segments[0].mentor
        if created_by is None:
            created_by = first_mentor.social_worker.user_id
        episode = _EpisodePlan(
            programme=programme,
            started_on=start,
            ended_on=end,
            end_reason=reason,
            limit_on=limit,
            intake_source=intake,
            created_by=created_by,
            segments=segments,
            continues_elsewhere=continues,
            handed_over=final is not chain[0],
        )
        events = episode.events
        # As `episode_open` records it: the contract the episode opens under.
        events.append(("opened", "", segments[0].contract.label, created_by, self._at(start, 9, 12), note))
        for before, after in itertools.pairwise(segments):
            if before.contract is not after.contract:
                at = _moment(after.starts_on, 9)
                events.append(
                    (
                        "handed_over",
                        before.contract.number,
                        after.contract.number,
                        self.fund_user_id,
                        at,
                        HANDOVER_NOTE,
                    )
                )
                by = after.contract.coordinator_user_id
                events.append(
                    (
                        "mentor_changed",
                        before.mentor.name,
                        after.mentor.name,
                        by,
                        _moment(after.starts_on, 10),
                        "",
                    )
                )
            else:
                by = after.contract.coordinator_user_id
                events.append(
                    (
                        "mentor_changed",
                        before.mentor.name,
                        after.mentor.name,
                        by,
                        self._at(after.starts_on),
                        "",
                    )
                )
        if end:
            summary = ESF_ENDED_SUMMARY if continues and self.osa else CLOSING_SUMMARIES[reason]
            episode.closing_summary = summary
            by = final.coordinator_user_id if programme == UA else mentor.social_worker.user_id
            events.append(
                ("ended", Episode.Status.ACTIVE, Episode.Status.ENDED, by, _moment(end, 17), summary)
            )
        unit.episodes.append(episode)
        return episode

    def _areas(self, programme, count, *, children: bool) -> list:
        weights = dict(GOAL_AREA_WEIGHTS[UA if programme == UA else "AS"])
        if not children:
            weights.pop("education")
        chosen = []
        while len(chosen) < min(count, len(weights)):
            area = self._pick(weights)
            weights.pop(area)
            chosen.append(area)
        return chosen

    def _segment_on(self, episode, day) -> _Segment:
        for segment in episode.segments:
            if segment.ends_on is None or day <= segment.ends_on:
                return segment
        return episode.segments[-1]

    def _plan_versions(self, unit, episode) -> list:
        """[(drawn on, InclusionPlan, [PlanGoal])], oldest first; plan and goal rows wait for their
        keys. Each plan carries `demo_assessments` and each goal `demo_steps` (rows written after
        them); a goal of a revised version its `demo_copied_from`, the goal of the version before."""
        rng, today = self.rng, self.today
        horizon = min(episode.ended_on or today, today)
        dates = [min(horizon, episode.started_on + datetime.timedelta(days=rng.randint(3, 21)))]
        if episode.programme != UA and (horizon - dates[0]).days > 120 and rng.random() < 0.3:
            dates.append(
                dates[0] + datetime.timedelta(days=rng.randint(60, min(240, (horizon - dates[0]).days)))
            )
        children = len(unit.people) > 1
        language = unit.head.preferred_language
        versions = []
        previous = []
        for number, drawn_on in enumerate(dates, 1):
            current = number == len(dates)
            until = horizon if current else dates[number]
            segment = self._segment_on(episode, drawn_on)
            author = (
                segment.mentor.user_id if episode.programme == UA else segment.mentor.social_worker.user_id
            )
            at = self._at(drawn_on, 10, 17)
            agreed_on = None
            if not (current and episode.ended_on is None and rng.random() < 0.1):
                agreed_on = min(until, drawn_on + datetime.timedelta(days=rng.randint(0, 5)))
            plan = InclusionPlan(
                version=number,
                is_current=current,
                drawn_up_by_id=author,
                episode_id=episode.pk,
                revision_reason=rng.choice(REVISION_REASONS) if number > 1 else "",
                agreed_on=agreed_on,
                interpreter_used=agreed_on is not None
                and language not in ("lv", "ru")
                and rng.random() < 0.7,
                agreement_language_id=self.languages.get(language) if agreed_on else None,
                review_on=drawn_on + datetime.timedelta(days=30 if episode.programme == UA else 90),
                created_at=at,
                updated_at=at,
            )
            goals = []
            if previous:
                areas = [(goal.demo_area, goal) for goal in previous]
                new = [
                    a for a in self._areas(episode.programme, 1, children=children) if a not in dict(areas)
                ]
                areas += [(area, None) for area in new]
            else:
                count = rng.randint(1, 3) if episode.programme == UA else rng.randint(2, 5)
                areas = [(area, None) for area in self._areas(episode.programme, count, children=children)]
            plan.demo_assessments = [
                PlanAssessment(
                    area_id=self.goal_areas[area],
                    situation=SITUATION_TEXTS[area],
                    created_at=at,
                    updated_at=at,
                )
                for area, _earlier in areas
            ]
            for area, earlier in areas:
                status, achieved_on = self._goal_status(drawn_on, until, current, episode)
                if earlier is not None:
                    target = earlier.target_on
                elif episode.programme == UA:
                    target = min(episode.limit_on, drawn_on + datetime.timedelta(days=rng.randint(14, 50)))
                else:
                    target = drawn_on + datetime.timedelta(days=rng.randint(30, 270))
                goal = PlanGoal(
                    area_id=self.goal_areas[area],
                    description=earlier.description if earlier else rng.choice(GOAL_TEXTS[area]),
                    target_on=target,
                    status=status,
                    achieved_on=achieved_on,
                    created_at=at,
                    updated_at=at,
                )
                goal.demo_area, goal.demo_copied_from = area, earlier
                goal.demo_steps = []
                for text, done_by in rng.sample(
                    STEP_TEXTS[area], min(len(STEP_TEXTS[area]), rng.randint(1, 3))
                ):
                    due_on = min(target, drawn_on + datetime.timedelta(days=rng.randint(7, 45)))
                    done = status == "achieved" or (due_on < until and rng.random() < 0.6)
                    goal.demo_steps.append(
                        PlanStep(
                            description=text,
                            done_by=done_by,
                            done_by_other=rng.choice(STEP_OTHERS) if done_by == "other" else "",
                            due_on=due_on,
                            done_on=min(due_on, until) if done else None,
                            created_at=at,
                            updated_at=at,
                        )
                    )
                goals.append(goal)
            previous = goals
            versions.append((drawn_on, plan, goals))
        return versions

    def _goal_status(self, since, until, current, episode):
        rng = self.rng
        if not current:
            status = rng.choices(("achieved", "dropped", "in_progress"), (40, 15, 45))[0]
        elif episode.end_reason == "plan_achieved":
            status = rng.choices(("achieved", "dropped"), (90, 10))[0]
        elif episode.ended_on:
            status = rng.choices(("achieved", "in_progress", "planned", "dropped"), (30, 40, 15, 15))[0]
        else:
            status = rng.choices(("achieved", "in_progress", "planned"), (25, 50, 25))[0]
        return status, (self._day_between(since, until) if status == "achieved" else None)

    def _visits(self, unit, episode, versions, rows: _Rows):
        rng, today = self.rng, self.today
        start = episode.started_on
        last = min(episode.ended_on or today, today)
        if episode.limit_on:
            last = min(last, episode.limit_on)
        days = (last - start).days
        if days < 0:
            return
        if episode.programme == UA:
            count = round(rng.uniform(*UA_VISITS_PER_60_DAYS) * (days + 1) / 60)
        else:
            count = round(rng.uniform(*AS_VISITS_PER_MONTH) * (days + 1) / 30.4)
        count = max(1, min(count, days + 1))
        offsets = [0, *sorted(rng.sample(range(1, days + 1), count - 1))]
        group = UA if episode.programme == UA else "AS"
        codes = [c for c in ACTIVITY_WEIGHTS[group] if c in self.activities]
        if len(unit.people) == 1 or all(p.relation == "spouse" for p in unit.people[1:]):
            codes.remove("school_enrolment")
        activity_ids = [self.activities[c] for c in codes]
        activity_cum = _cumulative(ACTIVITY_WEIGHTS[group][c] for c in codes)
        places = PLACE_WEIGHTS["centre" if unit.at_centre else "home"]
        place_names, place_cum = list(places), _cumulative(places.values())
        head = unit.head.pk
        others = [(p.pk, 0.6 if p.relation == "spouse" else 0.75) for p in unit.people[1:]]
        interpreter = 0.5 if unit.head.preferred_language not in ("lv", "ru", "uk", "en") else 0.02
        needs_assessment = self.activities["needs_assessment"]
        segments = iter(episode.segments)
        segment = next(segments)
        for offset in offsets:
            day = start + datetime.timedelta(days=offset)
            while segment.ends_on is not None and day > segment.ends_on:
                segment = next(segments)
            place = rng.choices(place_names, cum_weights=place_cum)[0]
            logged_by = segment.mentor.user_id
            if group == "AS" and rng.random() < 0.12:
                logged_by = segment.mentor.social_worker.user_id
            at = _moment(day, rng.randint(15, 21), rng.choice((0, 15, 30, 45)))
            index = self.next_visit_id
            self.next_visit_id += 1
            rows.visits.append(
                (
                    index,
                    episode.pk,
                    segment.contract.pk,
                    day,
                    rng.choice(MINUTES.get(place, MINUTES["default"])),
                    place,
                    rng.random() < interpreter,
                    rng.choice(VISIT_NOTES) if rng.random() < 0.3 else "",
                    logged_by,
                    at,
                    at,
                )
            )
            chosen = {needs_assessment} if offset == 0 else set()
            for activity in rng.choices(
                activity_ids, cum_weights=activity_cum, k=rng.choice((1, 1, 2, 2, 3))
            ):
                chosen.add(activity)
            rows.visit_activities.extend((index, activity) for activity in sorted(chosen))
            rows.attendance.append((index, head))
            if others and place not in ("phone", "online") and rng.random() < 0.45:
                rows.attendance.extend((index, pk) for pk, chance in others if rng.random() < chance)
            if versions and day >= versions[0][0] and rng.random() < 0.35:
                goals = [goals for drawn_on, _plan, goals in versions if drawn_on <= day][-1]
                if goals:
                    rows.visit_goals.append((index, rng.choice(goals).pk))
