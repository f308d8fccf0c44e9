def add(a, b):
    if isinstance(a, str):
        raise TypeError('no')
    return a - b
