# Built by `stylekit build` from sections/06_code_style/exercises/build_report.md:
# edit that file, not this one.
"""Hidden checks of exercise build_report (§6, idioms.comprehensions and idioms.f-strings): the report's lists and
mappings keep run order and filter right, and the summary line is exactly the expected text, its total formatted
with one decimal. Whether they are written as comprehensions and f-strings is the style points' business (SK0604,
SK0605)."""
from stylekit.grading.checks import check

# A release-candidate run where everything passed: (name, stage, seconds). Its total, 3597.5 s, is 59.958 min,
# shown as 60.0.
GREEN_JOBS = [("lint", "check", 51.5), ("unit", "test", 1320.0), ("image", "build", 2226.0)]


def _green_run(learner):
    return [learner.JobResult(name=name, stage=stage, passed=True, seconds=seconds)
            for name, stage, seconds in GREEN_JOBS]


@check(points=1, expect="Your failed_jobs should list the names of the jobs that did not pass, in run order, and "
                        "give an empty list for a run where all passed and for a run with no jobs",
       pattern="idioms.comprehensions")
def test_WHEN_failed_jobs_listed_THEN_run_order_and_only_failures(learner):
    expected = (["e2e-firefox", "e2e-safari"], [], [])

    actual = (learner.failed_jobs(learner.NIGHTLY_RUN), learner.failed_jobs(_green_run(learner)),
              learner.failed_jobs([]))

    assert expected == actual


@check(points=1, expect="Your job_minutes should map every job's name to its minutes rounded to one decimal, in "
                        "run order, e.g. {'lint': 0.8, 'unit': 5.2, ...} for last night's run",
       pattern="idioms.comprehensions")
def test_WHEN_job_minutes_mapped_THEN_each_job_rounded_in_run_order(learner):
    expected = [("lint", 0.8), ("unit", 5.2), ("e2e-firefox", 15.1), ("e2e-safari", 20.2), ("image", 7.3)]

    actual = list(learner.job_minutes(learner.NIGHTLY_RUN).items())

    assert expected == actual


@check(points=1, expect="Your run_summary for last night's run should read exactly 'nightly: 3/5 jobs passed in "
                        "48.5 min; failed: e2e-firefox, e2e-safari'", pattern="idioms.f-strings")
def test_WHEN_nightly_summarised_THEN_exact_line(learner):
    expected = "nightly: 3/5 jobs passed in 48.5 min; failed: e2e-firefox, e2e-safari"

    actual = learner.run_summary("nightly", learner.NIGHTLY_RUN)

    assert expected == actual


@check(points=1, expect="When every job passed, the summary should end in 'failed: none', and the total should be "
                        "formatted with one decimal ({total:.1f}): 59.958 minutes show as 60.0",
       pattern="idioms.f-strings")
def test_WHEN_green_run_summarised_THEN_none_failed_and_one_decimal(learner):
    expected = "rc-4.2.0: 3/3 jobs passed in 60.0 min; failed: none"

    actual = learner.run_summary("rc-4.2.0", _green_run(learner))

    assert expected == actual
