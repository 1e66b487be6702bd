"""Canvas and Moodle files from a run's results: one row per learner, one column per assignment, and an empty cell,
not a zero, where a submission could not be graded."""
from stylekit.grading.lms_export import LmsFormat, lms_csv
from stylekit.grading.model import STATUS_FAILED, STATUS_GRADED, SubmissionResult

RESULTS = [SubmissionResult("ada", "02_type_system", STATUS_GRADED, 27.5, 28.0),
           SubmissionResult("ada", "05_testing", STATUS_FAILED, None, 36.0, reason="timed out"),
           SubmissionResult("bo", "02_type_system", STATUS_GRADED, 0.0, 28.0)]


def test_WHEN_canvas_file_made_THEN_points_row_and_login_ids_and_blank_for_the_ungraded() -> None:
    expected = ("Student,ID,SIS User ID,SIS Login ID,Section,stylekit 02_type_system,stylekit 05_testing\n"
                "    Points Possible,,,,,28,36\n"
                "ada,,,ada,,27.5,\n"
                "bo,,,bo,,0,\n")

    assert expected == lms_csv(RESULTS, LmsFormat.CANVAS)


def test_WHEN_moodle_file_made_THEN_username_column_and_blank_for_the_ungraded() -> None:
    expected = ("Username,stylekit 02_type_system,stylekit 05_testing\n"
                "ada,27.5,\n"
                "bo,0,\n")

    assert expected == lms_csv(RESULTS, LmsFormat.MOODLE)
