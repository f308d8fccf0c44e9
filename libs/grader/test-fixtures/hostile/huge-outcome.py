# Values and names too large to travel: a 12 MB string as a case's value and an exception class
# with a 5 MB name. Each test ends in an error verdict; the sandbox survives them.
# expect-status: fail
# expect-tests: adds_floats=error rejects_text=error
def add(a, b):
    if isinstance(a, str):
        raise type('E' * 5_000_000, (TypeError,), {})()
    return 'x' * 12_000_000
