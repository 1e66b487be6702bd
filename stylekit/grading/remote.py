"""The judge's end of a subject: the process, its channel, its time budget, and the stand-ins through which the
hidden checks use the learner's code as if it were local.

A check writes `learner.quote_parcel(2.35, ["north"])`: `learner` is a `Remote` for the exercise's module, the
attribute read and the call go down the channel, and what comes back is data built from builtins (channel.py), so
`assert 9.32 == actual` compares the judge's own float. What is not data comes back as another `Remote` (a class,
a function, an instance), whose reads and calls go down the channel in turn; an exception raised by the learner's
code is raised in the check as an instance of a class made here with the same name and the same builtin bases
(`pytest.raises(learner.RentalRefused)` and `pytest.raises(ValueError)` both work). A Remote never compares equal to
anything but itself, and nothing of the learner's runs in this process.

Objects of the judge's (a fake passed to the learner's code, a callback) stay here: the subject gets a reference,
and its calls come up the channel while the judge waits for its answer.
"""
import builtins
import logging
import os
import selectors
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

from stylekit.grading import channel
from stylekit.grading.subject import REQUESTS_FD_ENV

logger = logging.getLogger(__name__)

PR_SET_PDEATHSIG = 1  # prctl option (linux/prctl.h)


class SubjectStopped(Exception):
    """The exercise's code can no longer be asked anything: it ran past its time budget, or its process ended."""


class SubjectRefused(Exception):
    """The subject could not carry out a request (a value too large for the channel, a reference it does not know)."""


# -- stand-ins ---------------------------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Origin:
    """Where a stand-in's object lives: the subject process, the object's number there, the facts it sent."""

    subject: "SubjectProcess"
    number: int
    facts: Dict[str, Any]

    def target(self) -> Dict[str, Any]:
        return {"$": "ref", "side": "s", "id": self.number}


def origin_of(stand_in: "Remote") -> Origin:
    """A stand-in's origin. Read without attribute syntax: any attribute of a stand-in is the learner's name."""
    return object.__getattribute__(stand_in, "_origin")


