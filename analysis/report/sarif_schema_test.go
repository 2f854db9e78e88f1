package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"
)

// A validator for the part of JSON Schema draft-07 that the SARIF 2.1.0
// schema uses: $ref to #/definitions, type, properties, required,
// additionalProperties, items, enum, minimum, maximum, minItems,
// uniqueItems, pattern, format (uri, uri-reference, date-time; leniently),
// anyOf and oneOf. Any other keyword makes validation fail loudly, so the
// validator never passes a document by ignoring a rule it does not know.

type jsonSchema struct {
	root     map[string]any
	patterns map[string]*regexp.Regexp
}

// loadSchema reads a schema, or skips the test when the file is absent.
func loadSchema(t *testing.T, path string) *jsonSchema {
	t.Helper()
	data, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Skipf("schema %s not found: SARIF schema validation skipped", path)
	}
	if err != nil {
		t.Fatal(err)
	}
	root, err := decodeJSONNumbers(data)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	m, ok := root.(map[string]any)
	if !ok {
		t.Fatalf("%s: not a schema object", path)
	}
	return &jsonSchema{root: m, patterns: map[string]*regexp.Regexp{}}
}

// decodeJSONNumbers decodes JSON keeping numbers exact (json.Number), so
// "integer" can be told from "number".
func decodeJSONNumbers(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	if dec.More() {
		return nil, fmt.Errorf("trailing data after the JSON value")
	}
	return v, nil
}

// Validate returns every violation, each prefixed with its JSON pointer.
func (s *jsonSchema) Validate(doc []byte) []string {
	inst, err := decodeJSONNumbers(doc)
	if err != nil {
		return []string{"not JSON: " + err.Error()}
	}
	var errs []string
	s.check(s.root, inst, "", &errs)
	return errs
}

var ignoredKeywords = map[string]bool{
	"$schema": true, "$id": true, "id": true, "title": true, "description": true, "default": true, "definitions": true,
}

func (s *jsonSchema) check(schema any, inst any, ptr string, errs *[]string) {
	fail := func(format string, args ...any) {
		*errs = append(*errs, fmt.Sprintf("%s: %s", orRoot(ptr), fmt.Sprintf(format, args...)))
	}
	switch sc := schema.(type) {
	case bool:
		if !sc {
			fail("no value is allowed here")
		}
		return
	case map[string]any:
		if ref, ok := sc["$ref"]; ok {
			// draft-07: keywords beside $ref are ignored.
			target, err := s.resolve(ref)
			if err != nil {
				fail("%v", err)
				return
			}
			s.check(target, inst, ptr, errs)
			return
		}
		keys := make([]string, 0, len(sc))
		for k := range sc {
			keys = append(keys, k)
		}
		sort.Strings(keys) // deterministic messages
		for _, k := range keys {
			s.keyword(k, sc[k], sc, inst, ptr, fail, errs)
		}
	default:
		fail("schema is neither an object nor a boolean: %T", schema)
	}
}

