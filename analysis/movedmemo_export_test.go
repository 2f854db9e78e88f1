package analysis

// ReadingsMade is how many edits sharedQuietReading has read so far.
func ReadingsMade() int64 { return readingsMade.Load() }
