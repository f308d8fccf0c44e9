# Leaves state behind in the modules preloaded in the memory snapshot since session 10 (doctest,
# pickle, csv, tempfile, shutil; copyreg through pickle): registries in C module state (csv's
# dialects, copyreg's extension registry), pickle's dispatch tables, tempfile's cached tempdir.
# The reset writes the interpreter's whole memory back, so none of it may reach the next
# learner (zz-read-state.py looks; red team redpp found nothing left).
# expect-status: pass
import copyreg, csv, doctest, os, pickle, shutil, tempfile
copyreg.pickle(complex, lambda c: (complex, (9, 9)))
copyreg.add_extension('solution', 'add', 240)
csv.register_dialect('left_behind', delimiter=';')
csv.field_size_limit(5)
pickle.DEFAULT_PROTOCOL = 0
pickle._Pickler.dispatch[int] = lambda self, obj: None
os.mkdir('/tmp/left')
tempfile.tempdir = '/tmp/left'
tempfile.template = 'left_behind'
shutil.COPY_BUFSIZE = 1
doctest.register_optionflag('LEFT_BEHIND')
doctest.master = 'left_behind'
def add(a, b):
    return a + b
