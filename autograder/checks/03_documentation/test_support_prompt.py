# Built by `stylekit build` from sections/03_documentation/exercises/support_prompt.md:
# edit that file, not this one.
"""Hidden checks of exercise support_prompt (§3, docs.prompt-templates, docs.format-templates): the knowledge is a
module-level text rendered once, two calls share the longest start the inputs allow, and the template is cut into
XML sections, the fixed ones first."""
import ast
import json
import os

from stylekit.grading import proxies
from stylekit.grading.checks import check

RIDER = "Member since 2021; one city bike out since Friday"
OTHER_RIDER = "New rider, no membership; first rental today"
MESSAGE = "Can I keep the bike until Sunday evening?"
OTHER_MESSAGE = "Do I get my deposit back if the bell is broken?"
POLICIES_MODULE = "rental_policies"  # the section's own copy, beside the notebook
# After the message, only its closing tag and some white space may follow.
TAIL_ALLOWANCE = 40


def _policies(reference_modules):
    """RENTAL_POLICIES as the section's own rental_policies.py defines it (read, not run)."""
    for node in ast.parse(reference_modules[POLICIES_MODULE]).body:
        if isinstance(node, ast.Assign) and any(getattr(target, "id", "") == "RENTAL_POLICIES"
                                                for target in node.targets):
            return ast.literal_eval(node.value)
    raise LookupError(f"{POLICIES_MODULE}.py defines no RENTAL_POLICIES")


def _first_and_shared_start(learner, second_rider, second_message):
    """The prompt for RIDER and MESSAGE, and the text it shares at its start with the prompt for the other pair."""
    first = learner.build_support_prompt(RIDER, MESSAGE)
    return first, os.path.commonprefix([first, learner.build_support_prompt(second_rider, second_message)])


@check(points=1, expect="Define POLICY_KNOWLEDGE at module level: json.dumps(RENTAL_POLICIES, indent=2) between a "
                        "<rental_policies> and a </rental_policies> line", pattern="docs.format-templates")
def test_WHEN_knowledge_read_THEN_policies_as_json_in_their_tags(learner, reference_modules):
    knowledge = getattr(learner, "POLICY_KNOWLEDGE", None)

    assert isinstance(knowledge, str)
    assert knowledge.strip().startswith("<rental_policies>")
    assert knowledge.strip().endswith("</rental_policies>")
    assert json.dumps(_policies(reference_modules), indent=2) in knowledge


@check(points=1, expect="Render the knowledge once, at import: build_support_prompt should put POLICY_KNOWLEDGE in "
                        "the prompt without calling json.dumps again", pattern="docs.format-templates")
def test_WHEN_prompt_built_THEN_knowledge_not_rendered_again(learner, subject, monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("json.dumps called while building a prompt")

    monkeypatch.setattr(subject.module("json"), "dumps", refuse)
    prompt = learner.build_support_prompt(RIDER, MESSAGE)

    assert learner.POLICY_KNOWLEDGE.strip() in prompt


@check(points=1, expect="Put the message last: two messages of the same rider should give prompts that differ only "
                        "from the message on (then only </message> may follow it)", pattern="docs.prompt-templates")
def test_WHEN_same_rider_sends_two_messages_THEN_prompts_share_all_but_the_message(learner):
    first, shared = _first_and_shared_start(learner, RIDER, OTHER_MESSAGE)

    assert MESSAGE in first
    assert len(first) - len(shared) - len(MESSAGE) <= TAIL_ALLOWANCE


@check(points=1, expect="Put the rider after the guidelines and the policy knowledge: prompts for two riders should "
                        "share the whole of POLICY_KNOWLEDGE at their start", pattern="docs.prompt-templates")
def test_WHEN_two_riders_THEN_prompts_share_guidelines_and_knowledge(learner):
    first, shared = _first_and_shared_start(learner, OTHER_RIDER, MESSAGE)

    assert RIDER in first
    assert learner.POLICY_KNOWLEDGE.strip() in shared


@check(points=1, expect="Cut SUPPORT_PROMPT into XML-tagged sections (<guidelines>, <rider>, <message>), the sections "
                        "filled per call after the fixed ones, and write the <guidelines> as rules a model could act "
                        "on (at least the three the task names), not an empty section or rules that only say 'follow "
                        "the guidelines'", pattern="docs.prompt-templates")
def test_WHEN_template_read_THEN_layered_xml_sections_with_guidelines_that_say_something(exercise_source, judged):
    readings = proxies.read_prompts(exercise_source)
    template = max(readings, key=lambda reading: len(reading.sections), default=None)
    lines = exercise_source.splitlines()
    if template is not None and not any(reading.judged() for reading in readings):
        judged.line(template.line)
        judged.lines(next((number for number, text in enumerate(lines, 1) if rule in text), 0)
                     for rule in template.rules_saying_nothing)

    assert any(reading.judged() for reading in readings)
