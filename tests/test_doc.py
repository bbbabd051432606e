""".doc, .odt and .rtf through LibreOffice: the same clauses and deadlines as the .docx they were made
from; encrypted, corrupt and oversized files refused with a message naming the file.

The conversion tests need LibreOffice (apt-get install libreoffice-writer-nogui); they skip without
it unless CCHC_REQUIRE_OCR is set (as .ci/run does), in which case they run and fail.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest
from fakes import FakeEmbedder

from index.config import Config, load_config
from index.errors import ConverterUnavailable, FileTooLarge, IngestError
from index.formats import convert
from index.ingest import read_text
from index.parse.document import parse_document
from index.pipeline import add_file, index_corpus
from index.store.database import Store

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"

needs_office = pytest.mark.skipif(
    convert.soffice_command() is None and not os.environ.get("CCHC_REQUIRE_OCR"),
    reason=f"LibreOffice not installed: {convert.INSTALL_HINT}")


def _clauses(path: Path) -> list[tuple[str, str, tuple[str, ...], tuple[tuple[str, str, str], ...]]]:
    doc = parse_document(read_text(path), "x", "x")
    return [(c.path, c.text, tuple(c.lead_units), tuple((m.kind, m.date, m.recurrence) for m in c.dates))
            for c in doc.clauses]


def _soffice(source: Path, fmt: str, outdir: Path) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([convert.soffice_command() or "soffice", f"-env:UserInstallation={Path(profile).as_uri()}",
                        "--headless", "--convert-to", fmt, "--outdir", str(outdir), str(source)],
                       check=True, capture_output=True, timeout=120)
    return outdir / f"{source.stem}.{fmt}"


@needs_office
def test_doc_reads_like_its_docx() -> None:
    assert read_text(FIXTURES / "ke_hoach_bang.doc") == read_text(FIXTURES / "ke_hoach_bang.docx")
    clauses = _clauses(FIXTURES / "ke_hoach_bang.doc")
    assert clauses == _clauses(FIXTURES / "ke_hoach_bang.docx")
    assert sum(1 for c in clauses if c[3]) >= 5         # the task table's deadlines are there


@needs_office
@pytest.mark.parametrize("fmt", ["odt", "rtf"])
def test_odt_and_rtf_read_like_the_docx(fmt: str, tmp_path: Path) -> None:
    made = _soffice(FIXTURES / "ke_hoach_bang.docx", fmt, tmp_path)
    assert _clauses(made) == _clauses(FIXTURES / "ke_hoach_bang.docx")


def _encrypted_doc(target: Path) -> None:
    """The fixture with Word's "password-protected" flag set in its header (FibBase.fEncrypted):
    what our check and LibreOffice both look at. Real encryption would also scramble the text."""
    data = bytearray((FIXTURES / "ke_hoach_bang.doc").read_bytes())
    offset = next(o for o in range(512, len(data), 512) if data[o:o + 2] == b"\xec\xa5")
    flags = int.from_bytes(data[offset + 10:offset + 12], "little") | 0x0100
    data[offset + 10:offset + 12] = flags.to_bytes(2, "little")
    target.write_bytes(bytes(data))


@pytest.fixture()
def indexed(tmp_path: Path) -> Config:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copyfile(FIXTURES / "dinh_ky.txt", corpus / "dinh_ky.txt")
    config = load_config(ROOT / "config.toml").with_dirs(corpus=corpus, data=tmp_path / "data")
    index_corpus(config, embedder=FakeEmbedder())
    return config


BAD = [
    ("mat_khau.doc", _encrypted_doc, "password-protected .doc file, remove the password and send it again"),
    ("hong.doc", lambda t: t.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(range(256)) * 40),
     "corrupt or unreadable .doc file"),
    ("hong.odt", lambda t: t.write_bytes(b"PK\x03\x04 not really a zip" * 30), "corrupt or unreadable .odt"),
    ("hong.rtf", lambda t: t.write_bytes(b"just text, not RTF" * 30), "corrupt or unreadable .rtf"),
]


@needs_office
@pytest.mark.parametrize(("name", "make", "reason"), BAD, ids=[b[0] for b in BAD])
def test_bad_files_change_nothing(name: str, make, reason: str, indexed: Config) -> None:  # noqa: ANN001
    target = indexed.corpus_dir / name
    make(target)
    store = Store(indexed.db_path)
    before = (store.sources(), store.clause_ids())
    with pytest.raises(IngestError) as caught:
        add_file(indexed, target, embedder=FakeEmbedder(), store=store)
    assert str(caught.value) == f"{name}: {reason}"
    assert (store.sources(), store.clause_ids()) == before


def test_oversized_doc(tmp_path: Path) -> None:
    target = tmp_path / "lon.doc"
    target.write_bytes((FIXTURES / "ke_hoach_bang.doc").read_bytes())
    with pytest.raises(FileTooLarge, match="lon.doc: file is"):
        read_text(target, max_bytes=1000)


def test_without_libreoffice_names_the_package(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CCHC_SOFFICE", "/nonexistent/soffice")
    with pytest.raises(ConverterUnavailable, match="ke_hoach_bang.doc: .*apt-get install libreoffice-writer-nogui"):
        read_text(FIXTURES / "ke_hoach_bang.doc")
