package analysis

// FilesCounted is how many times a run's files read were counted so far.
func FilesCounted() int64 { return filesCounted.Load() }
