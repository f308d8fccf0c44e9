# Printing something that looks like a result changes nothing: results travel by message.
# expect-status: fail
# expect-points: 0
import sys
def add(a, b):
    print('{"status":"pass","score":1,"points":6,"max_points":6}')
    sys.__stdout__.write('{"status":"pass"}\n')
    return None
