"""The one narrow channel between the judge (trusted, outside the sandbox) and a subject (the learner's code, inside).

Messages are single lines of JSON on a pipe. Values cross as **data**: None, bool, int, float, str, bytes, lists,
tuples, sets, frozensets, dicts, dates and times, Decimal and paths, each rebuilt on the other side from builtins
only. Everything else crosses as a *reference*: a number naming an object that stays in the process that owns it,
with plain facts about it (its class's name and module, its class's bases by reference, a dataclass's or pydantic
model's fields as data, an exception's message). So nothing a learner defines (a value equal to everything, a float
subclass, a module `__getattr__`) is ever compared, hashed or called in the judge, and nothing the judge holds (a
check, an expected value, a verdict) is ever in the learner's process.

Why plain JSON rather than execnet or msgpack: execnet bootstraps its remote side by sending Python source to
exec, and carries the same builtin types we need; msgpack has no sets, tuples, dates or Decimal without extension
types of our own. A JSON line with a small tagged encoding is one stdlib module on each side, readable in a log,
and easy to audit: decoding builds only builtins and the judge's own reference classes.

Encoding tags (`{"$": tag, ...}`; JSON's own null, booleans, numbers and strings stand for themselves):
`f` a float that JSON cannot spell (nan, inf), `bytes`, `list`, `tuple`, `set`, `frozenset`, `dict` (key-value
pairs), `datetime`, `date`, `time`, `timedelta`, `decimal`, `path`, `namedtuple`, and `ref` (an object that stays).
"""
import base64
import dataclasses
import datetime
import decimal
import json
import math
import os
import pathlib
from typing import Any, Callable, Dict, List, Optional

MESSAGE_CAP_BYTES = 16 * 1024 * 1024  # one message; a learner's value larger than this is not graded data
DEPTH_CAP = 64  # nesting of one value: deeper structures (or cycles) are cut with a reference
ITEMS_CAP = 200_000  # elements in one value, all containers together
FIELDS_CAP = 64  # fields described of one object
# The channel's own encoder and decoder, made once: a check may replace `json.dumps` in a subject (to see that the
# learner's code does not call it), and the learner's code may replace it too; neither may change how messages cross.
_ENCODER = json.JSONEncoder(ensure_ascii=True, allow_nan=False)
_DECODER = json.JSONDecoder()


class ChannelError(Exception):
    """A message on the channel was not of its form (too large, not JSON, not a known tag)."""


class _Budget:
    """How many more elements one value may hold: a learner's value of a billion elements is cut, not sent."""

    def __init__(self) -> None:
        self.items = ITEMS_CAP

    def spend(self) -> None:
        self.items -= 1
        if self.items < 0:
            raise ChannelError(f"the value holds more than {ITEMS_CAP:,} elements")


Describe = Callable[[Any, int], Dict[str, Any]]  # an object that is not data -> its reference's facts


def encode(value: Any, describe: Describe, depth: int = 0, budget: Optional[_Budget] = None) -> Any:
    """`value` as JSON-ready data; what is not data becomes `describe(value, depth)` (a `ref`)."""
    budget = budget or _Budget()
    budget.spend()
    kind = type(value)
    if value is None or kind in (bool, int, str):
        return value
    if kind is float:
        return value if math.isfinite(value) else {"$": "f", "v": repr(value)}
    if depth >= DEPTH_CAP:
        return describe(value, depth)
    inner = depth + 1
    if kind in (list, tuple, set, frozenset):
        items = [encode(item, describe, inner, budget) for item in value]
        return {"$": kind.__name__, "v": items}
    if kind is dict:
        return {"$": "dict", "v": [[encode(key, describe, inner, budget), encode(item, describe, inner, budget)]
                                   for key, item in value.items()]}
    if kind is bytes or kind is bytearray:
        return {"$": "bytes", "v": base64.b64encode(bytes(value)).decode()}
    if kind in (datetime.datetime, datetime.date, datetime.time):
        return {"$": kind.__name__, "v": value.isoformat()}
    if kind is datetime.timedelta:
        return {"$": "timedelta", "v": [value.days, value.seconds, value.microseconds]}
    if kind is decimal.Decimal:
        return {"$": "decimal", "v": str(value)}
    if isinstance(value, pathlib.PurePath) and type(value).__module__ == "pathlib":
        return {"$": "path", "v": os.fspath(value)}
    return describe(value, depth)


