"""A scripted classroom player over the server's real websocket (for bench/classroom.py).

It speaks NiceGUI's protocol as a browser would, without a browser: loads a page, connects
to /_nicegui_ws with the page's client id (Origin and Host as a browser sends them), keeps
the page's elements up to date from the server's `update` messages, answers the page's
JavaScript requests (the seat token in localStorage), and clicks buttons by their
data-testid. Enough to join a game and decide; not a general client.
"""
from __future__ import annotations

import asyncio
import html
import json
import random
import re
import time
import uuid
from typing import Any

import httpx
import socketio

ELEMENTS = re.compile(r"parseElements\(String\.raw`(.*?)`\)", re.S)
CLIENT = re.compile(r"'client_id': '([0-9a-f-]+)'")
NEXT = re.compile(r"'next_message_id': (\d+)")
SET_ITEM = re.compile(r'localStorage\.setItem\(("[^"]+"), ("[^"]+")\)')
GET_ITEM = re.compile(r'localStorage\.getItem\(("[^"]+")\)')


class Page:
    """One page of the app, open over a websocket."""

    def __init__(self, url: str, storage: dict[str, str]):
        self.url, self.storage = url, storage
        self.elements: dict[str, dict[str, Any]] = {}
        self.changed = asyncio.Event()
        self.sio = socketio.AsyncClient(reconnection=False)
        self.sio.on("update", self._update)
        self.sio.on("run_javascript", self._javascript)
        self.last_update = 0.0
        self.next_id = 0  # the next message id from the server, acknowledged as a browser does
        self._acks: asyncio.Task | None = None

    async def open(self, path: str) -> "Page":
        async with httpx.AsyncClient(base_url=self.url, timeout=30) as http:
            text = (await http.get(path)).text
        raw = html.unescape(ELEMENTS.search(text)[1].replace("&#36;", "$").replace("&#96;", "`"))
        self.elements = json.loads(raw)
        self.client_id = CLIENT.search(text)[1]
        query = {"client_id": self.client_id, "tab_id": str(uuid.uuid4()),
                 "document_id": str(uuid.uuid4()), "implicit_handshake": "true",
                 "next_message_id": NEXT.search(text)[1]}
        self.next_id = int(query["next_message_id"])
        await self.sio.connect(f"{self.url}?{httpx.QueryParams(query)}",
                               socketio_path="_nicegui_ws/socket.io", transports=["websocket"],
                               headers={"Origin": self.url})
        self._acks = asyncio.create_task(self._ack())
        return self

    async def close(self) -> None:
        if self._acks is not None:
            self._acks.cancel()
        await self.sio.disconnect()

    async def _ack(self) -> None:
        """Every 3 s, the messages received so far, as NiceGUI's page script does: the
        server keeps each page's messages until then, to send again after a reconnect
        (unacknowledged, for its whole reconnect window: 9 s instead of 3 s)."""
        acked = 0
        while True:
            await asyncio.sleep(3)
            if self.next_id > acked:
                try:
                    await self.sio.emit("ack", {"client_id": self.client_id,
                                                "next_message_id": self.next_id})
                    acked = self.next_id
                except socketio.exceptions.BadNamespaceError:
                    return

    def _seen(self, data: dict[str, Any]) -> None:
        if isinstance(data.get("_id"), int):
            self.next_id = max(self.next_id, data["_id"] + 1)

    async def _update(self, data: dict[str, Any]) -> None:
        self._seen(data)
        for key, element in data.items():
            if key == "_id":
                continue
            if element is None:
                self.elements.pop(key, None)
            else:
                self.elements[key] = element
        self.last_update = time.perf_counter()
        self.changed.set()

    async def _javascript(self, data: dict[str, Any]) -> None:
        self._seen(data)
        if "request_id" not in data:
            return  # JavaScript that expects no answer
        code, result = data["code"], None
        if (m := SET_ITEM.search(code)):
            self.storage[json.loads(m[1])] = json.loads(m[2])
            result = True
        elif (m := GET_ITEM.search(code)):
            result = self.storage.get(json.loads(m[1]))
        try:
            await self.sio.emit("javascript_response", {"request_id": data["request_id"],
                                                        "client_id": self.client_id,
                                                        "result": result})
        except socketio.exceptions.BadNamespaceError:
            pass  # this page was closed meanwhile (a player who has joined moves on)

    # --- finding and acting -----------------------------------------------------------
    def find(self, testid: str) -> str | None:
        for key, e in self.elements.items():
            if (e.get("props") or {}).get("data-testid") == testid:
                return key
        return None

    async def wait_for(self, *testids: str, timeout: float = 60.0) -> tuple[str, str]:
        """The first of `testids` on the page (waiting for updates): (testid, element id)."""
        ends = time.perf_counter() + timeout
        while True:
            for t in testids:
                if (key := self.find(t)) is not None:
                    return t, key
            self.changed.clear()
            left = ends - time.perf_counter()
            if left <= 0:
                texts = [e.get("text") for e in self.elements.values() if e.get("text")]
                raise TimeoutError(f"none of {testids} appeared; the page says: {texts[-3:]}")
            try:
                await asyncio.wait_for(self.changed.wait(), left)
            except asyncio.TimeoutError:
                pass

    async def emit(self, key: str, kind: str, args: list | None = None) -> None:
        listener = next(ev["listener_id"] for ev in self.elements[key].get("events", [])
                        if ev["type"] == kind)
        await self.sio.emit("event", {"id": int(key), "client_id": self.client_id,
                                      "listener_id": listener,
                                      "args": [json.dumps(a) for a in args or []]})

    async def click(self, testid: str) -> None:
        await self.emit(self.find(testid), "click")

    async def type(self, testid: str, text: str) -> None:
        key = self.find(testid)
        kind = next(ev["type"] for ev in self.elements[key]["events"]
                    if ev["type"].startswith("update:"))
        await self.emit(key, kind, [text])


