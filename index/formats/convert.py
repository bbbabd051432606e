""".doc (Word 97-2003), .odt and .rtf: converted to .docx by LibreOffice headless, then read by the
.docx reader, so paragraphs and tables come out in document order exactly as for a .docx.

LibreOffice was chosen over antiword/catdoc because those print tables as loose text (the task
table's units and deadlines would lose their rows) and read .doc only. Encrypted files are refused
here, before LibreOffice sees them: headless it cannot ask for a password, and the refusal can
then say "password-protected" instead of "could not be loaded".
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import zipfile
from pathlib import Path

from index.errors import ConverterUnavailable, IngestError
from index.formats.word import DOCX_MAX_UNCOMPRESSED, OLE_MAGIC

SUFFIXES = (".doc", ".odt", ".rtf")
PACKAGE = "libreoffice-writer-nogui"
INSTALL_HINT = f"install LibreOffice: apt-get install {PACKAGE}"
TIMEOUT_S = 120
_FIB_MAGIC = b"\xec\xa5"              # wIdent, the first two bytes of a Word 97+ WordDocument stream
_FIB_ENCRYPTED = 0x0100              # FibBase.fEncrypted: the document is password-protected
_OLE_SECTOR = 512
# An encrypted .docx is an OLE container with this stream (names are UTF-16 in the directory).
_ENCRYPTION_INFO = "EncryptionInfo".encode("utf-16-le")


def soffice_command() -> str | None:
    """LibreOffice's command; CCHC_SOFFICE names another (or a missing one, to test absence)."""
    command = os.environ.get("CCHC_SOFFICE")
    if command is not None:
        return shutil.which(command)
    return shutil.which("soffice") or shutil.which("libreoffice")


def _word97_flags(data: bytes) -> int | None:
    """The flags of a Word 97-2003 file's header (the FIB), None when there is no Word header.
    The WordDocument stream is never in the OLE mini stream (it is over 4 KB), so the FIB starts
    on a sector boundary: look there, without an OLE library."""
    for offset in range(_OLE_SECTOR, len(data) - 12, _OLE_SECTOR):
        if data[offset:offset + 2] == _FIB_MAGIC and int.from_bytes(data[offset + 2:offset + 4], "little") >= 0x65:
            return int.from_bytes(data[offset + 10:offset + 12], "little")
    return None


def _check_doc(path: Path, name: str) -> None:
    data = path.read_bytes()     # the size was checked before: at most the upload limit
    if data[:8] != OLE_MAGIC:
        return                   # Word also saves RTF or HTML under .doc; LibreOffice reads both
    flags = _word97_flags(data)
    if _ENCRYPTION_INFO in data or (flags is not None and flags & _FIB_ENCRYPTED):
        raise IngestError(name, "password-protected .doc file, remove the password and send it again")
    if flags is None:     # LibreOffice would import the bytes as plain text: garbage, not an error
        raise IngestError(name, "corrupt or unreadable .doc file")


def _check_odt(path: Path, name: str) -> None:
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            manifest = archive.read("META-INF/manifest.xml") if "META-INF/manifest.xml" in archive.namelist() else b""
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        raise IngestError(name, "corrupt or unreadable .odt") from None
    if sum(m.file_size for m in members) > DOCX_MAX_UNCOMPRESSED:
        raise IngestError(name, "odt looks like a zip bomb")
    if b"encryption-data" in manifest:
        raise IngestError(name, "password-protected .odt file, remove the password and send it again")


def _check_rtf(path: Path, name: str) -> None:
    with path.open("rb") as fh:
        if not fh.read(5).startswith(b"{\\rtf"):
            raise IngestError(name, "corrupt or unreadable .rtf")


_CHECKS = {".doc": _check_doc, ".odt": _check_odt, ".rtf": _check_rtf}


def _run(args: list[str], name: str) -> None:
    """Run LibreOffice in its own process group: `soffice` is a script that starts soffice.bin, and
    on a timeout the whole group must go, not only the script."""
    try:
        process = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                   stderr=subprocess.DEVNULL, start_new_session=True)
    except OSError as exc:
        raise ConverterUnavailable(name, f"LibreOffice could not start ({exc.strerror}): {INSTALL_HINT}") from None
    try:
        process.wait(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise IngestError(name, f"LibreOffice took over {TIMEOUT_S} s to convert it") from None


def to_docx(path: Path, name: str, workdir: Path) -> Path:
    """Convert into `workdir` (a fresh temporary folder) and return the .docx; IngestError naming
    the file when it is encrypted, damaged, or LibreOffice is missing or hangs."""
    suffix = path.suffix.lower()
    _CHECKS[suffix](path, name)
    soffice = soffice_command()
    if soffice is None:
        raise ConverterUnavailable(name, f"a {suffix} file needs LibreOffice to be read: {INSTALL_HINT}")
    # A plain ASCII copy: LibreOffice names its output after the input and dislikes odd names.
    source = workdir / f"input{suffix}"
    shutil.copyfile(path, source)
    # A private profile: a desktop LibreOffice (or another conversion) may hold the default one.
    args = [soffice, f"-env:UserInstallation={(workdir / 'profile').as_uri()}", "--headless", "--norestore",
            "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(workdir / "out"), str(source)]
    _run(args, name)
    target = workdir / "out" / "input.docx"
    if not target.is_file() or target.stat().st_size == 0:
        raise IngestError(name, f"corrupt or unreadable {suffix} file")
    return target
