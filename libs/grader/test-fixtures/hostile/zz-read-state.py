# Looks for anything an earlier submission (leave-state.py, plant-next-solution.py,
# redpp-leave-module-state.py) left behind:
# /tmp holds the job's own solution.py and nothing else.
# expect-status: pass
# must-not-contain: LEAKED
import builtins, codecs, gc, os, sys, unittest, ast, linecache
seen = []
def check(label, leaked):
    try:
        if leaked():
            seen.append('LEAKED ' + label)
    except BaseException as exc:
        seen.append(f'LEAKED {label} ({type(exc).__name__})')
check('file', lambda: os.path.exists('/tmp/leftover.txt') or os.path.exists('/tmp/dir') or os.path.exists('/tmp/__pycache__'))
check('source', lambda: __file__ != '/tmp/solution.py' or open(__file__).read() != ''.join(linecache.getlines(__file__)))  # this job's text
check('builtins', lambda: builtins.len('ab') != 2)
check('meta_path', lambda: any(type(f).__name__ == 'Finder' for f in sys.meta_path))
check('sys.path', lambda: '/tmp' in sys.path[:1])
check('sys.modules', lambda: 'left_behind' in sys.modules or sys.modules.get('math', 0) is None)
def codec_left():
    try:
        codecs.lookup('leftcodec')
        return True
    except LookupError:
        return False
check('codec', codec_left)
check('unittest', lambda: unittest.main is None or ast.parse is None)
check('environ', lambda: 'LEFT_BEHIND' in os.environ)
check('cwd', lambda: os.getcwd() != '/tmp')
check('gc', lambda: not gc.isenabled())
check('fd', lambda: os.listdir('/tmp') != ['solution.py'])  # the job's own file only
# the modules preloaded in the snapshot (redpp-leave-module-state.py)
import copyreg, csv, doctest, pickle, shutil, tempfile
check('copyreg', lambda: copyreg.dispatch_table[complex](1j) != (complex, (0.0, 1.0)) or copyreg._extension_registry)
check('pickle', lambda: pickle.DEFAULT_PROTOCOL == 0 or pickle._Pickler.dispatch[int].__name__ != 'save_long')
check('csv', lambda: 'left_behind' in csv.list_dialects() or csv.field_size_limit() == 5)
check('tempfile', lambda: tempfile.tempdir is not None or tempfile.template != 'tmp')
check('shutil', lambda: shutil.COPY_BUFSIZE == 1)
check('doctest', lambda: 'LEFT_BEHIND' in doctest.OPTIONFLAGS_BY_NAME or doctest.master is not None)
def add(a, b):
    if (a, b) == (2, 3):
        print(seen)
    return a + b
