# red team 9 (redteam6): runs after redteam6-tmp-quota-leak.py (same worker when the pool grades
# one job at a time) and writes 4 MB in /tmp, as an honest file-writing submission may (the quota
# is 32 MB). Fixed: fs-guard gives back the bytes of a file a rename replaced (the leak above
# left 3 MB, and this found ENOSPC), and the quota count starts from zero after every reset.
# expect-status: pass
# must-not-contain: LEAKED
seen = []
try:
    with open('/tmp/room.bin', 'wb') as f:
        f.write(b'x' * (4 << 20))
except OSError as exc:
    seen.append('LEAKED no room in /tmp (%s)' % exc)
def add(a, b):
    if (a, b) == (2, 3):
        print(seen)
    return a + b