class Remote:
    """An object of the learner's, used through the channel. Reads, writes and calls go to the subject. Its one
    attribute of its own sits under a name learner code cannot shadow; every other name is the learner's."""

    __slots__ = ("_origin",)

    def __init__(self, subject: "SubjectProcess", number: int, facts: Dict[str, Any]) -> None:
        object.__setattr__(self, "_origin", Origin(subject, number, facts))

    @property
    def _subject(self) -> "SubjectProcess":
        return self._origin.subject

    @property
    def _number(self) -> int:
        return self._origin.number

    @property
    def _facts(self) -> Dict[str, Any]:
        return self._origin.facts

    def _target(self) -> Dict[str, Any]:
        return {"$": "ref", "side": "s", "id": self._number}

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__") and name not in ("__name__", "__doc__", "__qualname__",
                                                                          "__module__"):
            raise AttributeError(name)  # Python's own protocols (copy, pickle, pytest's introspection) stay local
        return self._subject.request({"op": "get", "target": self._target(), "name": name})

    def __setattr__(self, name: str, value: Any) -> None:
        self._subject.request({"op": "set", "target": self._target(), "name": name,
                               "value": self._subject.encode(value)})

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._subject.call(self._target(), args, kwargs)

    def __str__(self) -> str:
        return str(self._subject.request({"op": "str", "target": self._target()}))

    def __repr__(self) -> str:
        return f"<learner's {self._facts.get('kind', 'object')} {self._facts.get('name') or self.class_name}>"

    def __len__(self) -> int:
        return int(self._subject.request({"op": "len", "target": self._target()}))

    def __bool__(self) -> bool:
        return bool(self._subject.request({"op": "bool", "target": self._target()}))

    def __iter__(self) -> Iterator[Any]:
        iterator = self._subject.request({"op": "iter", "target": self._target()})
        if not isinstance(iterator, Remote):
            yield from iter(iterator)
            return
        while True:
            try:
                yield self._subject.request({"op": "next", "target": iterator._target()})
            except StopIteration:
                return

    def __getitem__(self, key: Any) -> Any:
        return self._subject.request({"op": "getitem", "target": self._target(), "key": self._subject.encode(key)})

    def __contains__(self, key: Any) -> bool:
        return bool(self._subject.request({"op": "contains", "target": self._target(),
                                           "key": self._subject.encode(key)}))

    def __eq__(self, other: Any) -> bool:
        """Two stand-ins of dataclass or pydantic instances are equal when their classes' names and their fields (as
        data) are; anything else is equal only to itself. The learner's own __eq__ is never asked here: use
        `learner_equal` to test an exercise's __eq__."""
        if not isinstance(other, Remote):
            return NotImplemented
        if self._origin.target() == origin_of(other).target() and self._subject is origin_of(other).subject:
            return True
        mine, theirs = self.fields(), other.fields()
        return mine is not None and theirs is not None and (self.class_name, mine) == (other.class_name, theirs)

    def __hash__(self) -> int:
        return hash((id(self._subject), self._number))

    def __instancecheck__(self, instance: Any) -> bool:
        """isinstance(x, learner.SomeClass), decided from the classes' facts: no learner code runs."""
        return isinstance(instance, Remote) and self._subject.is_subclass(origin_of(instance).facts.get("cls", {}),
                                                                          self._number)

    def __subclasscheck__(self, subclass: Any) -> bool:
        origin = origin_of(subclass) if isinstance(subclass, Remote) else getattr(subclass, "stylekit_origin", None)
        return origin is not None and self._subject.is_subclass(origin.facts, self._number)

    # -- what the checks may ask of a stand-in beyond the learner's own attributes ---------------------------------
    @property
    def class_name(self) -> str:
        """The name of the learner's object's class (a class's own name for a class)."""
        if self._facts.get("kind") == "class":
            return str(self._facts.get("name", ""))
        return str(self._facts.get("cls", {}).get("name", ""))

    def fields(self) -> Optional[Dict[str, Any]]:
        """A dataclass's or pydantic model's fields as data, read now; None for other objects."""
        if self._facts.get("fields") is None:
            return None
        fields = self._subject.request({"op": "fields", "target": self._target()})
        return fields if isinstance(fields, dict) else None


class LearnerExceptionType(type):
    """The metaclass of the exception classes made for a learner's: calling one builds the exception in the subject
    (its __init__ is the learner's) and gives back its stand-in; attributes of the class are read from the subject."""

    stylekit_origin: Origin

    def __call__(cls, *args: Any, **kwargs: Any) -> Any:
        return cls.stylekit_origin.subject.call(cls.stylekit_origin.target(), args, kwargs)

    def __getattr__(cls, name: str) -> Any:
        if name.startswith("_"):
            raise AttributeError(name)
        return cls.stylekit_origin.subject.request({"op": "get", "name": name, "target": cls.stylekit_origin.target()})


def learner_equal(first: Any, second: Any) -> bool:
    """The learner's own `==` between two of its objects (or one and data), for checks of an exercise's __eq__:
    computed in the subject, and only its answer, a bool, comes back."""
    target, other = (first, second) if isinstance(first, Remote) else (second, first)
    origin = origin_of(target)
    asked = {"op": "equal", "target": origin.target(), "other": origin.subject.encode(other)}
    return bool(origin.subject.request(asked))


