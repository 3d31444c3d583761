package cli

func runServe(e *env, args []string) int { errorf(e, "serve: not built yet"); return ExitFailure }
func runNew(e *env, args []string) int   { errorf(e, "new: not built yet"); return ExitFailure }
func runInit(e *env, args []string) int  { errorf(e, "init: not built yet"); return ExitFailure }
func runPath(e *env, args []string) int  { errorf(e, "path: not built yet"); return ExitFailure }
