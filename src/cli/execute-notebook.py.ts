/**
 * The Python side of {@link runNotebook}: nbconvert's ExecutePreprocessor (what `jupyter
 * nbconvert --execute` runs), driven so that the executed notebook is written even when a cell
 * fails — the CLI writes nothing then, and tslab's errors live in the cell's stderr output,
 * which the CLI's message leaves out. Prints one JSON line: `{"failedCell": index | null}`.
 *
 * argv: source notebook, executed notebook, kernel name, cell timeout (s), working directory.
 */
export const EXECUTE_NOTEBOOK_PY = `
import json, sys
import nbformat
from nbconvert.preprocessors import CellExecutionError, ExecutePreprocessor

src, dst, kernel, timeout, cwd = sys.argv[1:6]

class Runner(ExecutePreprocessor):
    failed_cell = None
    def preprocess_cell(self, cell, resources, index):
        try:
            return super().preprocess_cell(cell, resources, index)
        except CellExecutionError:
            self.failed_cell = index
            raise

nb = nbformat.read(src, as_version=4)
runner = Runner(timeout=int(timeout), kernel_name=kernel)
try:
    runner.preprocess(nb, {"metadata": {"path": cwd}})
except CellExecutionError:
    pass
finally:
    nbformat.write(nb, dst)
print(json.dumps({"failedCell": runner.failed_cell}))
`;
