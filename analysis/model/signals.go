package model

// Signals are the tests the model makes of a C file's whole text rather
// than of its facts. An edit that changes none of them, and moves the
// file's facts without changing them, changes nothing the model
// concludes from the file.
type Signals struct{ NeedsFacts, HPyCode bool }

// SignalsOf makes the model's text tests of content.
func SignalsOf(content []byte) Signals {
	return Signals{NeedsFacts: mentionsHPyOrEntrypoint(content), HPyCode: isHPyCode(content)}
}
