"""`negsim serve`: one NiceGUI app, one root page per browser tab, three sub-pages.

Why a root with sub-pages (NiceGUI 3): the root runs once per tab and makes that tab's
`Session`, so the explorer's changes and the teacher's unlock follow the tab from page to
page, and nothing a tab does is kept in a module-level variable another tab could see.
"""
from __future__ import annotations

import gc
import socket
import sys
import threading
from dataclasses import dataclass, field
from typing import Callable, Sequence

from fastapi.middleware.gzip import GZipMiddleware
from nicegui import app, ui
from nicegui import run as background

from ..files.errors import InputError
from .common.arguments import check_classroom, check_tls
from .common.chrome import LANGUAGE, header
from .pages.class_page import class_page
from .pages.dashboard_page import dashboard_page
from .classroom.debrief_view import PRINT_CSS
from .pages.explorer_page import explorer_page
from .pages.join_page import join_page
from .pages.projector_page import projector_page
from .common.library import MAX_UPLOAD_BYTES
from .common.runs import Caps
from .common.workers import spare
from .pages.seat_page import seat_page
from .common.security import SameOriginGuard, allowed_hosts, lan_address
from .pages.session import Server, Session
from .pages.sources_page import sources_page
from .pages.teacher_page import teacher_page

READY = "Explorer ready: its worker processes have run the first scenarios (a Run is quick now)."


def root_page(server: Server) -> Callable[[], None]:
    """The function NiceGUI calls for each new tab."""
    def root() -> None:
        session = Session(server, ui.context.client.ip)
        ui.page_title("negsim")
        ui.query("body").classes("bg-gray-50")
        ui.add_css(PRINT_CSS)
        header()
        ui.sub_pages({"/": lambda: explorer_page(session),
                      "/sources": lambda: sources_page(session),
                      "/join": lambda code="": join_page(session, code),
                      "/play/{code}": lambda code: seat_page(session, code),
                      "/classroom": lambda: dashboard_page(session),
                      "/classroom/{sid}": lambda sid: class_page(session, sid),
                      "/teacher": lambda: teacher_page(session),
                      "/projector/{code}": lambda code: projector_page(session, code)}
                     ).classes("w-full")
    return root


@dataclass
class Options:
    host: str = "127.0.0.1"
    port: int = 8080
    certfile: str | None = None
    keyfile: str | None = None
    caps: Caps = field(default_factory=Caps)
    allow_hosts: Sequence[str] = ()
    classroom: str = "results/classroom"  # the classroom's games, kept across restarts


def check_port(host: str, port: int) -> None:
    """A port in use is the user's to change: say so before NiceGUI starts."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError as exc:
            raise InputError.one(f"cannot listen on {host}:{port} ({exc.strerror}); give "
                                 f"another with --port, or another --host.", "command line")


def students_url(opts: Options) -> str | None:
    """The address students type when the server is on a network ('Students open: ...');
    None when it listens on this computer only."""
    if opts.host in ("127.0.0.1", "localhost", "::1"):
        return None
    scheme = "https" if opts.certfile else "http"
    everywhere = opts.host in ("0.0.0.0", "::")
    address = (lan_address() or socket.gethostname()) if everywhere else opts.host
    return f"{scheme}://{address}:{opts.port}/"


def announce(opts: Options, token: str, out=print, games: int = 0) -> None:
    """What the terminal shows once: where to open, the token, and, when the server is on
    a network, the address students type and the plain-HTTP warning."""
    scheme = "https" if opts.certfile else "http"
    everywhere = opts.host in ("0.0.0.0", "::")
    out(f"negsim serve: the explorer is at {scheme}://"
        f"{'127.0.0.1' if everywhere else opts.host}:{opts.port}/  (Ctrl-C stops it)")
    if (students := students_url(opts)) is not None:
        out(f"Students open: {students}")
        if scheme == "http":
            out("Warning: this is plain HTTP. Anyone on this network can read what is sent, "
                "the teacher token included when you type it. On a network you do not trust, "
                "serve HTTPS with --certfile FILE --keyfile FILE.")
    out(f"Classroom games are kept in {opts.classroom}/ (students join on the 'Join a game' "
        f"page){f'; {games} game(s) taken up again' if games else ''}.")
    out(f"Teacher token (shown only now; type it on the Teacher page): {token}")
    sys.stdout.flush()


def warm(server: Server) -> None:
    """The explorer's workers started and warm, then a line saying so: a class's first Run
    from then on waits for neither."""
    server.warm()
    if not server.runner.closed:
        print(READY, flush=True)


def freeze_what_is_loaded() -> None:
    """Move every object the server holds once it has started (the simulator and NiceGUI
    imported, the scenarios loaded, the games taken up again: about 160,000 objects that
    stay as long as the server) out of the garbage collector's sight. Why: a full
    collection walks every object the server holds and stops the event loop meanwhile;
    in a class of 10 games it ran every few seconds, and each walk of this part alone
    took 100 ms on the 2-core machine, a delay for every student who clicked then. What is
    frozen is never collected as garbage: only what lives as long as the server is."""
    gc.collect()
    gc.freeze()
    young, middle, _ = gc.get_threshold()
    gc.set_threshold(young, middle, FULL_AFTER)


# Full collections at most once every this many middle-generation ones (Python's default
# is 10): in a class of 10 games that was every 3 s of allocation, and a full walk of what
# the pages hold (half a million objects) took 300-400 ms on the 2-core machine, each a
# wait for every click then. At 100, a full collection comes every 30 s or so, walking
# more garbage (some 40 MB more memory between two), a few times rarer per click.
FULL_AFTER = 100


def serve(opts: Options) -> None:
    """Start the server and block until Ctrl-C."""
    check_tls(opts.certfile, opts.keyfile)
    check_classroom(opts.classroom)
    check_port(opts.host, opts.port)
    server, token = Server.start(opts.caps, classroom=opts.classroom)
    app.add_middleware(SameOriginGuard, hosts=allowed_hosts(opts.host, opts.allow_hosts),
                       max_body=MAX_UPLOAD_BYTES + 20_000)
    app.on_shutdown(server.library.close)
    app.on_shutdown(server.runner.close)
    app.on_shutdown(spare.close)
    app.on_startup(freeze_what_is_loaded)
    # NiceGUI's own worker pool (run.cpu_bound, not used by negsim's pages) not forked from
    # the server either, should a page use it: a fork keeps the listening socket
    background.process_pool_start_method = "forkserver"
    threading.Thread(target=warm, args=(server,), name="negsim-warm", daemon=True).start()
    app.timer(0.5, server.classroom.tick)  # deadlines and paced clocks of every game
    server.classroom.students_url = students_url(opts)  # on the projector view
    announce(opts, token, games=len(server.classroom.codes))
    for text in server.classroom.broken:
        print(f"Not taken up again: {text}")
    del token
    tls = ({"ssl_certfile": opts.certfile, "ssl_keyfile": opts.keyfile}
           if opts.certfile else {})
    ui.run(root_page(server), host=opts.host, port=opts.port, reload=False, show=False,
           title="negsim", show_welcome_message=False, language=LANGUAGE,
           gzip_middleware_factory=gzip, **tls)


def gzip(inner):
    """Responses compressed at zlib level 6, not Starlette's 9: on the event loop, the
    explorer's page took 12 ms at 9 and 3.3 ms at 6 (2% larger), and a class opens a
    hundred pages at once when the games start."""
    return GZipMiddleware(inner, minimum_size=500, compresslevel=6)
