package rules

import (
	"github.com/hpyproject/hpylint/analysis/diag"
	"github.com/hpyproject/hpylint/analysis/model"
)

var BlockingWaitInInit = register(&Rule{
	Code:     "HPY305",
	Name:     "blocking-wait-in-init",
	Severity: diag.Warning,
	Summary:  "Module initialisation waits for another thread",
	Doc: Doc{
		What:    "Reports a join or wait reachable from any init root (exec and create slots, single-phase init, `PyInit_`) when a thread start is reachable from the same root, or when the GIL is released around the wait (on the way to it or in its function). Starts: `pthread_create`, `thrd_create`, `PyThread_start_new_thread`, `CreateThread`, `std::thread`/`std::jthread`/`std::async`. Waits: `pthread_join`, `pthread_cond_wait`, `PyThread_acquire_lock` (blocking), `thrd_join`, `cnd_wait`, `sem_wait`, `WaitForSingleObject`, C++ `.join()`/`.wait()`, and a `std::jthread` leaving its scope. GIL releases: `HPy_LeavePythonExecution`, `HPy_BEGIN_LEAVE_PYTHON`, `Py_BEGIN_ALLOW_THREADS`, `PyEval_SaveThread`. Calls through function pointers and C++ methods are not followed.",
		Why:     "The thread that imports an extension holds the module's import lock until initialisation ends. If initialisation waits for another thread, and that thread imports this module (often indirectly: a callback, a worker that imports the package), it blocks on the lock the waiting thread holds: the import hangs forever, and only under load or on some interpreters.",
		Example: "HPyDef_SLOT(mod_exec, HPy_mod_exec)\nstatic int mod_exec_impl(HPyContext *ctx, HPy m)\n{\n    pthread_t t;\n    pthread_create(&t, NULL, warm_up_cache, NULL);   /* warm_up_cache imports the package */\n    pthread_join(t, NULL);\n    return 0;\n}",
		Fix:     "Do not wait in initialisation: start the work lazily on first use, let it finish in the background (detached, reporting through a flag or a queue checked later), or do it synchronously on the importing thread.",
	},
	Run: runBlockingWaitInInit,
})

func runBlockingWaitInInit(pass *Pass) {
	starts := map[*model.Root]*model.Site{}
	startOf := func(r *model.Root) *model.Site {
		if s, ok := starts[r]; ok {
			return s
		}
		starts[r] = threadStart(r)
		return starts[r]
	}
	hazard := func(f initFinding) bool {
		return f.site.Kind == model.WaitSite && (startOf(f.root) != nil || gilReleasedOnPath(f.site, f.Path()))
	}
	initFindings(pass, allRootKinds, hazard, func(f initFinding) diag.Diagnostic {
		if start := startOf(f.root); start != nil {
			locs, _ := pathLocations(f)
			l := labels(pass, append(locs, start.Loc))
			return initDiagnostic(pass, f, "%s waits for another thread during module initialisation: %s; the thread started by %s (%s) deadlocks on the module lock this thread holds if it imports this module",
				f.site.What, describePath(pass, f), start.What, l[len(l)-1])
		}
		return initDiagnostic(pass, f, "%s waits for another thread with the GIL released during module initialisation: %s; a thread that imports this module meanwhile deadlocks on the module lock this thread holds",
			f.site.What, describePath(pass, f))
	})
}

// threadStart is the first thread start the root reaches, or nil.
func threadStart(r *model.Root) *model.Site {
	for _, fn := range r.Reach().Funcs {
		sites := fn.Sites()
		for i := range sites {
			if sites[i].Kind == model.ThreadStartSite {
				return &sites[i]
			}
		}
	}
	return nil
}

// gilReleasedOnPath reports whether the GIL is released at the site or at
// any call on the way to it.
func gilReleasedOnPath(site model.Site, path []model.Step) bool {
	if site.GILReleased {
		return true
	}
	for _, s := range path[1:] {
		if s.Call.GILReleased {
			return true
		}
	}
	return false
}
