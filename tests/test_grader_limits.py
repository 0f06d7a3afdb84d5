"""Every limit on what comes back from the sandbox holds at its boundary: the value at the limit is read, one more
is refused; and each refusal is tested alone, with its own message (grade/results.py, grade/run.py's _take)."""
import io
import struct
from types import SimpleNamespace

import numpy as np
import pytest

from lstmlab.grade import results
from lstmlab.grade.results import FrameReader, Untrusted, parse_event, parse_npy
from lstmlab.grade.run import _take


def frame(kind, payload):
    return results.MAGIC + kind.encode() + struct.pack("<Q", len(payload)) + payload


def npy(arr, version=(1, 0)):
    """arr as .npy bytes in the given format version."""
    out = io.BytesIO()
    np.lib.format.write_array(out, arr, version=version, allow_pickle=False)
    return out.getvalue()


def raw_npy(header, body=b"", version=1, pad_to=None):
    """.npy bytes with a header written by hand (a dict's repr, or any text), padded with spaces to pad_to."""
    text = header.encode("latin1")
    if pad_to is not None:
        text = text + b" " * (pad_to - len(text))
    size = struct.pack("<H", len(text)) if version == 1 else struct.pack("<I", len(text))
    return b"\x93NUMPY" + bytes([version, 0]) + size + text + body


def refused(message, call, *args):
    """call(*args) raises Untrusted whose text is exactly message."""
    with pytest.raises(Untrusted) as info:
        call(*args)
    assert str(info.value) == message
    return info.value


# --- the stream: MAX_STREAM_BYTES, MAX_JSON_BYTES ---------------------------------------------------------------

def test_a_stream_of_exactly_max_stream_bytes_is_read_and_one_byte_more_is_refused():
    assert results.MAX_STREAM_BYTES == 64 * 2**20
    whole = frame("NPY ", b"\0" * (results.MAX_STREAM_BYTES - 16))
    reader = FrameReader()
    got = reader.feed(whole[:1000]) + reader.feed(whole[1000:])
    assert [(kind, len(payload)) for kind, payload in got] == [("NPY ", results.MAX_STREAM_BYTES - 16)]
    assert reader.feed(b"") == []  # at the limit, not past it
    refused("it sent more than 64 MB of results", reader.feed, b"L")
    refused("it sent more than 64 MB of results", reader.feed, b"")  # and at every later feed


def test_a_frame_longer_than_the_stream_limit_is_refused_from_its_header():
    assert FrameReader(limit=100).feed(frame("NPY ", b"\0" * 100)[:16]) == []  # it may still be cut short
    refused("one of its results is too large (101 bytes)", FrameReader(limit=100).feed, frame("NPY ", b"\0" * 101)[:16])


def test_bytes_past_the_stream_limit_are_never_parsed():
    first, second = frame("NPY ", b"\0" * 84), frame("JSON", b"")
    reader = FrameReader(limit=100)
    assert reader.feed(first + second) == [("NPY ", b"\0" * 84)]  # the second frame lies past the limit
    refused("it sent more than 0 MB of results", reader.feed, b"")
    reader = FrameReader(limit=116)
    assert reader.feed(first + second) == [("NPY ", b"\0" * 84), ("JSON", b"")]


def test_a_length_with_its_top_bit_set_is_too_large_not_negative():
    refused("one of its results is too large (9,223,372,036,854,775,808 bytes)", FrameReader().feed,
            results.MAGIC + b"NPY " + struct.pack("<Q", 2**63))


def test_a_frame_kind_that_is_not_ascii_is_named_not_a_crash():
    refused("its result stream holds an unknown frame '\ufffd\ufffdPY'", FrameReader().feed,
            results.MAGIC + b"\xff\xfePY" + struct.pack("<Q", 0))


def test_a_json_event_of_max_json_bytes_is_read_and_one_byte_more_is_refused():
    payload = b'{"kind": "x", "pad": "' + b"a" * (results.MAX_JSON_BYTES - 24) + b'"}'
    assert len(payload) == results.MAX_JSON_BYTES == 256 * 2**10
    assert FrameReader().feed(frame("JSON", payload)) == [("JSON", payload)]
    assert parse_event(payload)["kind"] == "x"
    refused("one of its results is too large (262,145 bytes)", FrameReader().feed,
            frame("JSON", payload + b" ")[:16])


