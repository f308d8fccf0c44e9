# asyncio in the sandbox. Pyodide's own event loop (WebLoop) drives coroutines from JavaScript's
# event loop, which the worker has locked away; CPython's selector loop needs a self-pipe made of
# sockets, which the audit hook refuses. This loop is asyncio's BaseEventLoop with a selector that
# never has I/O ready (there is none in the sandbox): waiting for the next timer sleeps, so
# asyncio.run, gather, sleep, queues, tasks and timeouts run as under CPython, on the sandbox's
# clock (virtual when the job sets one). Runs in its own namespace (python-worker.mjs,
# ISOLATED_EXPORTS): learner code reaches these classes, and their globals hold only what is here.

import asyncio
import asyncio.base_events
import asyncio.events
import selectors
import time


class NoIOSelector(selectors.BaseSelector):
    """No file descriptor is ever ready. A wait with no timer pending is a deadlock: under
    CPython it blocks for ever, so here it sleeps until the test's time limit stops it."""

    def register(self, fileobj, events, data=None):
        raise OSError('there is no I/O in the grader sandbox')

    def unregister(self, fileobj):
        raise KeyError(fileobj)

    def select(self, timeout=None):
        if timeout is None:
            while True:
                time.sleep(1)
        if timeout > 0:
            time.sleep(timeout)
        return []

    def get_map(self):
        return {}

    def close(self):
        pass


class SandboxEventLoop(asyncio.base_events.BaseEventLoop):
    def __init__(self):
        super().__init__()
        self._selector = NoIOSelector()

    def _process_events(self, event_list):
        pass

    def _write_to_self(self):
        pass  # one thread: a callback scheduled "from another thread" is already in _ready


class SandboxEventLoopPolicy(asyncio.events._BaseDefaultEventLoopPolicy):
    _loop_factory = SandboxEventLoop


def install_event_loop():
    """Before any learner code: asyncio's default policy makes SandboxEventLoops, and asyncio.run
    is asyncio's own again (Pyodide wraps it to run on its WebLoop, marked as running)."""
    import asyncio.runners
    asyncio.run = asyncio.runners.run
    if asyncio.events._get_running_loop() is not None:
        asyncio.events._set_running_loop(None)
    asyncio.events._set_event_loop_policy(SandboxEventLoopPolicy())
    return SandboxEventLoop  # the runner's loop factory: a policy learner code sets is not asked
