package cfacts

// Reindex fills in what Extract derives from the exported facts for fast
// lookups (the indexes HPyDef, MacroCalls, Modinits and PyInits read), for
// facts stored and read back elsewhere (package factstore): afterwards
// they answer every method as the facts Extract made.
func (f *Facts) Reindex() {
	f.indexMacros()
	f.indexPyInits()
}
