# Ways out of the sandbox. Any success prints ESCAPED into a visible test's output.
# expect-status: pass
# must-not-contain: ESCAPED
import os, sys
results = []
def attempt(label, thunk):
    try:
        value = thunk()
        results.append(f'ESCAPED {label}: {value!r}'[:300])
    except BaseException as exc:
        results.append(f'blocked {label}: {type(exc).__name__}')
def js_process():
    import js
    return js.process.env
def pyodide_js_mount():
    import pyodide_js
    pyodide_js.mountNodeFS('/host', '/etc')
    return open('/host/passwd').read()
def run_js():
    from pyodide.code import run_js
    return run_js('process.pid')
def ffi():
    import pyodide.ffi
    return pyodide.ffi
def core():
    import _pyodide_core
    return _pyodide_core
def ctypes_():
    import ctypes
    return ctypes
def system():
    # os.system answers as a machine without a shell does (status 127 << 8: nothing ran)
    status = os.system('id')
    if status == 127 << 8:
        raise LookupError('no shell: nothing ran')
    return status
def host_file():
    return open('/etc/passwd').read()
def environment():
    env = dict(os.environ)
    if any(k in env for k in ('DATABASE_URL', 'JWT_SECRET', '_', 'PWD')) or '/work' in repr(env):
        return env
    raise LookupError('no host variables')
def sockets():
    import socket
    return socket.create_connection(('127.0.0.1', 5432))
# socket can be imported (doctest needs it through pdb); making a socket is still refused by
# the audit hook (socket.__new__, socket.getaddrinfo) and, outside Python, by the OS wall.
def raw_socket():
    import socket
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.connect(('127.0.0.1', 5432))
    return s
def c_socket():
    import _socket
    return _socket.socket()
def socket_pair():
    import socket
    return socket.socketpair()
# The network clients can be imported (mocked network suites): none of them reaches a host.
def urlopen_():
    import urllib.request
    return urllib.request.urlopen('http://127.0.0.1:5432/', timeout=1).read(10)
def http_client():
    import http.client
    conn = http.client.HTTPConnection('127.0.0.1', 5432, timeout=1)
    conn.request('GET', '/')
    return conn.getresponse().status
def smtp_():
    import smtplib
    return smtplib.SMTP('127.0.0.1', 25, timeout=1).noop()
def ftp_():
    import ftplib
    return ftplib.FTP('127.0.0.1', timeout=1).getwelcome()
# urllib's handlers called directly skip urlopen's audit event (red team redpp): the file
# handler is a plain open() of the emscripten file system (no host file in it), and an opener
# still raises the event for every scheme.
def file_handler_host():
    import urllib.request
    return urllib.request.FileHandler().file_open(urllib.request.Request('file:///etc/passwd')).read(50)
def file_handler_proc():
    import urllib.request
    return urllib.request.FileHandler().file_open(urllib.request.Request('file:///proc/self/environ')).read(50)
def opener_file():
    import urllib.request
    return urllib.request.build_opener().open('file:///tmp/solution.py').read(10)
def subprocess_():
    import subprocess
    return subprocess.run(['id'])
def jsproxy_via_subclasses():
    for cls in object.__subclasses__():
        if 'JsProxy' in cls.__name__ or 'Js' in cls.__name__[:2]:
            for value in list(vars(cls).values()):
                g = getattr(value, '__globals__', None)
                if isinstance(g, dict):
                    for v in list(g.values()):
                        if type(v).__name__.startswith('JsProxy') or 'Js' in type(v).__name__:
                            return v.constructor.constructor('return process')().pid
    raise LookupError('no proxy found')
def globals_walk():
    seen = []
    for cls in object.__subclasses__():
        for value in list(vars(cls).values()):
            g = getattr(value, '__globals__', None)
            if isinstance(g, dict):
                for name, v in list(g.items()):
                    tn = type(v).__name__
                    if 'JsProxy' in tn or 'JsDouble' in tn or tn.startswith('Js'):
                        try:
                            seen.append(v.process.pid)
                        except BaseException:
                            pass
                        try:
                            seen.append(v._module.FS.readFile('/etc/passwd'))
                        except BaseException:
                            pass
    if seen:
        return seen
    raise LookupError('nothing reachable')
def write_stdlib():
    with open('/lib/python3.14/evil_module.py', 'w') as f:
        f.write('x = 1')
    return 'wrote'
for label, thunk in list(globals().items()):
    pass
for name in ['js_process', 'pyodide_js_mount', 'run_js', 'ffi', 'core', 'ctypes_', 'system',
             'host_file', 'environment', 'sockets', 'raw_socket', 'c_socket', 'socket_pair', 'urlopen_', 'http_client', 'smtp_', 'ftp_', 'file_handler_host', 'file_handler_proc', 'opener_file', 'subprocess_', 'jsproxy_via_subclasses',
             'globals_walk', 'write_stdlib']:
    attempt(name, globals()[name])
def add(a, b):
    if (a, b) == (2, 3):
        print('\n'.join(results))
    return a + b
