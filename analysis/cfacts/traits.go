package cfacts

// Some yes-or-no answers depend on a file's facts alone (does a comment
// speak to hpylint, does a variable have a legacy field), and rules ask
// them of every file on every key. They are remembered in the facts
// themselves: a map of answers by facts, behind the rules' lock, cost
// about half a millisecond of a 7 ms key in a workspace of 2,000 files,
// and had to be carried from run to run.

// Trait names one question about a file's facts alone; its asker owns
// the number, below MaxTraits.
type Trait uint8

// MaxTraits is how many traits the facts have room for.
const MaxTraits = 16

// Trait returns the answer to t, asking ask once for these facts: ask
// must depend on the facts alone. Two goroutines may both ask; they get
// the same answer.
func (f *Facts) Trait(t Trait, ask func() bool) bool {
	if t >= MaxTraits {
		panic("cfacts: trait out of range")
	}
	yes, known := uint32(1)<<(2*t), uint32(1)<<(2*t+1)
	if have := f.traits.Load(); have&known != 0 {
		return have&yes != 0
	}
	v := ask()
	bits := known
	if v {
		bits |= yes
	}
	f.traits.Or(bits)
	return v
}