def test_a_frame_cut_anywhere_waits_for_the_rest():
    whole = frame("JSON", b'{"kind": "end"}') + frame("NPY ", npy(np.arange(3)))
    reader, got = FrameReader(), []
    for k in range(len(whole)):
        got += reader.feed(whole[k:k + 1])
    assert [kind for kind, _ in got] == ["JSON", "NPY "]
    assert got[0][1] == b'{"kind": "end"}' and np.array_equal(parse_npy(got[1][1]), np.arange(3))
    assert FrameReader().feed(whole[:15]) == []  # not even a header yet


def test_a_bad_magic_alone_is_malformed():
    refused("its result stream is malformed", FrameReader().feed, b"LSTX" + b"JSON" + struct.pack("<Q", 2) + b"{}")


def test_an_unknown_frame_kind_alone_is_named():
    refused("its result stream holds an unknown frame 'PKL '", FrameReader().feed, frame("PKL ", b"x"))


# --- events ------------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("payload, message", [
    (b'{"kind": "end"', "an event is not valid JSON (JSONDecodeError)"),
    (b'{"kind": "\xff"}', "an event is not valid JSON (UnicodeDecodeError)"),
    (b'[1, 2]', "an event has no kind"),
    (b'{"status": "ok"}', "an event has no kind"),
    (b'{"kind": 3}', "an event has no kind"),
])
def test_each_bad_event_alone_has_its_own_message(payload, message):
    refused(message, parse_event, payload)


def test_only_surrogate_escapes_are_replaced():
    event = parse_event(b'{"kind": "end", "a": "\\uDC00", "b": "\\ud7ff", "c": "\\ue000", "d": "\\uD8FF"}')
    assert event == {"kind": "end", "a": "?", "b": "\ud7ff", "c": "\ue000", "d": "?"}


# --- arrays: MAX_HEADER, dimensions, MAX_ARRAY_ELEMENTS ------------------------------------------------------------

@pytest.mark.parametrize("version", [(1, 0), (2, 0), (3, 0)])
@pytest.mark.parametrize("arr", [np.arange(6, dtype=np.int32).reshape(2, 3), np.asfortranarray(np.ones((2, 3)) * [1, 2, 3]),
                                 np.array([True, False]), np.arange(4, dtype=">u2"), np.float16(1.5) * np.ones(0),
                                 np.array(2.5)])
def test_plain_numbers_come_back_equal_and_owned(arr, version):
    back = parse_npy(npy(arr, version))
    assert back.dtype == arr.dtype and back.shape == arr.shape and np.array_equal(back, arr)
    assert back.flags.owndata and back.flags.writeable


@pytest.mark.parametrize("dtype", ["<c16", "<U3", "|V8", "<M8[s]", "<m8[s]", "|S2", [("a", "<f8")]])
def test_anything_but_plain_numbers_is_refused_by_its_dtype(dtype):
    header = repr({"descr": dtype, "fortran_order": False, "shape": (1,)})
    refused(f"an array is not plain numbers (dtype {np.dtype(dtype)})", parse_npy, raw_npy(header, b"\0" * 16))


def test_a_header_of_max_header_bytes_is_read_and_one_byte_more_is_refused():
    header = repr({"descr": "|u1", "fortran_order": False, "shape": (2,)})
    assert results.MAX_HEADER == 4096
    assert parse_npy(raw_npy(header, b"\1\2", pad_to=results.MAX_HEADER)).tolist() == [1, 2]
    refused("an array's header is too long", parse_npy, raw_npy(header, b"\1\2", version=2,
                                                                pad_to=results.MAX_HEADER + 1))


@pytest.mark.parametrize("start", [b"\x93NUMPY\x01\x00" + struct.pack("<H", 0xFFFF),
                                   b"\x93NUMPY\x02\x00" + struct.pack("<I", 0x80000000)])
def test_a_header_length_with_its_top_bit_set_is_too_long_not_negative(start):
    refused("an array's header is too long", parse_npy, start + b" " * 100)


def test_a_header_longer_than_the_payload_is_refused():
    whole = npy(np.arange(2, dtype=np.uint8))
    header_len = struct.unpack("<H", whole[8:10])[0]
    assert parse_npy(whole[:10 + header_len] + b"\1\2").tolist() == [1, 2]
    refused("an array's header is too long", parse_npy, whole[:10 + header_len - 1])


