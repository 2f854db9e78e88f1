package analysis

// FilesCounted is how many times a run's files read were counted so far.
func FilesCounted() int64 { return filesCounted.Load() }

// TextsRendered is how many findings' texts were rendered rather than
// taken from the run before's memo so far.
func TextsRendered() int64 { return textsRendered.Load() }
