"""A lesson's quiz question: choose an answer, check it, read why; the answer is kept in the learner's progress."""
import html
from typing import List, Optional

import ipywidgets

from stylekit.progress import load_progress, record_quiz
from stylekit.widgets.survival import KitWidget


class Quiz(KitWidget):
    """One multiple-choice question of a section's lesson; `check()` (or the button) records the chosen answer."""

    title = "Quiz"

    def __init__(self, question_id: str, section: str, question: str, choices: List[str], answer: int,
                 why: str) -> None:
        self.question_id = question_id
        self.section = section
        self.answer = answer
        self.why = why
        self.question = question
        # The description names the group of choices for a screen reader (each choice is labelled by its text).
        self.choices = ipywidgets.RadioButtons(options=[(text, index) for index, text in enumerate(choices)],
                                               value=None, description="Your answer",
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
        choices = "".join(f"<li>{html.escape(str(label))}</li>" for label, _ in self.choices.options)
        return f'<p style="margin:2px 0">{html.escape(self.question)}</p><ul style="margin:2px 0">{choices}</ul>'

    def check(self, chosen: Optional[int] = None) -> bool:
        """Judge the chosen answer (the selected one by default), record it, and say why the right one is right."""
        if chosen is not None:
            self.choices.value = chosen
        if self.choices.value is None:
            self.feedback.value = "<i>Choose an answer first.</i>"
            return False
        correct = self.choices.value == self.answer
        record_quiz(self.section, self.question_id, int(self.choices.value), correct)
        self.feedback.value = self._verdict(correct)
        return correct

    def _verdict(self, correct: bool) -> str:
        heading = ('<span style="color:#067647">✓ Right.</span>' if correct
                   else '<span style="color:#b42318">✗ Not quite; try again, or read why.</span>')
        return (f'<div class="stylekit-quiz-verdict" data-correct="{str(correct).lower()}">{heading} '
                f'{html.escape(self.why) if correct else ""}</div>')

    def _show_earlier_answer(self) -> None:
        earlier = load_progress().quizzes.get(self.section, {}).get(self.question_id)
        if earlier is not None:
            self.choices.value = earlier.chosen
            self.feedback.value = f"{self._verdict(earlier.correct)}<small>(your last answer)</small>"
