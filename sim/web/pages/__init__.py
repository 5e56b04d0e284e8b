"""One NiceGUI page per address, and the tab's `Session` they all take: the only modules
that know of both the explorer and the classroom."""