async def join(url: str, code: str, actor: str, name: str, how: str = "take",
               timeout: float = 60.0) -> dict[str, str]:
    """Take `actor`'s seat in game `code` (`how`="advise": join its team as an adviser);
    returns this player's localStorage."""
    storage: dict[str, str] = {}
    page = await Page(url, storage).open("/join")
    await page.type("code", code)
    await page.type("name", name)
    await asyncio.sleep(0.2)
    await page.click("find")
    try:
        await page.wait_for(f"{how}-{actor}", timeout=timeout)
    except TimeoutError:
        await page.close()
        raise
    await page.click(f"{how}-{actor}")
    for _ in range(200):  # the seat's token kept (the browser's id comes first)
        if any(k.startswith("negsim-seat-") for k in storage):
            break
        await asyncio.sleep(0.05)
    await page.close()
    return storage


async def play(url: str, code: str, storage: dict[str, str], think: tuple[float, float],
               times: list[float], stop: asyncio.Event) -> int:
    """Decide (accept, or pass on a turn to propose) until the game is over or `stop`;
    each round trip (click to the next screen from the server) goes into `times`."""
    page = await Page(url, storage).open(f"/play/{code}")
    decided = 0
    while not stop.is_set():
        try:
            testid, key = await page.wait_for("accept", "pass", "reflection", timeout=5)
        except TimeoutError:
            continue
        if testid == "reflection":
            break
        await asyncio.sleep(random.uniform(*think))
        if page.find(testid) != key:
            continue  # the question went away meanwhile (a deadline)
        sent = time.perf_counter()
        page.changed.clear()
        await page.emit(key, "click")
        while key in page.elements and time.perf_counter() - sent < 30:
            page.changed.clear()
            try:
                await asyncio.wait_for(page.changed.wait(), 30)
            except asyncio.TimeoutError:
                break
        times.append((page.last_update - sent) * 1000)
        decided += 1
    await page.close()
    return decided


async def watch(url: str, code: str, storage: dict[str, str], stop: asyncio.Event) -> int:
    """A student who only looks: the seat page open until `stop`, kept up to date by the
    server like a browser's; returns the updates it was sent."""
    page = await Page(url, storage).open(f"/play/{code}")
    updates = 0
    while not stop.is_set():
        page.changed.clear()
        try:
            await asyncio.wait_for(page.changed.wait(), 1.0)
            updates += 1
        except asyncio.TimeoutError:
            pass
    await page.close()
    return updates
