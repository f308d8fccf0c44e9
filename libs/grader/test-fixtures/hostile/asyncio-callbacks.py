# Callbacks scheduled on the event loop must never run during a later submission.
# expect-status: pass
# must-not-contain: CALLBACK
import asyncio
def later():
    print('CALLBACK ran')
try:
    loop = asyncio.get_event_loop()
    loop.call_later(0.001, later)
    loop.call_soon(later)
except BaseException as exc:
    pass
def add(a, b):
    return a + b
