"""`negsim serve` before it serves: where it listens, what it prints once, and the clear
errors for a port in use or half a certificate."""
from __future__ import annotations

import socket

import pytest

pytest.importorskip("nicegui", reason="install the [web] extra")
from sim.cli import main  # noqa: E402
from sim.cli.parser import build_parser  # noqa: E402
from sim.web.app import Options, announce  # noqa: E402


def test_it_listens_on_this_computer_only_unless_told():
    args = build_parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8080)


def test_on_every_interface_it_prints_the_students_address_and_a_plain_http_warning():
    lines: list[str] = []
    announce(Options(host="0.0.0.0", port=8080), "ABCD-EFGH-JKLM-NPQR", lines.append)
    text = "\n".join(lines)
    assert "Students open: http://" in text and ":8080/" in text
    assert "plain HTTP" in text and "--certfile" in text
    assert text.count("ABCD-EFGH-JKLM-NPQR") == 1
    lan: list[str] = []
    announce(Options(host="192.168.1.20", port=9000), "T", lan.append)
    assert "Students open: http://192.168.1.20:9000/" in lan
    assert any("plain HTTP" in line for line in lan)
    quiet: list[str] = []
    announce(Options(certfile="c.pem", keyfile="k.pem"), "T", quiet.append)
    assert quiet[0].startswith("negsim serve: the explorer is at https://127.0.0.1:8080/")
    assert not any("Warning" in line or "Students" in line for line in quiet)


def test_a_port_in_use_or_half_a_certificate_is_a_clear_error(capsys):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--port", str(port)]) == 2
    assert f"cannot listen on 127.0.0.1:{port}" in capsys.readouterr().err
    assert main(["serve", "--certfile", "c.pem"]) == 2
    assert "both --certfile and --keyfile" in capsys.readouterr().err
    assert main(["serve", "--max-replications", "0"]) == 2
