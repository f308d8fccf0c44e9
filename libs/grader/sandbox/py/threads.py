# Threads in the sandbox. WebAssembly Pyodide has no threads: `Thread.start()` raises "can't start
# new thread", so an honest submission that uses a thread (a lock-protected counter, a
# ThreadPoolExecutor.map) got an error where CPython passes. Here a started thread runs to its end
# at once, inside `start()`, in the thread that started it: one of the schedules CPython may
# choose, so code that is correct under any schedule gets CPython's verdict. A thread that waits
# for something only a later statement of its starter does (an Event set after start(), a queue
# filled later) blocks as it would if it were alone, until the test's time limit: the known
# limit. Runs in its own namespace (python-worker.mjs, ISOLATED_EXPORTS); learner code can patch
# these functions like any other standard library code, which changes only its own threads.

import _thread
import _threading_local
import queue
import sys
import threading
import concurrent.futures.thread as pool


def start_joinable_thread(function, handle=None, daemon=True):
    """threading.Thread.start's way in (`function` is the thread's `_bootstrap`): run it now.
    `_bootstrap` registers the thread under the current ident and removes that entry when it
    ends, so the starter's own entry is put back. A handle that was never started cannot be
    marked done, so the thread gets a finished one of its own (join() and is_alive() ask it)."""
    ident = _thread.get_ident()
    starter = threading._active.get(ident)
    done = _thread._make_thread_handle(ident)
    thread = getattr(function, '__self__', None)
    try:
        function()
    finally:
        if starter is not None:
            threading._active[ident] = starter
        done._set_done()
        if isinstance(thread, threading.Thread):
            thread._os_thread_handle = done
    return done


def start_new_thread(function, args, kwargs=None):
    """_thread.start_new_thread: run it now; an exception is reported, not raised, as CPython's
    thread does ("Exception ignored in thread started by ...")."""
    try:
        function(*args, **(kwargs or {}))
    except SystemExit:
        pass
    except BaseException as exc:
        print(f'Exception ignored in thread started by: {function!r}', file=sys.stderr)
        print(f'{type(exc).__name__}: {exc}', file=sys.stderr)
    return _thread.get_ident()


def run_submitted_work(self):
    """ThreadPoolExecutor._adjust_thread_count, called by submit() after it queued a work item:
    instead of starting a worker thread (which would wait for more work for ever), run what is
    queued now, in one worker context per executor, initializer first, as a worker would."""
    context = self.__dict__.get('_grader_worker_context')
    if context is None:
        context = self._create_worker_context()
        self._grader_worker_context = context
        try:
            context.initialize()
        except BaseException:
            pool._base.LOGGER.critical('Exception in initializer:', exc_info=True)
            self._broken = 'A thread initializer failed, the thread pool is not usable anymore'
    while True:
        try:
            work_item = self._work_queue.get_nowait()
        except queue.Empty:
            return
        if work_item is None:
            continue
        if self._broken:
            work_item.future.set_exception(self.BROKEN(self._broken))
        else:
            work_item.run(context)


def install_threads():
    """Before any learner code: threads run when started (see above)."""
    _thread.start_joinable_thread = start_joinable_thread
    threading._start_joinable_thread = start_joinable_thread
    _thread.start_new_thread = _thread.start_new = start_new_thread
    pool.ThreadPoolExecutor._adjust_thread_count = run_submitted_work
    # threading.local: C's keeps one dict per OS thread state, and every thread here runs on the
    # starter's, so a started thread saw (and changed) its starter's values. The pure-Python
    # one the stdlib ships keys them by current_thread(), which is the started Thread while its
    # run() runs (hunt6-threads-executors).
    threading.local = _threading_local.local