# -- the process -------------------------------------------------------------------------------------------------------
class SubjectProcess:
    """One exercise's subject process and its channel. Started early (warm and idle), loaded on the first use."""

    def __init__(self, command: List[str], environment: Dict[str, str], log: Path) -> None:
        started = start_with_channel(command, environment, log, REQUESTS_FD_ENV)
        self.process, self.requests_writer, self.answers_reader = started.process, started.requests, started.answers
        self.reader = channel.LineReader(self.answers_reader)
        self.log = log
        self.deadline = float("inf")
        self.begun = False
        self.stopped: Optional[str] = None
        self.numbers = iter(range(1, 1 << 62))
        self.judge_objects: Dict[int, Any] = {}
        self.classes: Dict[int, type] = {}
        self.facts: Dict[int, Dict[str, Any]] = {}

    # -- lifecycle -------------------------------------------------------------------------------------------------
    def begin(self, start: Dict[str, Any]) -> None:
        """Hand the exercise over: it loads now, beside the other exercises' subjects, while earlier exercises are
        judged (each in its own process: nothing of one reaches another). Its time budget starts with `load`."""
        if not self.begun:
            self.begun = True
            self._send(start)

    def load(self, start: Dict[str, Any], budget: float) -> Dict[str, Any]:
        """Hand the exercise over (unless `begin` did) and wait for it to load; returns the subject's `ready` message
        (with `module`, the learner's module as a stand-in, and the cells that raised)."""
        self.deadline = time.monotonic() + budget
        self.begin(start)
        ready = self._receive()
        if ready.get("ready") is not True:
            raise SubjectRefused("the subject did not say it was ready")
        self._replay(ready)
        ready["module"] = self.decode(ready.get("module"))
        return ready

    def stop(self, reason: Optional[str] = None) -> None:
        if reason and not self.stopped:
            self.stopped = reason
        stop_process(self.process)
        for descriptor in (self.requests_writer, self.answers_reader):
            try:
                os.close(descriptor)
            except OSError:
                pass
        self.requests_writer = self.answers_reader = -1

    def log_tail(self) -> str:
        try:
            return self.log.read_bytes()[-3000:].decode(errors="replace")
        except OSError:
            return ""

    # -- requests --------------------------------------------------------------------------------------------------
    def call(self, target: Dict[str, Any], args: Tuple[Any, ...], kwargs: Dict[str, Any]) -> Any:
        return self.request({"op": "call", "target": target, "args": [self.encode(arg) for arg in args],
                             "kwargs": [[str(key), self.encode(value)] for key, value in kwargs.items()]})

    def request(self, message: Dict[str, Any]) -> Any:
        number = next(self.numbers)
        self._send({**message, "id": number})
        while True:
            answer = self._receive()
            if "up" in answer:
                self._answer_up(answer)
                continue
            if answer.get("id") != number:
                self.stop("its answers did not follow the questions asked")
                raise SubjectStopped(self.stopped)
            self._replay(answer)
            if "raised" in answer:
                raise self.exception(answer["raised"])
            if "refused" in answer:
                raise SubjectRefused(str(answer["refused"]))
            return self.decode(answer.get("value"))

    def _send(self, message: Dict[str, Any]) -> None:
        if self.stopped:
            raise SubjectStopped(self.stopped)
        try:
            channel.write_all(self.requests_writer, channel.dumps(message))
        except (OSError, channel.ChannelError) as error:
            self.stop(f"its process ended ({type(error).__name__})")
            raise SubjectStopped(self.stopped) from None

    def _receive(self) -> Dict[str, Any]:
        if self.stopped:
            raise SubjectStopped(self.stopped)
        try:
            with selectors.DefaultSelector() as selector:
                selector.register(self.answers_reader, selectors.EVENT_READ)
                while True:
                    line = self.reader.pending_line()
                    if line is not None:
                        return channel.loads(line)
                    remaining = self.deadline - time.monotonic()
                    if remaining <= 0:
                        self.stop("it ran past its time budget: does some code loop forever, or wait for input?")
                        raise SubjectStopped(self.stopped)
                    if selector.select(timeout=remaining) and not self.reader.feed():
                        code = self.process.poll()
                        self.stop(f"its process ended (exit code {code}): does the code call exit, or use too much "
                                  "memory?")
                        raise SubjectStopped(self.stopped)
        except channel.ChannelError as error:
            self.stop(f"it sent what is not an answer ({error})")
            raise SubjectStopped(self.stopped) from None

    def _replay(self, answer: Dict[str, Any]) -> None:
        """What the learner's code printed and logged while answering reaches the check as its own would: printed to
        this process's stdout (pytest's capsys) and handled by the logger of the same name (pytest's caplog)."""
        output = answer.get("output")
        if isinstance(output, str) and output:
            sys.stdout.write(output)
        for raw in answer.get("logs") or []:
            try:
                record = self._record(raw)
            except (KeyError, TypeError, ValueError, channel.ChannelError):
                continue
            logging.getLogger(record.name).handle(record)

    def _record(self, raw: Dict[str, Any]) -> logging.LogRecord:
        error = self.exception(raw["exc"]) if raw.get("exc") else None
        return logging.makeLogRecord({
            "name": str(raw["name"]), "levelno": int(raw["levelno"]), "levelname": str(raw["levelname"]),
            "msg": str(raw["message"]), "args": None, "created": float(raw["created"]),
            "funcName": str(raw["funcName"]), "lineno": int(raw["lineno"]), "pathname": str(raw["pathname"]),
            "exc_info": (type(error), error, None) if error is not None else None,
            "exc_text": str(raw["exc"].get("traceback", "")) if error is not None else None,
            "stack_info": "(stack)" if raw.get("stack") else None})

    def _answer_up(self, question: Dict[str, Any]) -> None:
        """A call or read the learner's code made on one of the judge's objects (a fake a check passed in)."""
        number = question["up"]
        try:
            target = self.judge_objects[int(question["target"])]
            if question.get("op") == "get":
                name = str(question.get("name", ""))
                if name.startswith("_"):
                    raise AttributeError(name)  # a fake's public surface only: nothing reaches the check's module
                value = getattr(target, name)
            else:
                args = [self.decode(arg) for arg in question.get("args", [])]
                kwargs = {str(key): self.decode(value) for key, value in question.get("kwargs", [])}
                value = target(*args, **kwargs)
            reply: Dict[str, Any] = {"reply": number, "value": self.encode(value)}
        except Exception as error:  # stylekit: ignore[SK0402] a fake's exception is raised in the learner's code
            reply = {"reply": number, "raised": self._raised_down(error)}
        self._send(reply)

    def _raised_down(self, error: BaseException) -> Dict[str, Any]:
        reference = getattr(error, "stylekit_ref", None)
        if reference is not None:
            return {"ref": reference}
        base = next(cls for cls in type(error).__mro__ if cls.__module__ == "builtins")
        try:
            args = self.encode(tuple(error.args))
        except channel.ChannelError:
            args = self.encode((str(error),))
        return {"name": type(error).__name__, "builtin": base.__name__, "args": args}

    # -- values ----------------------------------------------------------------------------------------------------
    def encode(self, value: Any) -> Any:
        return channel.encode(value, self._describe_judge_value)

    def _describe_judge_value(self, value: Any, depth: int) -> Dict[str, Any]:
        if isinstance(value, Remote):
            if origin_of(value).subject is not self:
                raise channel.ChannelError("an object of another exercise's code")
            return origin_of(value).target()
        if isinstance(value, LearnerExceptionType):
            return value.stylekit_origin.target()
        if getattr(value, "stylekit_ref", None) is not None:
            return dict(value.stylekit_ref)
        if isinstance(value, type) and issubclass(value, BaseException):
            base = next(cls for cls in value.__mro__ if cls.__module__ == "builtins")
            return {"$": "ref", "side": "j", "id": 0, "kind": "exception-class", "name": value.__name__,
                    "builtin": base.__name__}
        number = len(self.judge_objects) + 1
        self.judge_objects[number] = value
        return {"$": "ref", "side": "j", "id": number, "name": getattr(value, "__name__", type(value).__name__)}

    def decode(self, data: Any) -> Any:
        return channel.decode(data, self._resolve)

    def _resolve(self, facts: Dict[str, Any]) -> Any:
        number = int(facts["id"])
        if facts.get("side") == "j":
            if number not in self.judge_objects:
                raise channel.ChannelError(f"no judge object {number}")
            return self.judge_objects[number]
        self.facts.setdefault(number, facts)
        kind = facts.get("kind")
        if kind == "class":
            return self.learner_class(facts)
        if kind == "exception":
            return self.exception(facts.get("error") or {})
        if kind == "object" and "data" in facts:
            return self.decode(facts["data"])  # a subclass of a builtin value is judged as that value
        return Remote(self, number, facts)

    def learner_class(self, facts: Dict[str, Any]) -> Any:
        """A builtin class is the judge's own; a learner's exception class a class made here (see module doc);
        any other learner class a Remote."""
        if "builtin" in facts:
            found = vars(builtins).get(str(facts["builtin"]))
            return found if isinstance(found, type) else Remote(self, int(facts["id"]), facts)
        number = int(facts["id"])
        if number in self.classes:
            return self.classes[number]
        bases = [self.learner_class(base) for base in facts.get("bases", []) if isinstance(base, dict)]
        is_exception = any(isinstance(base, type) and issubclass(base, BaseException) for base in bases)
        if not is_exception:
            return Remote(self, number, facts)
        class_bases = tuple(base for base in bases if isinstance(base, type)) or (Exception,)
        try:
            made = LearnerExceptionType(str(facts.get("name", "LearnerError")).split(".")[-1], class_bases,
                                        {"__str__": _exception_str, "__module__": str(facts.get("module", ""))})
        except TypeError:  # bases Python cannot combine in one class: the first one stands for them
            made = LearnerExceptionType(str(facts.get("name", "LearnerError")).split(".")[-1], class_bases[:1],
                                        {"__str__": _exception_str, "__module__": str(facts.get("module", ""))})
        made.stylekit_origin = Origin(self, number, facts)
        self.classes[number] = made
        return made

    def exception(self, described: Dict[str, Any]) -> BaseException:
        """An exception of the learner's code, made here: its class stands in for the learner's (same name, same
        builtin bases), its args are data, its str() the message the learner's class gave."""
        cls = self.learner_class(described.get("class") or {"builtin": "Exception", "id": 0})
        if not (isinstance(cls, type) and issubclass(cls, BaseException)):
            cls = Exception
        args = described.get("args")
        try:
            decoded = self.decode(args) if args is not None else (described.get("message", ""),)
        except channel.ChannelError:
            decoded = (described.get("message", ""),)
        error = cls.__new__(cls)
        try:
            error.args = tuple(decoded) if isinstance(decoded, tuple) else (decoded,)
        except TypeError:
            error.args = (str(described.get("message", "")),)
        error.stylekit_message = str(described.get("message", ""))
        # Raised back into the learner's code (from a fake), it is the learner's own exception object again.
        reference = described.get("ref")
        error.stylekit_ref = reference if isinstance(reference, dict) else None
        return error

    def is_subclass(self, facts: Dict[str, Any], ancestor: int) -> bool:
        """Whether the class described by `facts` is the class numbered `ancestor` or derives from it."""
        if not isinstance(facts, dict):
            return False
        if int(facts.get("id", -1)) == ancestor:
            return True
        return any(self.is_subclass(base, ancestor) for base in facts.get("bases", []))


