"""Article texts are pinned by sha256; metadata addresses and quote spans read well when wrong."""

from __future__ import annotations

import hashlib

import pytest

from tests.briefs.test_store_problems import break_file, copy_seeds, line_of, problems_for

AP = "articles/ap-beijing.txt"


def test_an_edit_outside_every_quote_is_one_text_changed_problem(tmp_path):
    """Changing a word no quote covers is caught by the sha256, once, with the new hash."""
    root = copy_seeds(tmp_path)
    path = root / AP
    edited = path.read_bytes().replace(b"world's second-largest", b"world's 2nd-largest", 1)
    path.write_bytes(edited)
    meta = (root / "articles/ap-beijing.yaml").read_text(encoding="utf-8")
    (problem,) = problems_for(root)
    assert (problem.file, problem.line) == (
        "seeds/articles/ap-beijing.yaml",
        line_of(meta, "sha256:"),
    )
    assert problem.message == (
        "article text changed: seeds/articles/ap-beijing.txt no longer matches its sha256 in "
        "ap-beijing.yaml; restore the published text or, if the change is intended, update "
        f"sha256 to {hashlib.sha256(edited).hexdigest()}"
    )


def test_an_edit_that_moves_quotes_skips_their_span_messages(tmp_path):
    """A word inserted before the quotes gives the one text problem, not one per quote."""
    root = copy_seeds(tmp_path)
    path = root / AP
    path.write_bytes(path.read_bytes().replace(b"BEIJING (AP)", b"BEIJING, China (AP)", 1))
    (problem,) = problems_for(root)
    assert problem.message.startswith("article text changed: seeds/articles/ap-beijing.txt")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: b"\xef\xbb\xbf" + data, "starts with a byte-order mark (BOM)"),
        (
            lambda data: data.replace(b"\n", b"\r\n"),
            "has Windows line endings (CRLF, first on line 1), which shift the spans; "
            "save it with LF line endings",
        ),
    ],
    ids=["bom", "crlf"],
)
def test_bom_or_crlf_is_named_once(tmp_path, change, message):
    """A BOM or CRLF line endings is one problem saying so, not a span problem per quote."""
    root = copy_seeds(tmp_path)
    path = root / AP
    path.write_bytes(change(path.read_bytes()))
    (problem,) = problems_for(root)
    assert (problem.file, problem.line) == (f"seeds/{AP}", None)
    assert message in problem.message


def test_missing_sha256_says_what_to_write(tmp_path):
    """An article without sha256 is refused with the line to add."""
    root = copy_seeds(tmp_path)
    meta = (root / "articles/polar-herald.yaml").read_text(encoding="utf-8")
    pin = next(line for line in meta.splitlines() if line.startswith("sha256:"))
    break_file(root, "articles/polar-herald.yaml", pin + "\n", "")
    (problem,) = problems_for(root)
    digest = hashlib.sha256((root / "articles/polar-herald.txt").read_bytes()).hexdigest()
    assert f"article 'polar-herald' has no 'sha256'; add sha256: {digest}" in problem.message


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("javascript:alert(1)", "'javascript:alert(1)' is not an absolute http(s) address"),
        ("polarherald", "'polarherald' is not an absolute http(s) address"),
        ("https:///no-host", "'https:///no-host' is not an absolute http(s) address"),
        ("https://polar herald.com/", "'https://polar herald.com/' has a space in it"),
    ],
)
def test_url_must_be_an_absolute_http_address(tmp_path, url, message):
    """Readers are sent to the url, so only an absolute http(s) address with a host passes."""
    root = copy_seeds(tmp_path)
    broken = break_file(root, "articles/polar-herald.yaml", "url: https://", f"url: {url} #")
    (problem,) = problems_for(root)
    assert problem.line == line_of(broken, "url:")
    assert f"article 'polar-herald': url {message}" in problem.message


def test_source_file_must_be_a_file_name_of_its_own(tmp_path):
    """source_file names the original file; a path, or another article's file, is refused."""
    root = copy_seeds(tmp_path)
    break_file(root, "articles/ap-beijing.yaml", "source_file: 002_", "source_file: ../002_")
    (problem,) = problems_for(root)
    assert "'../002_eb1cbd2b9c2b9e30.txt' is not a file name" in problem.message
    break_file(root, "articles/ap-beijing.yaml", "../002_eb1cbd2b9c2b9e30", "000_1e833a92d8528a1f")
    (problem,) = problems_for(root)
    assert problem.file == "seeds/articles/polar-herald.yaml"
    assert "is also the source of ap-beijing.yaml" in problem.message


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "start: 935",
            "start: -5",
            "start",
            "quote 'trump-51st-state' has start -5, before the start of the article "
            "(offsets count from 0); found at 935-950; set start: 935, end: 950",
        ),
        (
            "end: 950",
            "end: 99999",
            "end",
            "quote 'trump-51st-state' has end 99999, past the end of the article (ap-beijing has",
        ),
        (
            "end: 950",
            "end: 935",
            "start",
            "quote 'trump-51st-state' has start 935 and end 935; end is exclusive",
        ),
    ],
    ids=["negative-start", "end-past-the-text", "empty-span"],
)
def test_span_outside_the_article_reads_well(tmp_path, old, new, field, message):
    """A span that cannot be in the article says which end is wrong, in words."""
    root = copy_seeds(tmp_path)
    broken = break_file(root, "facts/quotes.yaml", old, new)
    (problem,) = problems_for(root)
    anchor = new if field in new else "start: 935"
    assert problem.line == line_of(broken, anchor)
    assert message in problem.message
