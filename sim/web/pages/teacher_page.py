"""The teacher's page: type the token to unlock teacher actions in this tab, upload a
scenario for the class, take an uploaded one off the list, download the teaching package
of the scenario this tab explores."""
from __future__ import annotations

from nicegui import run as background
from nicegui import ui

from ...files.errors import InputError
from ...play.brief.package import zipped
from ..common.chrome import message, note, titled_card, upload_button
from ..common.library import MAX_UPLOAD_BYTES, Refused
from .session import Session


def teacher_page(session: Session) -> None:
    TeacherView(session).page()


class TeacherView:
    def __init__(self, session: Session):
        self.session = session

    def page(self) -> None:
        with ui.column().classes("w-full p-4 gap-3 max-w-4xl"):
            with titled_card("Teacher token",
                             "negsim serve printed it once in its terminal. It unlocks teacher "
                             "actions in this tab only; reloading the tab locks them again. "
                             "Then the Classroom page runs games with your class."):
                with ui.row().classes("items-center gap-3"):
                    self.token = ui.input("Token", password=True) \
                        .props("autocomplete=off").classes("w-72").mark("token")
                    self.token.on("keydown.enter", self.unlock)
                    ui.button("Unlock", on_click=self.unlock).mark("unlock")
                    ui.button("Lock", on_click=self.lock).props("outline")
                self.unlocked = message().mark("token-status")
                self.show_lock()
            with titled_card("Upload a scenario for the class",
                             f"A scenario file (.yaml, at most {MAX_UPLOAD_BYTES // 1000} kB) "
                             f"checked like any file. It may use only the bundled params files "
                             f"(../params/NAME.yaml) and extend only a bundled scenario "
                             f"(extends: march-2023.yaml). Once accepted, every browser can "
                             f"pick it."):
                upload = ui.upload(on_upload=self.upload, on_rejected=self.rejected,
                                   auto_upload=True, max_file_size=MAX_UPLOAD_BYTES,
                                   label="Scenario file") \
                    .props("accept=.yaml,.yml").classes("w-96").mark("upload")
                upload_button(upload, "Choose a scenario file").mark("choose-file")
                self.outcome = message().mark("upload-status") \
                    .props("data-testid=upload-status")
            self.uploads()
            with titled_card("Teaching package",
                             "The printed briefs for the scenario this tab explores, with "
                             "the explorer's changes: the general brief, one confidential "
                             "brief per seat, the teaching note, the debrief worksheet and "
                             "the rubric, as A4 HTML (and PDF when Chromium or Chrome is on "
                             "the server), in one zip."):
                ui.button("Download the teaching package (zip)", on_click=self.brief) \
                    .mark("brief")
                self.brief_status = message().mark("brief-status")

    def show_lock(self) -> None:
        self.unlocked.set_text("Teacher actions are unlocked in this tab."
                               if self.session.teacher else "Locked: teacher actions are refused.")

    def unlock(self) -> None:
        ok, text = self.session.unlock(self.token.value or "")
        self.token.set_value("")  # the token does not stay on screen, even hidden
        self.unlocked.set_text(text)
        if ok:
            self.uploads.refresh()

    def lock(self) -> None:
        self.session.lock()
        self.show_lock()
        self.uploads.refresh()

    async def upload(self, e) -> None:
        data = await e.file.read()
        try:
            entry = self.session.upload(e.file.name, data)
        except Refused as exc:
            e.sender.reset()  # the widget's tick means "received", not "accepted": clear it
            self.outcome.set_text(str(exc))
            self.outcome.classes("text-red-800")
            return
        self.outcome.classes(remove="text-red-800")
        self.outcome.set_text(f"Accepted: {entry.name} ({entry.title}). It is now in the "
                              f"explorer's list of scenarios.")
        self.uploads.refresh()

    def rejected(self) -> None:
        self.outcome.set_text(f"Refused: the file is larger than {MAX_UPLOAD_BYTES:,} bytes.")

    @ui.refreshable_method
    def uploads(self) -> None:
        library = self.session.server.library
        with ui.card().classes("w-full").mark("uploads"):
            ui.label("Uploaded scenarios").classes("text-lg font-bold")
            names = [n for n, e in library.entries.items() if e.uploaded]
            if not names:
                note("None yet.")
            for name in names:
                with ui.row().classes("items-center gap-3"):
                    ui.label(f"{name}: {library.entries[name].title}")
                    ui.button("Remove", on_click=lambda n=name: self.remove(n)) \
                        .props("outline dense").mark(f"remove-{name}")

    def remove(self, name: str) -> None:
        try:
            self.session.remove(name)
        except Refused as exc:
            self.outcome.set_text(str(exc))
            return
        self.outcome.set_text(f"Removed {name}.")
        self.uploads.refresh()

    async def brief(self) -> None:
        """Teacher only: the package of this tab's scenario, written off the event loop
        (the PDFs take some seconds), then offered as a download."""
        try:
            self.session.require_teacher("downloading the teaching package")
        except Refused as exc:
            self.brief_status.set_text(str(exc))
            return
        scenario = self.session.explorer.scenario()
        self.brief_status.set_text(f"Writing the package for {scenario.spec.title} ...")
        try:  # PDFs only when the server has Chromium or Chrome (pdf_note says if not)
            data, pdf_note = await background.io_bound(zipped, scenario, True)
        except (InputError, OSError) as exc:
            self.brief_status.set_text(f"The package could not be written: {exc}")
            return
        name = f"{scenario.name}-teaching-package.zip"
        ui.download.content(data, name, "application/zip")
        self.brief_status.set_text(f"Downloaded: {name}." + (f" {pdf_note}" if pdf_note else ""))
