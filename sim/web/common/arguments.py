"""`negsim serve`'s own arguments, checked before a token is printed or a port is bound.

Why before: a server that prints a teacher token and then fails (a missing certificate, a
classroom folder that is a file) leaves a teacher with a token for nothing, and a hang
or a traceback in front of a class. Each check is one line and exit 2.
"""
from __future__ import annotations

import ssl
import tempfile
from pathlib import Path

from ...files.errors import InputError


def check_tls(certfile: str | None, keyfile: str | None) -> None:
    """Both or neither; both readable; the key the certificate's own."""
    if bool(certfile) != bool(keyfile):
        raise InputError.one("give both --certfile and --keyfile for HTTPS.", "command line")
    if not certfile:
        return
    for option, name in (("--certfile", certfile), ("--keyfile", keyfile)):
        path = Path(name)
        if not path.is_file():
            raise InputError.one(f"{option}: no such file (or it is a folder); give the "
                                 f"PEM file.", path)
        try:
            path.open("rb").close()
        except OSError as exc:
            raise InputError.one(f"{option}: cannot read this file ({exc.strerror}).", path)
    try:
        ssl.create_default_context(ssl.Purpose.CLIENT_AUTH).load_cert_chain(certfile, keyfile)
    except ssl.SSLError as exc:
        raise InputError.one(f"--certfile and --keyfile do not make a certificate and its "
                             f"key ({exc.reason or exc}); give the PEM certificate and the "
                             f"private key made with it.", certfile) from None


def check_classroom(folder: str) -> None:
    """A folder negsim can write in: made when absent, refused when it is a file."""
    path = Path(folder)
    if path.exists() and not path.is_dir():
        raise InputError.one("--classroom must be a folder, and this is a file.", path)
    try:
        path.mkdir(parents=True, exist_ok=True)
        tempfile.TemporaryFile(dir=path).close()
    except OSError as exc:
        raise InputError.one(f"--classroom: cannot write in this folder ({exc.strerror}); "
                             f"choose another.", path) from None