def test_an_array_of_max_array_elements_is_read_and_one_more_is_refused():
    assert results.MAX_ARRAY_ELEMENTS == 2_000_000
    assert parse_npy(npy(np.zeros(results.MAX_ARRAY_ELEMENTS, np.uint8))).size == results.MAX_ARRAY_ELEMENTS
    refused("an array has 2,000,001 elements, more than the limit of 2,000,000", parse_npy,
            npy(np.zeros(results.MAX_ARRAY_ELEMENTS + 1, np.uint8)))
    header = repr({"descr": "|u1", "fortran_order": False, "shape": (1000, 2001)})  # the product counts, not a side
    refused("an array has 2,001,000 elements, more than the limit of 2,000,000", parse_npy, raw_npy(header))


def test_32_dimensions_are_read_and_33_are_refused():
    header = repr({"descr": "|u1", "fortran_order": False, "shape": (1,) * 32})
    assert parse_npy(raw_npy(header, b"\7")).shape == (1,) * 32
    header = repr({"descr": "|u1", "fortran_order": False, "shape": (1,) * 33})
    refused("an array's shape is malformed", parse_npy, raw_npy(header, b"\7"))


@pytest.mark.parametrize("shape", ["(-1,)", "(2.0,)", "('2',)", "(None,)"])
def test_a_dimension_that_is_not_a_count_is_refused(shape):
    refused("an array's shape is malformed", parse_npy,
            raw_npy(f"{{'descr': '|u1', 'fortran_order': False, 'shape': {shape}}}", b"\0\0"))


def test_a_zero_dimension_is_an_empty_array():
    assert parse_npy(raw_npy("{'descr': '<f8', 'fortran_order': False, 'shape': (0, 3)}")).shape == (0, 3)


@pytest.mark.parametrize("body", [b"\0" * 15, b"\0" * 17, b""])
def test_data_of_the_wrong_length_is_refused(body):
    header = repr({"descr": "<f8", "fortran_order": False, "shape": (2,)})
    refused("an array's data does not match its header", parse_npy, raw_npy(header, body))


@pytest.mark.parametrize("payload, message", [
    (b"\x93NUMPY\x01", "an array is not in .npy format"),  # shorter than a header
    (b"\x93NUMPX\x01\x00\x00\x00", "an array is not in .npy format"),
    (b"\x93NUMPY\x04\x00\x00\x00\x00\x00", "an array has an unknown .npy version 4"),
    (b"\x93NUMPY\x00\x00\x00\x00\x00\x00", "an array has an unknown .npy version 0"),
    (b"\x93NUMPY\x02\x00\x00\x00", "an array's header is cut short"),
    (b"\x93NUMPY\x03\x00\x00\x00\x00", "an array's header is cut short"),
])
def test_each_malformed_start_alone_has_its_own_message(payload, message):
    refused(message, parse_npy, payload)


def test_the_shortest_npy_is_read():
    assert parse_npy(raw_npy("{'descr':'|u1','fortran_order':False,'shape':()}", b"\5")) == 5
    assert len(b"\x93NUMPY\x03\x00" + struct.pack("<I", 0)) == 12
    refused("an array's header is malformed (SyntaxError)", parse_npy, b"\x93NUMPY\x03\x00" + struct.pack("<I", 0))


@pytest.mark.parametrize("header, error", [
    ("{'descr': '<f8', 'fortran_order': False}", "KeyError"),
    ("{'descr': 'nonsense', 'fortran_order': False, 'shape': (1,)}", "TypeError"),
    ("__import__('os')", "ValueError"),  # never evaluated: literal_eval refuses a call
    ("{'descr': '<f8', 'fortran_order': False, 'shape': 5}", "TypeError"),
])
def test_a_malformed_header_names_the_error(header, error):
    refused(f"an array's header is malformed ({error})", parse_npy, raw_npy(header, b"\0" * 8))


# --- one result's arrays: MAX_ITEM_BYTES, and the order of frames (grade/run.py) ---------------------------------

def result_event(names, item="lstm_step", status="ok", tree=None):
    import json
    return json.dumps({"kind": "result", "item": item, "status": status, "arrays": names,
                       "tree": tree if tree is not None else [{"a": n} for n in names]}).encode()


