"""Run a parameterized notebook with papermill, on a fresh or a warm (reused) kernel.

Kernel start-up (process, ipykernel, then ``import pandas, altair``) costs more than running a
briefing's cells. :class:`WarmKernel` keeps one kernel alive across notebooks: before each
notebook its user namespace is wiped (``InteractiveShell.reset(new_session=True)``, which also
resets the execution counter), so no variable leaks from one department to the next, while the
imported modules stay loaded. The kernel is restarted when it died, after a run that did not
end normally (timeout, kernel error), and after :attr:`WarmKernel.max_uses` notebooks.

Papermill still does the parameterizing and the executing (a small engine subclass hands its
notebook client our kernel manager and the warm kernel's one connected client, so no notebook
waits for a new client to become ready), so the
executed notebook keeps papermill's record: the ``injected-parameters`` cell and
``metadata.papermill.parameters``.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import nbformat
import papermill as pm
from jupyter_client.manager import AsyncKernelManager
from jupyter_core.utils import ensure_event_loop, run_sync
from nbformat import NotebookNode
from papermill.engines import NBClientEngine, papermill_engines
from papermill.exceptions import PapermillExecutionError
from papermill.log import logger as pm_logger
from papermill.utils import merge_kwargs, remove_args

from ..brief.params import validate_parameters
from ..core.files import atomic_write_text
from .lean import KERNEL_LINE

#: Name our papermill engine is registered under.
ENGINE_NAME = "deptbudget"
#: Modules a warm kernel imports before its first notebook.
DEFAULT_WARM_IMPORTS: tuple[str, ...] = (
    "pandas",
    "altair",
    "vl_convert",
    "IPython.display",
    "deptbudget",
    "deptbudget.brief.charts",
    "deptbudget.brief.params",
)
# The kernel keeps its history in memory: parallel kernels would fight over one sqlite file.
_KERNEL_ARGS = [
    "--HistoryManager.hist_file=:memory:",
    f"--IPKernelApp.exec_lines={KERNEL_LINE}",
]
_MODULE_NAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$")
_RESET_CODE = "get_ipython().reset(new_session=True)"


class NotebookError(RuntimeError):
    """A notebook cell raised; carries the failing cell and the partly executed notebook.

    Attributes
    ----------
    ename, evalue : str
        The exception's class name and message, as the kernel reported them.
    cell_index : int or None
        Index of the failing cell.
    nb : NotebookNode or None
        The notebook as executed up to the failure.
    """

    def __init__(
        self, ename: str, evalue: str, cell_index: int | None, nb: NotebookNode | None
    ) -> None:
        self.ename = ename
        self.evalue = evalue
        self.cell_index = cell_index
        self.nb = nb
        where = f" (cell {cell_index})" if cell_index is not None else ""
        super().__init__(f"{ename}: {evalue}{where}")


class _Engine(NBClientEngine):
    """NBClient engine that accepts a kernel manager and closes the client it opened."""

    @classmethod
    def execute_managed_notebook(
        cls,
        nb_man: Any,
        kernel_name: str,
        log_output: bool = False,
        stdout_file: Any = None,
        stderr_file: Any = None,
        start_timeout: int = 60,
        execution_timeout: int | None = None,
        **kwargs: Any,
    ) -> NotebookNode:
        """Execute ``nb_man.nb`` (see papermill's NBClientEngine); keep it in the sink."""
        from papermill.clientwrap import PapermillNotebookClient

        sink = kwargs.pop("deptbudget_sink", None)
        kc = kwargs.pop("deptbudget_kc", None)
        if sink is not None:
            # Papermill discards the notebook when a cell fails; the sink keeps it for the report.
            sink.append(nb_man.nb)
        kwargs = remove_args(["input_path"], **kwargs)
        safe_kwargs = remove_args(["timeout", "startup_timeout"], **kwargs)
        final_kwargs = merge_kwargs(
            safe_kwargs,
            timeout=execution_timeout if execution_timeout else kwargs.get("timeout"),
            startup_timeout=start_timeout,
            kernel_name=kernel_name,
            log=pm_logger,
            log_output=log_output,
            stdout_file=stdout_file,
            stderr_file=stderr_file,
        )
        client = PapermillNotebookClient(nb_man, **final_kwargs)
        # A warm kernel's own client, already connected: nbclient would otherwise open a new
        # one for every notebook and wait for it to be ready (a kernel_info round trip and up
        # to 0.2 s for IOPub), idle time that a batch worker pays per department.
        client.kc = kc
        try:
            return client.execute()
        finally:
            # With a caller's kernel manager nbclient leaves its client open: close its sockets
            # (not the warm kernel's: it serves the next notebook).
            if not client.owns_km and client.kc is not None and client.kc is not kc:
                client.kc.stop_channels()
            client.kc = None


papermill_engines.register(ENGINE_NAME, _Engine)


async def _connect(km: AsyncKernelManager, timeout: float) -> Any:
    kc = km.client()
    kc.start_channels()
    try:
        await kc.wait_for_ready(timeout=timeout)
    except BaseException:
        kc.stop_channels()
        raise
    kc.allow_stdin = False
    return kc


async def _run_code(kc: Any, code: str, timeout: float) -> dict[str, Any]:
    reply = await kc.execute_interactive(
        code, silent=True, store_history=False, timeout=timeout, output_hook=lambda msg: None
    )
    return reply["content"]


async def _start(km: AsyncKernelManager, cwd: str) -> None:
    await km.start_kernel(extra_arguments=list(_KERNEL_ARGS), cwd=cwd)


async def _stop(km: AsyncKernelManager) -> None:
    try:
        if await km.is_alive():
            await km.shutdown_kernel(now=True)
    finally:
        await km.cleanup_resources()


async def _alive(km: AsyncKernelManager) -> bool:
    return bool(await km.is_alive())


class WarmKernel:
    """A kernel kept alive across notebooks, its namespace wiped before each one.

    Use from one thread only (the kernel's sockets belong to that thread's event loop).

    Parameters
    ----------
    kernel_name : str
        Kernel spec name.
    warm_imports : iterable of str
        Modules imported once after start-up (missing ones are skipped).
    cwd : str or Path, optional
        The kernel's working directory (notebooks should use absolute paths).
    max_uses : int
        Restart after this many notebooks, to bound memory growth.
    startup_timeout : float
        Seconds to wait for the kernel to answer.
    """

    def __init__(
        self,
        kernel_name: str = "python3",
        warm_imports: Iterable[str] = DEFAULT_WARM_IMPORTS,
        cwd: str | Path | None = None,
        max_uses: int = 50,
        startup_timeout: float = 60,
    ) -> None:
        self.kernel_name = kernel_name
        self.warm_imports = tuple(warm_imports)
        for name in self.warm_imports:
            if not _MODULE_NAME.match(name):
                raise ValueError(f"not a module name: {name!r}")
        self.cwd = str(cwd or os.getcwd())
        self.max_uses = max_uses
        self.startup_timeout = startup_timeout
        self.km: AsyncKernelManager | None = None
        self._kc: Any = None
        self._kc_loop: Any = None
        self.uses = 0
        self.starts = 0
        self._dirty = False
        self._sock_dir: str | None = None

    def start(self) -> WarmKernel:
        """Start the kernel (if not running) and import :attr:`warm_imports` in it."""
        if self.km is not None:
            return self
        # IPC sockets: local only, no TCP ports to collide on, no "unencrypted TCP" warning.
        # Their path must be absolute: the kernel runs in self.cwd, its clients elsewhere.
        self._sock_dir = tempfile.mkdtemp(prefix="deptbudget-kernel-")
        km = AsyncKernelManager(kernel_name=self.kernel_name, transport="ipc")
        km.ip = os.path.join(self._sock_dir, "k")
        try:
            run_sync(_start)(km, self.cwd)
        except BaseException:
            shutil.rmtree(self._sock_dir, ignore_errors=True)
            raise
        self.km = km
        self.starts += 1
        self.uses = 0
        self._dirty = False
        if self.warm_imports:
            code = (
                "import importlib as _il\n"
                f"for _m in {self.warm_imports!r}:\n"
                "    try:\n        _il.import_module(_m)\n"
                "    except ImportError:\n        pass\n"
            )
            if "deptbudget.brief.charts" in self.warm_imports:
                code += "_il.import_module('deptbudget.brief.charts').warm_up()\n"
            self.run(code)
        return self

    def run(self, code: str, timeout: float | None = None) -> dict[str, Any]:
        """Run trusted, constant code in the kernel (never user text); return the reply."""
        if self.km is None:
            raise RuntimeError("kernel not started")
        content = run_sync(_run_code)(self.client(), code, timeout or self.startup_timeout)
        if content.get("status") != "ok":
            raise RuntimeError(f"kernel refused set-up code: {content.get('evalue')}")
        return content

    def client(self) -> Any:
        """Return this kernel's client, connected and ready (one per kernel and event loop).

        Its sockets belong to the event loop they were opened on: a caller on another loop
        (a Dask task in a new context) gets a new client.
        """
        if self.km is None:
            raise RuntimeError("kernel not started")
        loop = ensure_event_loop()
        if self._kc is None or self._kc_loop is not loop:
            self._close_client()
            self._kc = run_sync(_connect)(self.km, self.startup_timeout)
            self._kc_loop = loop
        return self._kc

    def _close_client(self) -> None:
        kc, self._kc, self._kc_loop = self._kc, None, None
        if kc is not None:
            kc.stop_channels()

    def is_alive(self) -> bool:
        """Return whether the kernel process is running."""
        return self.km is not None and run_sync(_alive)(self.km)

    def shutdown(self) -> None:
        """Stop the kernel; a later :meth:`prepare` starts a new one."""
        if self.km is not None:
            km, self.km = self.km, None
            self._close_client()
            try:
                run_sync(_stop)(km)
            finally:
                if self._sock_dir:
                    shutil.rmtree(self._sock_dir, ignore_errors=True)
                    self._sock_dir = None

    def mark_dirty(self) -> None:
        """Ask for a restart before the next notebook (the last run ended abnormally)."""
        self._dirty = True

    def prepare(self) -> AsyncKernelManager:
        """Return a kernel manager whose kernel is alive and has an empty namespace."""
        if self.km is not None and (self._dirty or self.uses >= self.max_uses or not self.is_alive()):
            self.shutdown()
        if self.km is None:
            self.start()
        self.run(_RESET_CODE)
        assert self.km is not None
        return self.km

    def __enter__(self) -> WarmKernel:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.shutdown()


def _as_parameter_values(params: Mapping[str, Any]) -> dict[str, Any]:
    # papermill writes unknown types as unquoted str(value), i.e. as code: paths become str.
    return {k: str(v) if isinstance(v, os.PathLike) else v for k, v in params.items()}


def execute_notebook(
    template_nb: str | Path,
    params: Mapping[str, Any],
    out_nb: str | Path | None,
    kernel_manager: WarmKernel | None = None,
    *,
    timeout: int | None = 600,
    validate: bool = True,
) -> NotebookNode:
    """Execute ``template_nb`` with ``params`` through papermill.

    Parameters
    ----------
    template_nb : str or Path
        The notebook with a cell tagged ``parameters``.
    params : mapping
        Parameter values (paths may be ``Path``; they are passed as ``str``). Values go to
        papermill as values, which writes them as escaped literals: no code is built here.
    out_nb : str or Path or None
        Where to write the executed notebook (atomically), or None.
    kernel_manager : WarmKernel, optional
        A warm kernel to reuse; None starts (and stops) a cold kernel for this notebook only.
    timeout : int or None
        Seconds allowed per cell.
    validate : bool
        Check ``params`` with :func:`~deptbudget.brief.params.validate_parameters` first (and
        pass the completed set, defaults included). Turn off for notebooks with other
        parameters.

    Returns
    -------
    NotebookNode
        The executed notebook, with papermill's metadata.

    Raises
    ------
    ParameterError
        If ``validate`` and a parameter is wrong (no kernel is started).
    NotebookError
        If a cell raised.
    """
    values = _as_parameter_values(params)
    if validate:
        values = validate_parameters(values)
    sink: list[NotebookNode] = []
    kwargs: dict[str, Any] = {
        "engine_name": ENGINE_NAME,
        "progress_bar": False,
        "log_output": False,
        "request_save_on_cell_execute": False,
        "execution_timeout": timeout,
        "deptbudget_sink": sink,
        "extra_arguments": list(_KERNEL_ARGS),
    }
    own_kernel = kernel_manager is None
    if kernel_manager is None:
        kernel_manager = WarmKernel(warm_imports=())
    kwargs["km"] = kernel_manager.prepare()
    kwargs["deptbudget_kc"] = kernel_manager.client()
    try:
        nb = pm.execute_notebook(str(template_nb), None, parameters=values, **kwargs)
    except PapermillExecutionError as exc:
        raise NotebookError(exc.ename, exc.evalue, exc.cell_index, sink[0] if sink else None) from exc
    except BaseException:
        kernel_manager.mark_dirty()
        raise
    finally:
        kernel_manager.uses += 1
        if own_kernel:
            kernel_manager.shutdown()
    if out_nb is not None:
        atomic_write_text(out_nb, nbformat.writes(nb))
    return nb