func (s *jsonSchema) keyword(k string, v any, sc map[string]any, inst any, ptr string, fail func(string, ...any), errs *[]string) {
	if ignoredKeywords[k] {
		return
	}
	obj, isObj := inst.(map[string]any)
	arr, isArr := inst.([]any)
	switch k {
	case "type":
		var types []string
		switch tv := v.(type) {
		case string:
			types = []string{tv}
		case []any:
			for _, x := range tv {
				types = append(types, fmt.Sprint(x))
			}
		}
		for _, t := range types {
			if hasType(inst, t) {
				return
			}
		}
		fail("is %s, want %s", typeOf(inst), strings.Join(types, " or "))
	case "properties":
		if !isObj {
			return
		}
		props, _ := v.(map[string]any)
		for name, sub := range props {
			if val, ok := obj[name]; ok {
				s.check(sub, val, ptr+"/"+name, errs)
			}
		}
	case "additionalProperties":
		if !isObj {
			return
		}
		props, _ := sc["properties"].(map[string]any)
		if _, ok := sc["patternProperties"]; ok {
			fail("patternProperties is not supported by this validator")
			return
		}
		for name, val := range obj {
			if _, declared := props[name]; declared {
				continue
			}
			if b, ok := v.(bool); ok && !b {
				fail("property %q is not allowed", name)
				continue
			}
			s.check(v, val, ptr+"/"+name, errs)
		}
	case "required":
		if !isObj {
			return
		}
		for _, name := range v.([]any) {
			if _, ok := obj[name.(string)]; !ok {
				fail("lacks required property %q", name)
			}
		}
	case "items":
		if !isArr {
			return
		}
		if _, tuple := v.([]any); tuple {
			fail("tuple-form items is not supported by this validator")
			return
		}
		for i, el := range arr {
			s.check(v, el, fmt.Sprintf("%s/%d", ptr, i), errs)
		}
	case "minItems":
		if isArr && int64(len(arr)) < intOf(v) {
			fail("has %d items, want at least %s", len(arr), v)
		}
	case "uniqueItems":
		if b, _ := v.(bool); b && isArr {
			seen := map[string]bool{}
			for _, el := range arr {
				key := canonical(el)
				if seen[key] {
					fail("items are not unique: %s repeats", key)
				}
				seen[key] = true
			}
		}
	case "enum":
		for _, allowed := range v.([]any) {
			if canonical(allowed) == canonical(inst) {
				return
			}
		}
		fail("%s is not one of %s", canonical(inst), canonical(v))
	case "minimum", "maximum":
		n, ok := inst.(json.Number)
		if !ok {
			return
		}
		got, _ := n.Float64()
		limit, _ := v.(json.Number).Float64()
		if k == "minimum" && got < limit || k == "maximum" && got > limit {
			fail("%s is out of range (%s %s)", n, k, v)
		}
	case "pattern":
		str, ok := inst.(string)
		if !ok {
			return
		}
		re, err := s.pattern(v.(string))
		if err != nil {
			fail("pattern %q does not compile: %v", v, err)
			return
		}
		if !re.MatchString(str) {
			fail("%q does not match %q", str, v)
		}
	case "format":
		str, ok := inst.(string)
		if !ok {
			return
		}
		switch v {
		case "uri":
			if u, err := url.Parse(str); err != nil || u.Scheme == "" {
				fail("%q is not an absolute URI", str)
			}
		case "uri-reference":
			if _, err := url.Parse(str); err != nil {
				fail("%q is not a URI reference: %v", str, err)
			}
		case "date-time":
			if _, err := time.Parse(time.RFC3339, str); err != nil {
				fail("%q is not a date-time: %v", str, err)
			}
		default:
			fail("format %q is not supported by this validator", v)
		}
	case "anyOf", "oneOf":
		matched := 0
		var why []string
		for _, sub := range v.([]any) {
			var subErrs []string
			s.check(sub, inst, ptr, &subErrs)
			if len(subErrs) == 0 {
				matched++
			} else {
				why = append(why, strings.Join(subErrs, "; "))
			}
		}
		if matched == 0 {
			fail("matches none of %s: %s", k, strings.Join(why, " | "))
		} else if k == "oneOf" && matched > 1 {
			fail("matches %d schemas of oneOf, want exactly one", matched)
		}
	default:
		fail("keyword %q is not supported by this validator", k)
	}
}

func (s *jsonSchema) resolve(ref any) (any, error) {
	str, _ := ref.(string)
	name, ok := strings.CutPrefix(str, "#/definitions/")
	if !ok || strings.Contains(name, "/") {
		return nil, fmt.Errorf("$ref %q is not supported by this validator", str)
	}
	defs, _ := s.root["definitions"].(map[string]any)
	target, ok := defs[name]
	if !ok {
		return nil, fmt.Errorf("$ref %q names no definition", str)
	}
	return target, nil
}

func (s *jsonSchema) pattern(p string) (*regexp.Regexp, error) {
	if re := s.patterns[p]; re != nil {
		return re, nil
	}
	re, err := regexp.Compile(p)
	if err == nil {
		s.patterns[p] = re
	}
	return re, err
}

func hasType(inst any, t string) bool {
	switch t {
	case "object":
		_, ok := inst.(map[string]any)
		return ok
	case "array":
		_, ok := inst.([]any)
		return ok
	case "string":
		_, ok := inst.(string)
		return ok
	case "boolean":
		_, ok := inst.(bool)
		return ok
	case "null":
		return inst == nil
	case "number":
		_, ok := inst.(json.Number)
		return ok
	case "integer":
		n, ok := inst.(json.Number)
		if !ok {
			return false
		}
		if _, err := n.Int64(); err == nil {
			return true
		}
		f, err := n.Float64()
		return err == nil && f == float64(int64(f))
	}
	return false
}

func typeOf(inst any) string {
	for _, t := range []string{"object", "array", "string", "boolean", "null", "integer", "number"} {
		if hasType(inst, t) {
			return t
		}
	}
	return fmt.Sprintf("%T", inst)
}

func intOf(v any) int64 {
	n, _ := v.(json.Number).Int64()
	return n
}

// canonical is a value's JSON with sorted keys, for equality.
func canonical(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func orRoot(ptr string) string {
	if ptr == "" {
		return "(root)"
	}
	return ptr
}
