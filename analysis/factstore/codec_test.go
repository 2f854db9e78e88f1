package factstore

import (
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/hpyproject/hpylint/analysis/cfacts"
)

// sourcesUnder lists the C and C++ files below the roots with their
// grammar by name.
func sourcesUnder(t testing.TB, roots ...string) map[string]cfacts.Lang {
	out := map[string]cfacts.Lang{}
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if lang, ok := cfacts.LangOf(p); ok && d.Type().IsRegular() {
				out[p] = lang
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// roundTrip is what a later run reads back of f.
func roundTrip(t testing.TB, f *cfacts.Facts) *cfacts.Facts {
	got, err := decodeFacts(encodeFacts(f))
	if err != nil {
		t.Fatal(err)
	}
	return got
}

// Facts read back are the facts Extract made, unexported indexes included
// (reflect.DeepEqual reads them), so every method answers alike.
func TestDecodedFactsEqualExtract(t *testing.T) {
	files := sourcesUnder(t, "../../testdata", "../cfacts/testdata")
	if len(files) < 200 {
		t.Fatalf("found %d test sources; the testdata moved?", len(files))
	}
	for p, lang := range files {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		// Both grammars: a header's is decided by its includers.
		for _, l := range []cfacts.Lang{lang, 1 - lang} {
			want, err := cfacts.Extract(l, src)
			if err != nil {
				t.Fatal(err)
			}
			got := roundTrip(t, want)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s (lang %d): decoded facts differ from Extract's\n%s", p, l, firstDifference(got, want))
			}
			for _, m := range want.Macros {
				if m.IsHPyDef() && got.HPyDef(m.Arg(0).Text) != &got.Macros[indexOf(want, want.HPyDef(m.Arg(0).Text))] {
					t.Errorf("%s: HPyDef(%s) differs", p, m.Arg(0).Text)
				}
				if !reflect.DeepEqual(got.MacroCalls(m.Name), want.MacroCalls(m.Name)) {
					t.Errorf("%s: MacroCalls(%s) differs", p, m.Name)
				}
			}
		}
	}
}

func indexOf(f *cfacts.Facts, m *cfacts.MacroCall) int {
	for i := range f.Macros {
		if &f.Macros[i] == m {
			return i
		}
	}
	return -1
}

// TestDecodedFactsEqualExtractOnRealTrees is the same over the ports named
// by HPYLINT_REAL_TREES (colon-separated checkouts).
func TestDecodedFactsEqualExtractOnRealTrees(t *testing.T) {
	trees := os.Getenv("HPYLINT_REAL_TREES")
	if trees == "" {
		t.Skip("HPYLINT_REAL_TREES names no checkouts of the HPy ports")
	}
	n := 0
	for p, lang := range sourcesUnder(t, strings.Split(trees, ":")...) {
		src, err := os.ReadFile(p)
		if err != nil || len(src) > 8<<20 {
			continue
		}
		want, err := cfacts.Extract(lang, src)
		if err != nil {
			t.Fatal(err)
		}
		if got := roundTrip(t, want); !reflect.DeepEqual(got, want) {
			t.Errorf("%s: decoded facts differ from Extract's\n%s", p, firstDifference(got, want))
		}
		n++
	}
	t.Logf("%d files", n)
}

// firstDifference names the first exported field that differs.
func firstDifference(got, want *cfacts.Facts) string {
	g, w := reflect.ValueOf(got).Elem(), reflect.ValueOf(want).Elem()
	for i := range g.NumField() {
		if f := g.Type().Field(i); f.IsExported() && !reflect.DeepEqual(g.Field(i).Interface(), w.Field(i).Interface()) {
			return "field " + f.Name
		}
	}
	return "an unexported index"
}

// The codec must carry every field: a field added to the facts and not to
// the codec would read back as zero. Every field here is set to a value
// of its own, nil and empty lists both occur.
func TestCodecCarriesEveryField(t *testing.T) {
	var f cfacts.Facts
	fill(reflect.ValueOf(&f).Elem(), new(int))
	f.Lang = cfacts.CPP
	f.Reindex()
	got := roundTrip(t, &f)
	if !reflect.DeepEqual(got, &f) {
		t.Fatalf("round trip lost something: %s\ngot  %+v\nwant %+v", firstDifference(got, &f), got, &f)
	}
	// Lists nil and empty, a Gap absent.
	g := cfacts.Facts{Lang: cfacts.C, Calls: []cfacts.Call{{Args: cfacts.NewArgList(), Caller: -1}, {Args: cfacts.NewArgList([]cfacts.Arg{}...)}}, Refs: []cfacts.Ref{}}
	g.Reindex()
	if got := roundTrip(t, &g); !reflect.DeepEqual(got, &g) {
		t.Fatalf("nil and empty lists: got %+v, want %+v", got, &g)
	}
}

// fill sets every exported field below v to a distinct value; lists get
// two items.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("s" + strings.Repeat("x", *n%7) + string(rune('a'+*n%26)))
	case reflect.Int:
		v.SetInt(int64(*n % 3)) // small: enums (RefKind) stay in range, spans vary
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Pointer:
		v.Set(reflect.New(v.Type().Elem()))
		fill(v.Elem(), n)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := range 2 {
			fill(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Struct:
		if v.Type() == reflect.TypeFor[cfacts.ArgList]() {
			var args []cfacts.Arg
			fill(reflect.ValueOf(&args).Elem(), n)
			v.Set(reflect.ValueOf(cfacts.NewArgList(args...)))
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	case reflect.Map:
		// Unexported indexes: Reindex makes them.
	default:
		panic("fill: a field of kind " + v.Kind().String() + " the codec test does not know")
	}
}

// A payload that does not decode exactly is an error, never a panic.
func FuzzDecodeFacts(f *testing.F) {
	for _, p := range []string{"../../testdata/sample/src/pointlib/point.c", "../../testdata/sample/src/pointlib/point_type.c"} {
		src, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		facts, err := cfacts.Extract(cfacts.C, src)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(encodeFacts(facts))
	}
	var every cfacts.Facts
	fill(reflect.ValueOf(&every).Elem(), new(int))
	f.Add(encodeFacts(&every))
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decodeFacts(b)
		if err != nil {
			return
		}
		// Whatever decodes exactly is what the encoder makes of it.
		if again, err := decodeFacts(encodeFacts(got)); err != nil || !reflect.DeepEqual(again, got) {
			t.Fatalf("decoded facts do not round-trip: %v", err)
		}
	})
}
