"""A lesson's quiz question: choose an answer, check it, read why it is right or why it is wrong.

The choices come sealed (stylekit/quizzes.py): the widget opens only the seal of the choice the learner picks, so the
notebook never holds the answer in the clear. They are shown in this learner's own order, and every answer is kept in
the learner's progress: the first one, and each retry after it.
"""
import html
from typing import List, Optional, Sequence, Tuple, Type, TypeVar

import ipywidgets

from stylekit.progress import QuizAnswer, learner_id, load_progress, record_quiz
from stylekit.quizzes import ChoiceVerdict, QuizSealBroken, display_order, open_seal, seal_choices
from stylekit.widgets.survival import KitWidget

T_Quiz = TypeVar("T_Quiz", bound="Quiz")


class Quiz(KitWidget):
    """One multiple-choice question of a section's lesson; `check()` (or the button) judges and records the chosen
    answer. `choices` are (text, seal) pairs, as the builder writes them; Quiz.from_plain seals plain ones."""

    title = "Quiz"

    def __init__(self, question_id: str, section: str, question: str, choices: Sequence[Tuple[str, str]]) -> None:
        self.question_id = question_id
        self.section = section
        self.question = question
        self._seals = dict(choices)
        texts = [text for text, _ in choices]
        self.order: List[str] = [texts[index] for index in display_order(learner_id(), question_id, texts)]
        # The description names the group of choices for a screen reader (each choice is labelled by its text).
        self.choices = ipywidgets.RadioButtons(options=self.order, value=None, description="Your answer",
                                               layout=ipywidgets.Layout(width="auto"),
                                               style={"description_width": "initial"})
        self.feedback = ipywidgets.HTML()
        button = ipywidgets.Button(description="Check my answer", layout=ipywidgets.Layout(width="auto"))
        button.on_click(lambda _: self.check())
        prompt = ipywidgets.HTML(f"<b>Quiz.</b> {html.escape(question)}")
        # Without a kernel the choices and the button would do nothing: the question stays, with the way back.
        super().__init__(children=[prompt, self.choices, button, self.feedback],
                         live=[self.choices, button, self.feedback])
        self.add_class("stylekit-quiz")
        self._show_earlier_answer()

    def static_body(self) -> str:
        """The question and its choices in this learner's order, never which is right."""
        choices = "".join(f"<li>{html.escape(text)}</li>" for text in self.order)
        return f'<p style="margin:2px 0">{html.escape(self.question)}</p><ul style="margin:2px 0">{choices}</ul>'

    @classmethod
    def from_plain(cls: Type[T_Quiz], question_id: str, section: str, question: str,
                   choices: Sequence[Tuple[str, str]], answer: int) -> T_Quiz:
        """A quiz from (text, why) choices in the clear and the right one's index (tests, quizzes made in code)."""
        verdicts = [(text, ChoiceVerdict(right=index == answer, why=why)) for index, (text, why) in enumerate(choices)]
        return cls(question_id, section, question, seal_choices(question_id, verdicts))

    def check(self, chosen: Optional[str] = None) -> bool:
        """Judge the chosen answer (the selected one by default; a choice's text), record it, and say why it is right
        or why it is wrong."""
        if chosen is not None:
            self.choices.value = chosen
        if self.choices.value is None:
            self.feedback.value = "<i>Choose an answer first.</i>"
            return False
        text = str(self.choices.value)
        try:
            verdict = open_seal(self.question_id, text, self._seals[text])
        except QuizSealBroken as error:
            self.feedback.value = f"<i>{html.escape(str(error))}</i>"
            return False
        answers = record_quiz(self.section, self.question_id, text, verdict.right)
        self.feedback.value = self._verdict(verdict, answers)
        return verdict.right

    def _verdict(self, verdict: ChoiceVerdict, answers: QuizAnswer, note: str = "") -> str:
        heading = ('<span style="color:#067647">✓ Right.</span>' if verdict.right
                   else '<span style="color:#b42318">✗ Not quite.</span>')
        advice = "" if verdict.right else " Try another answer."
        first = "right" if answers.first.correct else "not right"
        retries = len(answers.retries)
        kept = (f"<small>Your first answer was {first}; {retries} retr{'y' if retries == 1 else 'ies'} since."
                f"{note}</small>")
        return (f'<div class="stylekit-quiz-verdict" data-correct="{str(verdict.right).lower()}">{heading} '
                f'{html.escape(verdict.why)}{advice}</div>{kept}')

    def _show_earlier_answer(self) -> None:
        earlier = load_progress().quizzes.get(self.section, {}).get(self.question_id)
        if earlier is None:
            return
        chosen = earlier.latest.chosen
        if chosen is None or chosen not in self._seals:
            # Kept before the kit recorded the chosen text, or the lesson's choices have changed since.
            first = "right" if earlier.first.correct else "not right"
            self.feedback.value = f"<small>You answered this quiz before; your first answer was {first}.</small>"
            return
        self.choices.value = chosen
        try:
            verdict = open_seal(self.question_id, chosen, self._seals[chosen])
        except QuizSealBroken as error:
            self.feedback.value = f"<i>{html.escape(str(error))}</i>"
            return
        self.feedback.value = self._verdict(verdict, earlier, note=" Shown: your last answer.")
