# Built by `stylekit build` from sections/06_code_style/exercises/deploy_guard.md:
# edit that file, not this one.
"""Hidden checks of exercise deploy_guard (§6, idioms.named-conditions and idioms.conditional-assignment): the
rewritten guard gives the inherited answer on the whole truth table of its five inputs, and the message and the first
wave on every combination of theirs. Whether the conditions are named and the choices written as conditional
expressions is the style points' business (SK0606, SK0607)."""
import itertools

from stylekit.grading.checks import check


def _inherited_guard(to_production, tests_green, approved, in_freeze, is_hotfix):
    return bool(tests_green and (not to_production or approved and not (in_freeze and not is_hotfix)))


def _production_disagreements(learner):
    """The production deploys, of the 16 combinations of the other four inputs, where the learner's guard answers
    otherwise than the inherited one."""
    cases = [(True, *rest) for rest in itertools.product([False, True], repeat=4)]
    return [case for case in cases if learner.may_deploy(*case) is not _inherited_guard(*case)]


@check(points=1, expect="Your may_deploy should answer True or False exactly as the inherited guard did on all 16 "
                        "combinations of a staging deploy: green tests are enough, whatever the approval, freeze and "
                        "hotfix say", pattern="idioms.named-conditions")
def test_WHEN_staging_truth_table_checked_THEN_green_is_enough(learner):
    combinations = list(itertools.product([False, True], repeat=4))
    expected = [tests_green for tests_green, _, _, _ in combinations]

    actual = [learner.may_deploy(False, *combination) for combination in combinations]

    assert expected == actual


@check(points=1, expect="Your may_deploy should answer True or False exactly as the inherited guard did on all 16 "
                        "combinations of a production deploy: green and approved, and in a freeze only a hotfix "
                        "(which still needs both)", pattern="idioms.named-conditions")
def test_WHEN_production_truth_table_checked_THEN_inherited_answers(learner):
    expected = []

    actual = _production_disagreements(learner)

    assert expected == actual


@check(points=1, expect="Your deploy_message should still say 'Deploying' or 'Holding back', then the service, then "
                        "'to production' or 'to staging', e.g. 'Holding back search-api to staging'",
       pattern="idioms.conditional-assignment")
def test_WHEN_every_message_written_THEN_inherited_text(learner):
    expected = ["Holding back search-api to staging", "Deploying search-api to staging",
                "Holding back search-api to production", "Deploying search-api to production"]

    actual = [learner.deploy_message("search-api", to_production, allowed)
              for to_production, allowed in itertools.product([False, True], repeat=2)]

    assert expected == actual


@check(points=1, expect="Your first_wave_percent should still give CANARY_PERCENT (10) for a production release that "
                        "is not a hotfix, and 100 for a hotfix or anything on staging",
       pattern="idioms.conditional-assignment")
def test_WHEN_every_first_wave_asked_THEN_inherited_percent(learner):
    expected = [100, 100, 10, 100]

    actual = [learner.first_wave_percent(to_production, is_hotfix)
              for to_production, is_hotfix in itertools.product([False, True], repeat=2)]

    assert expected == actual
