"""What comes back from the sandbox is untrusted data: frames and arrays are read within limits, never unpickled.

A frame is MAGIC, a 4-byte kind, an 8-byte little-endian length and the payload. An array travels as .npy
bytes: its header is parsed first, and its dtype, element count and size are checked before anything is
allocated. A result over a limit, or a malformed one, costs that item, with a reason.
"""
import ast
import json
import re
import struct

import numpy as np

from ..messages import msg

MAGIC = b"LSTM"
MAX_STREAM_BYTES = 64 * 2**20  # everything one notebook's run may send back
MAX_JSON_BYTES = 256 * 2**10  # one event
MAX_ARRAY_ELEMENTS = 2_000_000  # one array
MAX_ITEM_BYTES = 32 * 2**20  # all arrays of one item's case, .npy headers included (grade/run.py)
MAX_HEADER = 4096
SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")  # a JSON escape of a UTF-16 surrogate (paired or lone)


class Untrusted(ValueError):
    """A result the grader refuses to read, with the reason."""


class FrameReader:
    """Incremental parser of the runner's stream; stops (raising Untrusted) at the first thing over a limit.

    The frames complete before that thing are returned first, and the Untrusted is raised at the next feed(),
    so the events they carry (a unit's end, the next one's start) are applied and the right unit is blamed.
    """

    def __init__(self, limit=MAX_STREAM_BYTES):
        self.buffer, self.total, self.limit, self.error = bytearray(), 0, limit, None

    def feed(self, data):
        """Add bytes; return the complete frames [(kind, payload)] they finish."""
        if self.error is not None:
            raise self.error
        room = self.limit - self.total  # never negative: once over the limit, feed() raises first
        self.total += len(data)
        self.buffer += data[:room]
        frames = []
        try:
            self._parse(frames)
        except Untrusted as exc:
            self.error = exc
        if self.total > self.limit:
            self.error = Untrusted(msg("grade.untrusted.stream_too_large", mb=self.limit // 2**20))
        if self.error is not None and not frames:
            raise self.error
        return frames

    def _parse(self, frames):
        """Move the buffer's complete frames to `frames`; Untrusted at a malformed or over-limit one."""
        while len(self.buffer) >= 16:
            if self.buffer[:4] != MAGIC:
                raise Untrusted(msg("grade.untrusted.malformed_stream"))
            kind, size = bytes(self.buffer[4:8]).decode("ascii", "replace"), struct.unpack("<Q", self.buffer[8:16])[0]
            if kind not in ("JSON", "NPY "):
                raise Untrusted(msg("grade.untrusted.unknown_frame", kind=repr(kind)))
            if size > (MAX_JSON_BYTES if kind == "JSON" else self.limit):
                raise Untrusted(msg("grade.untrusted.result_too_large", size=f"{size:,}"))
            if len(self.buffer) < 16 + size:
                return
            frames.append((kind, bytes(self.buffer[16:16 + size])))
            del self.buffer[:16 + size]


def parse_event(payload):
    """A JSON event from the runner: a dict with a string 'kind', or Untrusted. Lone surrogates (\\ud800) become
    '?', so that no learner's text can stop the report from being written as UTF-8."""
    try:
        text = payload.decode()  # UTF-8
        event = json.loads(text)
        if SURROGATE.search(text):
            event = json.loads(json.dumps(event, ensure_ascii=False).encode(errors="replace"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:  # RecursionError: JSON nested too deeply
        raise Untrusted(msg("grade.untrusted.bad_json", error=type(exc).__name__)) from None
    if not isinstance(event, dict) or not isinstance(event.get("kind"), str):
        raise Untrusted(msg("grade.untrusted.no_kind"))
    return event


def parse_npy(payload):
    """A plain numeric ndarray from .npy bytes, after checking its header against the limits."""
    if len(payload) < 10 or payload[:6] != b"\x93NUMPY":
        raise Untrusted(msg("grade.untrusted.not_npy"))
    major = payload[6]
    if major == 1:
        header_len, start = struct.unpack("<H", payload[8:10])[0], 10
    elif major in (2, 3):
        if len(payload) < 12:
            raise Untrusted(msg("grade.untrusted.header_short"))
        header_len, start = struct.unpack("<I", payload[8:12])[0], 12
    else:
        raise Untrusted(msg("grade.untrusted.npy_version", version=major))
    if header_len > MAX_HEADER or start + header_len > len(payload):
        raise Untrusted(msg("grade.untrusted.header_long"))
    try:
        header = ast.literal_eval(payload[start:start + header_len].decode("latin1"))
        dtype = np.dtype(header["descr"])
        shape, fortran = tuple(header["shape"]), bool(header["fortran_order"])
    except Exception as exc:
        raise Untrusted(msg("grade.untrusted.header_malformed", error=type(exc).__name__)) from None
    if dtype.kind not in ("b", "i", "u", "f"):  # bool, int, uint, float: never objects, records, strings, dates, complex
        raise Untrusted(msg("grade.untrusted.not_numbers", dtype=dtype))
    if not all(isinstance(n, int) and 0 <= n for n in shape) or len(shape) > 32:
        raise Untrusted(msg("grade.untrusted.bad_shape"))
    count = 1
    for n in shape:
        count *= n
    if count > MAX_ARRAY_ELEMENTS:
        raise Untrusted(msg("grade.untrusted.too_many_elements", count=f"{count:,}", limit=f"{MAX_ARRAY_ELEMENTS:,}"))
    body = payload[start + header_len:]
    if len(body) != count * dtype.itemsize:
        raise Untrusted(msg("grade.untrusted.data_mismatch"))
    arr = np.frombuffer(body, dtype=dtype)  # (count,)
    arr = arr.reshape(shape[::-1]).T if fortran else arr.reshape(shape)  # as np.lib.format reads Fortran order
    return arr.copy()  # owned and writeable, not a view of the payload
