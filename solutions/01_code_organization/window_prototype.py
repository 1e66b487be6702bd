"""A first cut of Kestrel's delivery-window expert, all in one file: a language model proposes when a parcel
should arrive, through one tool, and every window it proposes is checked before a customer sees it. §1's second
exercise gives it a package with one module per responsibility.
"""
from dataclasses import dataclass, field
from typing import Any, Callable, Dict, List

# Minutes; riders cannot promise a window tighter than this in city traffic.
MIN_WINDOW_MINUTES = 30
# Hours of the day the riders work, as 24-hour clock hours.
FIRST_HOUR = 8
LAST_HOUR = 20
WINDOW_PROMPT = (
    "<role>You plan when Kestrel Couriers' riders deliver parcels.</role>\n"
    "<rules>Propose windows between {first}:00 and {last}:00, at least {minimum} minutes long.</rules>\n"
    "<job>Address: {address}. The customer wrote: {note}</job>"
)
PROPOSE_WINDOW_TOOL = {
    "name": "propose_window",
    "description": "Propose one delivery window; call it once per window the customer could accept.",
    "parameters": {"start": "HH:MM, 24-hour clock", "end": "HH:MM, 24-hour clock, after start"},
}


@dataclass
class WindowTask:
    job_id: str
    address: str
    customer_note: str
    proposals: List[Dict[str, str]] = field(default_factory=list)


class WindowOutsideWorkingHours(Exception):
    def __init__(self, start: str, end: str) -> None:
        super().__init__(f"The window {start}-{end} falls outside {FIRST_HOUR}:00-{LAST_HOUR}:00")


class WindowTooNarrow(Exception):
    def __init__(self, start: str, end: str) -> None:
        super().__init__(f"The window {start}-{end} is shorter than {MIN_WINDOW_MINUTES} minutes")


def minutes_of_day(clock: str) -> int:
    hours, minutes = clock.split(":")
    return int(hours) * 60 + int(minutes)


def validate_window(start: str, end: str) -> None:
    if minutes_of_day(start) < FIRST_HOUR * 60 or minutes_of_day(end) > LAST_HOUR * 60:
        raise WindowOutsideWorkingHours(start, end)
    if minutes_of_day(end) - minutes_of_day(start) < MIN_WINDOW_MINUTES:
        raise WindowTooNarrow(start, end)


def propose_window(task: WindowTask, start: str, end: str) -> str:
    validate_window(start, end)
    task.proposals.append({"start": start, "end": end})
    return f"Window {start}-{end} noted for job {task.job_id}"


@dataclass
class WindowExpert:
    model: Callable[[str, List[Dict[str, Any]]], Dict[str, Any]]
    system_prompt: str
    tools: List[Dict[str, Any]]


def get_window_expert(model: Callable[[str, List[Dict[str, Any]]], Dict[str, Any]]) -> WindowExpert:
    return WindowExpert(model=model, system_prompt=WINDOW_PROMPT, tools=[PROPOSE_WINDOW_TOOL])


def invoke_window_expert(expert: WindowExpert, task: WindowTask) -> WindowTask:
    prompt = expert.system_prompt.format(first=FIRST_HOUR, last=LAST_HOUR, minimum=MIN_WINDOW_MINUTES,
                                         address=task.address, note=task.customer_note)
    reply = expert.model(prompt, expert.tools)
    for call in reply["tool_calls"]:
        propose_window(task, **call["arguments"])
    return task