def test_one_results_arrays_of_exactly_max_item_bytes_are_read_and_one_byte_more_is_refused():
    assert results.MAX_ITEM_BYTES == 32 * 2**20
    big = npy(np.zeros(results.MAX_ARRAY_ELEMENTS, np.float64))  # 16 MB and its header
    rest = results.MAX_ITEM_BYTES - 2 * len(big)
    header = len(npy(np.zeros(rest, np.uint8))) - rest
    for extra, ok in ((0, True), (1, False)):
        outcome = SimpleNamespace(results={})
        pending, _ = _take("JSON", result_event(["a", "b", "c"]), None, outcome)
        pending, _ = _take("NPY ", big, pending, outcome)
        pending, _ = _take("NPY ", big, pending, outcome)
        last = npy(np.zeros(rest - header + extra, np.uint8))
        assert 2 * len(big) + len(last) == results.MAX_ITEM_BYTES + extra
        if ok:
            assert _take("NPY ", last, pending, outcome) == (None, None)
            (status, answer, _), = outcome.results["lstm_step"]
            assert status == "ok" and [a.size for a in answer] == [2_000_000, 2_000_000, len(last) - header]
        else:
            refused("one result's arrays are larger than 32 MB", _take, "NPY ", last, pending, outcome)
            assert outcome.results == {}


def test_an_array_without_a_result_alone_is_refused():
    outcome = SimpleNamespace(results={})
    refused("an array arrived without a result", _take, "NPY ", npy(np.zeros(1)), None, outcome)
    pending, _ = _take("JSON", result_event(["a"]), None, outcome)
    pending, _ = _take("NPY ", npy(np.zeros(1)), pending, outcome)
    assert pending is None and len(outcome.results["lstm_step"]) == 1
    refused("an array arrived without a result", _take, "NPY ", npy(np.zeros(1)), pending, outcome)
    refused("an array arrived without a result", _take, "NPY ", npy(np.zeros(1)),
            {"names": ["a"], "got": [np.zeros(1)], "bytes": 0}, outcome)


def test_an_event_before_the_arrays_alone_is_refused():
    outcome = SimpleNamespace(results={})
    pending, event = _take("JSON", result_event(["a", "b"]), None, outcome)
    assert event["kind"] == "result" and pending["names"] == ["a", "b"]
    pending, event = _take("NPY ", npy(np.zeros(1)), pending, outcome)
    assert event is None and pending is not None and outcome.results == {}
    refused("a result's arrays are missing", _take, "JSON", b'{"kind": "end"}', pending, outcome)


@pytest.mark.parametrize("names", ["a", [1], ["a", None], None, ["a"] * 10_001])
def test_badly_named_arrays_alone_are_refused(names):
    import json
    payload = json.dumps({"kind": "result", "item": "x", "status": "ok", "arrays": names}).encode()
    refused("a result names its arrays badly", _take, "JSON", payload, None, SimpleNamespace(results={}))


def test_ten_thousand_array_names_are_read():
    pending, _ = _take("JSON", result_event(["a"] * 10_000), None, SimpleNamespace(results={}))
    assert len(pending["names"]) == 10_000


def test_a_result_without_arrays_is_stored_at_once():
    outcome = SimpleNamespace(results={})
    pending, event = _take("JSON", result_event([], status="not_attempted", tree=[]), None, outcome)
    assert pending is None and event["kind"] == "result"
    assert outcome.results == {"lstm_step": [("not_attempted", None, "")]}
    pending, event = _take("JSON", b'{"kind": "start", "unit": "cell 1"}', None, outcome)
    assert pending is None and event == {"kind": "start", "unit": "cell 1"}


def test_an_unknown_status_alone_is_an_error_with_its_message():
    outcome = SimpleNamespace(results={})
    _take("JSON", result_event([], status="passed", tree=[]), None, outcome)
    assert outcome.results == {"lstm_step": [("error", None, "the saved result has an unknown status 'passed'")]}


def test_a_tree_naming_a_missing_array_alone_is_unreadable():
    outcome = SimpleNamespace(results={})
    pending, _ = _take("JSON", result_event(["a"], tree={"a": "b"}), None, outcome)
    _take("NPY ", npy(np.zeros(1)), pending, outcome)
    (status, answer, detail), = outcome.results["lstm_step"]
    assert (status, answer) == ("error", None)
    assert detail == "the saved result could not be read (('malformed', {}))"