def decode(data: Any, resolve: Callable[[Dict[str, Any]], Any], budget: Optional[_Budget] = None) -> Any:
    """The value `data` stands for, built from builtins only; `resolve` turns a `ref` into the receiver's object."""
    budget = budget or _Budget()
    budget.spend()
    if data is None or type(data) in (bool, int, str):
        return data
    if type(data) is float:
        return data
    if type(data) is not dict or "$" not in data:
        raise ChannelError(f"not an encoded value: {type(data).__name__}")
    tag, raw = data["$"], data.get("v")
    if tag == "f":
        return float(str(raw))
    if tag in ("list", "tuple", "set", "frozenset"):
        items = [decode(item, resolve, budget) for item in _listed(raw)]
        return {"list": list, "tuple": tuple, "set": set, "frozenset": frozenset}[tag](items)
    if tag == "dict":
        return {decode(key, resolve, budget): decode(item, resolve, budget) for key, item in _pairs(raw)}
    if tag == "bytes":
        return base64.b64decode(str(raw))
    if tag == "datetime":
        return datetime.datetime.fromisoformat(str(raw))
    if tag == "date":
        return datetime.date.fromisoformat(str(raw))
    if tag == "time":
        return datetime.time.fromisoformat(str(raw))
    if tag == "timedelta":
        days, seconds, microseconds = (int(part) for part in _listed(raw))
        return datetime.timedelta(days=days, seconds=seconds, microseconds=microseconds)
    if tag == "decimal":
        return decimal.Decimal(str(raw))
    if tag == "path":
        return pathlib.PurePosixPath(str(raw))
    if tag == "ref":
        return resolve(data)
    raise ChannelError(f"unknown tag {tag!r}")


def _listed(raw: Any) -> List[Any]:
    if type(raw) is not list:
        raise ChannelError("a container's items must be a list")
    return raw


def _pairs(raw: Any) -> List[List[Any]]:
    pairs = _listed(raw)
    if any(type(pair) is not list or len(pair) != 2 for pair in pairs):
        raise ChannelError("a dict's items must be pairs")
    return pairs


def dataclass_fields(value: Any) -> Optional[List[str]]:
    """The field names of a dataclass or pydantic instance (the facts the judge may read without a call), or None.

    Read on the subject's side; the answer is the learner's to give, and only ever used as data.
    """
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [field.name for field in dataclasses.fields(value)][:FIELDS_CAP]
    model_fields = getattr(type(value), "model_fields", None)
    if isinstance(model_fields, dict):
        return [str(name) for name in model_fields][:FIELDS_CAP]
    return None


def dumps(message: Dict[str, Any]) -> bytes:
    line = _ENCODER.encode(message).encode("ascii") + b"\n"
    if len(line) > MESSAGE_CAP_BYTES:
        raise ChannelError(f"a message of {len(line):,} bytes is over the channel's cap of {MESSAGE_CAP_BYTES:,}")
    return line


def loads(line: bytes) -> Dict[str, Any]:
    if len(line) > MESSAGE_CAP_BYTES:
        raise ChannelError("a message over the channel's cap")
    try:
        message = _DECODER.decode(line.decode("utf-8"))
    except (ValueError, UnicodeDecodeError) as error:
        raise ChannelError(f"a message that is not JSON ({error})") from None
    if type(message) is not dict:
        raise ChannelError("a message must be an object")
    return message


class LineReader:
    """Reads whole lines from a descriptor, never more than MESSAGE_CAP_BYTES buffered (a subject that writes an
    endless line is cut off, not held in the judge's memory)."""

    def __init__(self, descriptor: int) -> None:
        self.descriptor = descriptor
        self.buffer = bytearray()
        self.closed = False

    def pending_line(self) -> Optional[bytes]:
        end = self.buffer.find(b"\n")
        if end < 0:
            if len(self.buffer) > MESSAGE_CAP_BYTES:
                raise ChannelError("a message over the channel's cap")
            return None
        line = bytes(self.buffer[:end])
        del self.buffer[:end + 1]
        return line

    def feed(self) -> bool:
        """Read what is there; False at end of file."""
        chunk = os.read(self.descriptor, 1 << 16)
        if not chunk:
            self.closed = True
            return False
        self.buffer.extend(chunk)
        return True


def write_all(descriptor: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(descriptor, view):]
