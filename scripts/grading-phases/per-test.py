# micro.ts snippet (docs/performance.md, Session 14): each test of the last job, best of 30 runs,
# inclusive, with the harness functions below timed inside it (perf_counter wrappers, ~1 us each).
#   git apply scripts/grading-phases/instrument.patch
#   npx tsx scripts/grading-phases/micro.ts scripts/grading-phases/per-test.py [--tree <checkout>]
#   git apply -R scripts/grading-phases/instrument.patch
import sys
out = sys.stdout
H['begin'](BEGIN_TEXT)
NAMES = ('prepare_imports', 'with_support', 'exec_hidden', 'testcase_intact', 'machinery_classes_intact',
         'mocks_intact', 'fingerprint', 'same_fingerprint', 'hidden_function_cells', 'regex_intact',
         'boot_modules_intact', 'learner_file_intact', 'call_test')
spent = {}
held = {}


def timed(name, fn):
    def wrapper(*args, **kwargs):
        start = perf()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0) + perf() - start
    return wrapper


for name in NAMES:
    if name in H:
        held[name] = H[name]
        H[name] = timed(name, H[name])
results = {}
for index in range(len(JOB['job']['tests'])):
    runs = {}
    for _ in range(30):
        spent.clear()
        start = perf()
        H['run_test'](index)
        spent['test'] = perf() - start
        for name, seconds in spent.items():
            runs.setdefault(name, []).append(seconds)
    results[index] = {name: round(min(values) * 1e6, 1) for name, values in runs.items()}
for name, fn in held.items():
    H[name] = fn
sys.stdout = out
for index, figures in results.items():
    print(index, JOB['job']['tests'][index].get('kind'), sorted(figures.items(), key=lambda item: -item[1]))
