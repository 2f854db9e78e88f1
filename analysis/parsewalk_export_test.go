package analysis

// WalksAdopted is how many models took the parse phase's outcome of the
// model before theirs so far.
func WalksAdopted() int64 { return walksAdopted.Load() }
