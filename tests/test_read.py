"""Reading: encodings detected, text NFC-normalised, bad input named."""
from __future__ import annotations

import pytest

from loaders import LoaderError
from loaders.read import read, read_bytes
from conftest import seed_paths

SAMPLE = "关于印发《宿州市“十四五”市场监管现代化规划》的通知\n一、发展基础\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "utf-16", "utf-16-le"])
def test_encodings_are_detected(encoding):
    src = read_bytes(SAMPLE.encode(encoding), "x.txt")
    assert src.text == SAMPLE


def test_text_is_nfc_and_crlf_folded():
    decomposed = "Cafe\u0301\r\n市场"
    src = read_bytes(decomposed.encode("utf-8"), "x.txt")
    assert src.text == "Café\n市场"


def test_seeds_read_as_utf8(seeds):
    for p in seeds:
        src = read(p)
        assert src.encoding in ("utf-8", "utf-8-sig")
        assert len(src.text) > 1000


@pytest.mark.parametrize("raw,problem", [
    (b"", "empty"),
    (b"   \n  ", "empty"),
    (bytes(range(256)) * 20, "binary"),
])
def test_bad_bytes_raise_loader_error(raw, problem):
    with pytest.raises(LoaderError) as e:
        read_bytes(raw, "bad.txt")
    assert "bad.txt" in str(e.value) and problem in str(e.value)


def test_missing_file_names_the_file(tmp_path):
    with pytest.raises(LoaderError) as e:
        read(tmp_path / "nope.txt")
    assert "nope.txt" in str(e.value)
