# Built by `stylekit build` from sections/06_code_style/exercises/release_renames.md:
# edit that file, not this one.
"""Hidden checks of exercise release_renames (§6, idioms.naming): the inherited module answers to its house names,
does what it did, and keeps none of its old names; the helper is marked internal. Local variables are the style
point's business (SK0601)."""
import pytest

from stylekit.grading.checks import check

OLD_NAMES = ("maxHotfixes", "tagFormat", "release_tag", "splitTag", "ParseTag", "nextHotfix")


@check(points=1, expect="Call the class ReleaseTag (PascalCase) and the function parse_tag (snake_case): "
                        "parse_tag('v2.7.1') should give ReleaseTag(2, 7, 1), shown as v2.7.1, and none of the "
                        "old names (release_tag, ParseTag, ...) should be left", pattern="idioms.naming")
def test_WHEN_tag_parsed_THEN_house_names_and_no_old_ones(learner):
    expected = (True, "v2.7.1", [])

    parsed = learner.parse_tag("v2.7.1")
    old_names_left = [name for name in OLD_NAMES if hasattr(learner, name)]
    actual = (parsed == learner.ReleaseTag(2, 7, 1), str(parsed), old_names_left)

    assert expected == actual


@check(points=1, expect="Rename the method Bumped to bumped (snake_case), still giving the next major, minor or "
                        "patch tag: v2.7.1 bumped to v3.0.0, v2.8.0 and v2.7.2", pattern="idioms.naming")
def test_WHEN_tag_bumped_THEN_method_in_snake_case(learner):
    expected = (["v3.0.0", "v2.8.0", "v2.7.2"], False)

    tag = learner.ReleaseTag(2, 7, 1)
    actual = ([str(tag.bumped(part)) for part in ("major", "minor", "patch")], hasattr(tag, "Bumped"))

    assert expected == actual


@check(points=1, expect="Spell the constants MAX_HOTFIXES (still 3) and TAG_FORMAT, and give next_hotfix the "
                        "snake_case parameters tag_text and hotfixes_so_far: callers pass them by keyword, and a "
                        "fourth hotfix is still refused with ValueError", pattern="idioms.naming")
def test_WHEN_hotfix_asked_by_keyword_THEN_constants_and_parameters_renamed(learner):
    expected = (3, True, "v4.1.3")

    actual = (learner.MAX_HOTFIXES, bool(learner.TAG_FORMAT.fullmatch("v4.1.2")),
              learner.next_hotfix(tag_text="v4.1.2", hotfixes_so_far=2))

    assert expected == actual
    with pytest.raises(ValueError):
        learner.next_hotfix(tag_text="v4.1.5", hotfixes_so_far=3)


@check(points=1, expect="Mark the helper that only this module calls as internal: _split_tag, with a leading "
                        "underscore, still splitting 'v10.0.12' into (10, 0, 12); no public split_tag",
       pattern="idioms.naming")
def test_WHEN_helper_looked_up_THEN_internal_name(learner):
    expected = ((10, 0, 12), False)

    actual = (tuple(learner._split_tag("v10.0.12")), hasattr(learner, "split_tag"))

    assert expected == actual
