"""Input limits (issue 12): what ketengraaf refuses to read, before parsing, with one sentence.

Every case: exit 2, ``FILE: message`` on stderr, no traceback, well under a second, and nothing read
into memory that the check could have avoided (a 2 GB sparse file is refused from its size alone).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
VALID = "ketengraaf: 1\norganisaties:\n  - {id: a, naam: A, soort: ministerie}\n"


def kg(*args: str, env: dict[str, str] | None = None, timeout: float = 30) -> tuple[subprocess.CompletedProcess, float]:
    t = time.perf_counter()
    p = subprocess.run([sys.executable, "-m", "ketengraaf", *args], capture_output=True, text=True, timeout=timeout,
                       env={**os.environ, **(env or {})})
    return p, time.perf_counter() - t


def refused(path: Path | str, message: str, *extra: str, env: dict[str, str] | None = None) -> None:
    """``validate`` exits 2 with exactly ``PATH: message`` and the summary line, quickly."""
    p, dt = kg("validate", *extra, str(path), env=env)
    assert p.returncode == 2, p.stderr
    assert "Traceback" not in p.stderr and p.stdout == ""
    assert p.stderr.splitlines()[0] == f"{path}: {message}", p.stderr
    assert dt < 5, dt  # a fresh interpreter included; the check itself is milliseconds


def test_nul_byte_is_not_text(tmp_path: Path) -> None:
    f = tmp_path / "m.yaml"
    f.write_bytes(b"ketengraaf: 1\nnaam: \x00\x01\x02binary\n")
    refused(f, "is not a text file: it holds a NUL byte (line 2, column 7); a model file is YAML text")


def test_nul_after_the_first_block_is_found_too(tmp_path: Path) -> None:
    f = tmp_path / "m.yaml"
    f.write_bytes(VALID.encode() + b"# " + b"x" * 70_000 + b"\n\x00")
    refused(f, "is not a text file: it holds a NUL byte (line 5, column 1); a model file is YAML text")


def test_control_character(tmp_path: Path) -> None:
    f = tmp_path / "m.yaml"
    f.write_bytes(b"ketengraaf: 1\norganisaties:\n  - {id: a, naam: A\x1b[31m, soort: ministerie}\n")
    refused(f, "is not a text file: it holds the control character U+001B (line 3, column 20); a model file is "
               "YAML text")


@pytest.mark.parametrize("raw,what,where", [
    (b"a: x\ry\n", "a carriage return without line feed", "line 3, column 5"),
    (b"a: x\r", "a carriage return without line feed", "line 3, column 5"),
    (b"a: x\xe2\x80\xa8y\n", "U+2028 LINE SEPARATOR", "line 3, column 5"),
    (b"a: x\xc2\x85y\n", "U+0085 NEXT LINE", "line 3, column 5"),
])
def test_line_breaks_the_readers_count_differently(tmp_path: Path, raw: bytes, what: str, where: str) -> None:
    """Found by the fuzzer: PyYAML counts these as line breaks, rapidyaml does not, so the two
    readers read different data and lines. CRLF is fine."""
    f = tmp_path / "m.yaml"
    f.write_bytes(b"ketengraaf: 1\n# x\n" + raw)
    refused(f, f"holds {what} ({where}), a line break that YAML readers count differently; use ordinary line "
               f"breaks (LF or CRLF) and spaces")
    f.write_bytes(VALID.replace("\n", "\r\n").encode())
    assert kg("validate", str(f))[0].returncode == 0


def test_line_break_checks_agree_on_both_regex_engines(monkeypatch: pytest.MonkeyPatch) -> None:
    """The checks run on RE2 and fall back to ``re``; `$` differs between them (found by
    hypothesis: `\\r$` matched the CR of a final CRLF in ``re`` only)."""
    import re

    import re2

    from ketengraaf.model import inputs
    from ketengraaf.errors import ModelInvalid
    texts = [b"a: x\r\n", b"a: x\r", b"a: x\ry", b"a\r\nb\r\n", b"a: x\n\r\n", "a\u2028".encode()]
    pattern = inputs._FORBIDDEN.pattern
    for engine in (re, re2):
        monkeypatch.setattr(inputs, "_FORBIDDEN", engine.compile(pattern))
        refused = []
        for t in texts:
            try:
                inputs._check_text("m.yaml", t, 0)
                refused.append(False)
            except ModelInvalid:
                refused.append(True)
        assert refused == [False, True, True, False, False, True], engine


def test_not_utf8(tmp_path: Path) -> None:
    f = tmp_path / "m.yaml"
    f.write_bytes(b"ketengraaf: 1\norganisaties:\n  - {id: a, naam: Financi\xebn, soort: ministerie}\n")
    refused(f, "is not UTF-8 text (line 3, column 26); save it as UTF-8")


def test_huge_sparse_file_is_refused_from_its_size(tmp_path: Path) -> None:
    f = tmp_path / "sparse.yaml"
    with open(f, "wb") as fh:
        fh.truncate(2 * 2**30)
    p, dt = kg("validate", str(f))
    assert p.returncode == 2 and dt < 5
    assert p.stderr.splitlines()[0] == (f"{f}: is 2 GiB, more than the 512 MiB a model file may be; raise the limit "
                                         f"with --max-file-size or KETENGRAAF_MAX_FILE_SIZE if this really is one model")


def test_size_limit_option_and_environment(tmp_path: Path) -> None:
    f = tmp_path / "m.yaml"
    f.write_text(VALID + "# " + "x" * 3000 + "\n", encoding="utf-8")
    msg = "is 3.0 KiB, more than the 2 KiB a model file may be; raise the limit with --max-file-size or " \
          "KETENGRAAF_MAX_FILE_SIZE if this really is one model"
    refused(f, msg, env={"KETENGRAAF_MAX_FILE_SIZE": "2K"})
    p, _ = kg("--max-file-size", "2K", "validate", str(f))
    assert p.returncode == 2 and p.stderr.splitlines()[0] == f"{f}: {msg}"
    assert kg("--max-file-size", "4K", "validate", str(f))[0].returncode == 0
    p, _ = kg("--max-file-size", "twee", "validate", str(f))
    assert p.returncode == 2 and "'twee' is not a size" in p.stderr


def test_long_line(tmp_path: Path) -> None:
    f = tmp_path / "m.yaml"
    f.write_text(VALID + "# " + "x" * 5000 + "\n", encoding="utf-8")
    refused(f, "has a line longer than 4 KiB (line 4, column 1); a model file is YAML text with one item per line "
               "or block, not minified data (the limit is set by KETENGRAAF_MAX_LINE)",
            env={"KETENGRAAF_MAX_LINE": "4K"})
    assert kg("validate", str(f))[0].returncode == 0  # the default (1 MiB) takes it


@pytest.mark.parametrize("depth,where,message", [
    (200, "2:78", "the YAML nests deeper than 64 levels (a model needs about six: section, item, list, kenmerken); "
                  "this is not a model file, or the limit is set too low (KETENGRAAF_MAX_DEPTH)"),
    (5000, "2:1014", "the YAML nests deeper than 1000 levels (a model needs about six); this is not a model file"),
])
def test_nesting_depth(tmp_path: Path, depth: int, where: str, message: str) -> None:
    """Before: a RecursionError ('internal error', exit 70) from 500 levels on."""
    f = tmp_path / "m.yaml"
    f.write_text("ketengraaf: 1\norganisaties: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    p, dt = kg("validate", str(f))
    assert p.returncode == 2 and dt < 5 and "Traceback" not in p.stderr
    assert p.stderr.splitlines()[0] == f"{f}:{where}: {message}"


def test_nesting_through_aliases(tmp_path: Path) -> None:
    lines = ["ketengraaf: 1", "a0: &a0 [x]"] + [f"a{i}: &a{i} [*a{i - 1}]" for i in range(1, 80)]
    f = tmp_path / "m.yaml"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    p, _ = kg("validate", str(f))
    assert p.returncode == 2 and "nests deeper than 64 levels" in p.stderr


def test_too_many_files(tmp_path: Path) -> None:
    d = tmp_path / "model"
    d.mkdir()
    for i in range(6):
        (d / f"f{i}.yaml").write_text("ketengraaf: 1\n", encoding="utf-8")
    refused(d, "holds more than 5 model files (.yaml, .yml); the limit is set by KETENGRAAF_MAX_FILES",
            env={"KETENGRAAF_MAX_FILES": "5"})


def test_fifo_as_the_model(tmp_path: Path) -> None:
    f = tmp_path / "m.yaml"
    os.mkfifo(f)
    refused(f, "is a named pipe (FIFO), not a model file or directory")


def test_device_as_the_model() -> None:
    refused("/dev/zero", "is a character device, not a model file or directory")


def _model_dir(tmp_path: Path) -> Path:
    d = tmp_path / "model"
    d.mkdir()
    (d / "a.yaml").write_text(VALID, encoding="utf-8")
    return d


def test_fifo_and_device_inside_a_directory_model(tmp_path: Path) -> None:
    d = _model_dir(tmp_path)
    os.mkfifo(d / "pijp.yaml")
    os.symlink("/dev/null", d / "niets.yml")
    p, dt = kg("validate", str(d))
    assert p.returncode == 2 and dt < 5
    assert p.stderr.splitlines() == [
        f"{d / 'niets.yml'}: is a character device, not a model file; remove it or rename it",
        f"{d / 'pijp.yaml'}: is a named pipe (FIFO), not a model file; remove it or rename it",
        "ketengraaf: the model has 2 errors"]


def test_directory_named_like_a_model_file(tmp_path: Path) -> None:
    d = _model_dir(tmp_path)
    (d / "extra.yaml").mkdir()
    refused(d / "extra.yaml", "the directory holds no .yaml or .yml files")
    p, _ = kg("validate", str(d))
    assert p.returncode == 2 and p.stderr.splitlines()[0] == (
        f"{d / 'extra.yaml'}: is a directory named like a model file; rename it (the files in it are read all the "
        f"same)")


def test_symlink_loops(tmp_path: Path) -> None:
    own = tmp_path / "zelf.yaml"
    os.symlink("zelf.yaml", own)
    refused(own, "is a symbolic link loop (a link that leads back to itself); remove or fix the link")
    d = _model_dir(tmp_path)
    os.symlink("lus.yaml", d / "lus.yaml")
    os.symlink(".", d / "terug")  # a directory link back to itself: read once, not for ever
    p, dt = kg("validate", str(d))
    assert p.returncode == 2 and dt < 5
    assert p.stderr.splitlines()[:2] == [
        f"{d / 'lus.yaml'}: is a symbolic link loop (a link that leads back to itself); remove or fix the link",
        f"{d / 'terug'}: is a symbolic link loop: it leads back to {d}, which is already read; remove the link"]


def test_dangling_symlink(tmp_path: Path) -> None:
    d = _model_dir(tmp_path)
    os.symlink("weg.yaml", d / "b.yaml")
    p, _ = kg("validate", str(d))
    assert p.returncode == 2
    assert p.stderr.splitlines()[0] == f"{d / 'b.yaml'}: is a symbolic link to nothing (weg.yaml); remove or fix the link"


def test_symlinked_model_directory_is_followed(tmp_path: Path) -> None:
    d = _model_dir(tmp_path)
    (tmp_path / "meer").mkdir()
    (tmp_path / "meer" / "b.yaml").write_text(
        "ketengraaf: 1\norganisaties:\n  - {id: b, naam: B, soort: ministerie}\n", encoding="utf-8")
    os.symlink("../meer", d / "meer")
    p, _ = kg("validate", str(d))
    assert p.returncode == 0 and "2 organisaties" in p.stdout


def test_unreadable_file(tmp_path: Path) -> None:
    """Run as an unprivileged user when the tests run as root (root reads everything)."""
    base = Path("/tmp") / f"kg-unreadable-{os.getpid()}"
    shutil.rmtree(base, ignore_errors=True)
    base.mkdir(mode=0o755)
    try:
        os.chmod(base, 0o755)
        f = base / "m.yaml"
        f.write_text(VALID, encoding="utf-8")
        os.chmod(f, 0o000)
        cmd = [sys.executable, "-m", "ketengraaf", "validate", str(f)]
        if os.geteuid() == 0:
            setpriv = shutil.which("setpriv")
            assert setpriv, "setpriv (util-linux) is needed to test as an unprivileged user"
            cmd = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", *cmd]
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
        p = subprocess.run(cmd, capture_output=True, text=True, timeout=60, env=env, cwd="/")
        assert p.returncode == 2, p.stderr
        assert p.stderr.splitlines()[0] == f"{f}: cannot be read: permission denied"
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_no_such_file(tmp_path: Path) -> None:
    refused(tmp_path / "weg.yaml", "no such file or directory")