def stop_process(process: subprocess.Popen) -> None:
    """Kill a contained process and everything it started (its session's group; in a sandbox, its PID namespace)."""
    for kill in (lambda: os.killpg(process.pid, signal.SIGKILL), process.kill):
        try:
            kill()
        except (ProcessLookupError, PermissionError):
            pass
    process.wait()


@dataclass
class ChannelProcess:
    """A contained process and the judge's ends of its channel: requests are written, answers read."""

    process: subprocess.Popen
    requests: int
    answers: int


def start_with_channel(command: List[str], environment: Dict[str, str], log: Path,
                       channel_env: str) -> ChannelProcess:
    """Start a contained process with a channel: two pipes whose far ends it finds in `channel_env` ("r,w").
    Its stderr goes to `log`."""
    requests_reader, requests_writer = os.pipe()
    answers_reader, answers_writer = os.pipe()
    for descriptor in (requests_writer, answers_reader):
        os.set_inheritable(descriptor, False)
    environment = {**environment, channel_env: f"{requests_reader},{answers_writer}"}
    with open(log, "wb") as log_file:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log_file,
                                   pass_fds=(requests_reader, answers_writer), env=environment,
                                   preexec_fn=_die_with_judge)
    os.close(requests_reader)
    os.close(answers_writer)
    return ChannelProcess(process, requests_writer, answers_reader)


def _die_with_judge() -> None:
    """In the subject's process before it runs anything: a session of its own (killed as a group), and the kernel's
    SIGKILL when the judge dies, so no subject outlives a judge stopped at its deadline."""
    import ctypes

    os.setsid()
    ctypes.CDLL(None).prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)


def _exception_str(self: BaseException) -> str:
    return str(getattr(self, "stylekit_message", "") or BaseException.__str__(self))
